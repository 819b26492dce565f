import type { ReactNode } from 'react';
import { errorMessage } from '../apollo';
import { isFieldError } from './errors';

const messageId = (field: string) => `${field}-error`;

/** What an input needs to say that the api refused it, and where the reason is. */
export function fieldState(error: unknown, field: string) {
  const invalid = isFieldError(error, field);
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? messageId(field) : undefined };
}

/** The api's message about one field, beside that field. */
export function FieldMessage({ error, field }: { error: unknown; field: string }) {
  if (!isFieldError(error, field)) return null;
  return (
    <span className="field-error" id={messageId(field)} role="alert">
      {errorMessage(error)}
    </span>
  );
}

/** A labelled input (its children) that shows the api's objection to `field` below it. */
export function ValidatedField({ error, field, label, children }: { error: unknown; field: string; label: ReactNode; children: ReactNode }) {
  return (
    <label className={isFieldError(error, field) ? 'invalid' : undefined}>
      {label}
      {children}
      <FieldMessage error={error} field={field} />
    </label>
  );
}
