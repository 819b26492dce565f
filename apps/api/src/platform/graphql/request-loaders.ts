import DataLoader from 'dataloader';

/** What a loader needs of the GraphQL context: one object per HTTP request, one per subscription over graphql-ws. */
export interface LoaderScope {
  transport: 'http' | 'ws';
}

const loadersByRequest = new WeakMap<LoaderScope, Map<string, DataLoader<string, unknown>>>();

/**
 * The request's loader named `name`, made on first use: every resolver of one request that asks for the same name
 * shares its batches and its cache, and it goes with the context object. A subscription's context lives as long
 * as the subscription and serves every event, so there a loader batches within one event and caches nothing.
 */
export function requestLoader<V>(scope: LoaderScope, name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
  let loaders = loadersByRequest.get(scope);
  if (!loaders) loadersByRequest.set(scope, (loaders = new Map()));
  let loader = loaders.get(name) as DataLoader<string, V> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V>(batch, { cache: scope.transport !== 'ws' });
    loaders.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}

/**
 * Rows of one kind by id within an organisation: one `find` per request for all the ids its resolvers ask for
 * (`kind` names the row type, so that Activity.contact and Deal.contact share one loader). Unknown ids load null.
 */
export function loadById<T extends { id: string }>(
  scope: LoaderScope,
  kind: string,
  organisationId: string,
  find: (organisationId: string, ids: string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return loadByKey(scope, kind, organisationId, find, (row) => row.id);
}

/**
 * Rows of one kind by another unique key within an organisation (a recording by its activity): as loadById, the
 * row's key read by `keyOf`. Resolvers of different fields of one row (a recording's cues and its summary state)
 * that name the same `kind` share one `find`.
 */
export function loadByKey<T>(
  scope: LoaderScope,
  kind: string,
  organisationId: string,
  find: (organisationId: string, keys: string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T | null> {
  return requestLoader(scope, `${kind}:${organisationId}`, async (keys) => {
    const rows = new Map((await find(organisationId, [...new Set(keys)])).map((row) => [keyOf(row), row]));
    return keys.map((key) => rows.get(key) ?? null);
  });
}

/** Rows grouped by a parent key (a contact's deals): one `find` per request for every parent, `[]` for none. */
export function loadGroupedBy<T>(
  scope: LoaderScope,
  kind: string,
  organisationId: string,
  find: (organisationId: string, keys: string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T[]> {
  return requestLoader(scope, `${kind}:${organisationId}`, async (keys) => {
    const groups = new Map<string, T[]>();
    for (const row of await find(organisationId, [...new Set(keys)])) {
      const group = groups.get(keyOf(row));
      if (group) group.push(row);
      else groups.set(keyOf(row), [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
