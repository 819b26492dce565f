import type { FormEvent, ReactNode } from 'react';
import './auth-card.css';

/** The centred card of the pages people see before they are signed in: sign in, first run, invite. */
export function AuthCard({ title, lead, children, onSubmit, wide, testId }: { title?: string; lead: ReactNode; children: ReactNode; onSubmit?: (event: FormEvent) => void; wide?: boolean; testId?: string }) {
  const className = `card login-card${wide ? ' wide' : ''}`;
  const head = (
    <>
      <div className="brand large">
        <span className="brand-mark" aria-hidden="true" />
        Switchboard
      </div>
      {title && <h1 className="auth-title">{title}</h1>}
      <p className="muted auth-lead">{lead}</p>
    </>
  );
  return (
    <main className="login">
      {onSubmit ? (
        <form className={className} onSubmit={onSubmit} noValidate data-testid={testId}>
          {head}
          {children}
        </form>
      ) : (
        <div className={className} data-testid={testId}>
          {head}
          {children}
        </div>
      )}
    </main>
  );
}
