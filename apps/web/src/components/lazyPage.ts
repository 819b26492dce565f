import { type ComponentType, lazy } from 'react';

/**
 * A page (or a part of one shown on demand, like a form behind a button) loaded in its own chunk the first time it
 * renders. Components are named exports, which React.lazy cannot take directly:
 * `lazyPage(() => import('./pages/ContactsPage'), 'ContactsPage')`.
 */
export function lazyPage<Name extends string, Props extends object>(load: () => Promise<Record<Name, ComponentType<Props>>>, name: Name) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
