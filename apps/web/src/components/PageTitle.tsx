import { type ReactNode, useEffect } from 'react';

const APP_NAME = 'Switchboard';

/** Sets the browser tab's title to "<title> · Switchboard" while the calling component is shown. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}

/**
 * A route's fixed title. Pages whose title depends on their data (a contact's name) call usePageTitle themselves
 * instead of being wrapped: a parent's effect runs after its child's and would overwrite it.
 */
export function Titled({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return children;
}
