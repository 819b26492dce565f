import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type DocumentNode, type GraphQLSchema, validate } from 'graphql';
import { DataSource } from 'typeorm';
import { queryCost } from '../../src/platform/graphql/limits';
import type { TestApi } from './test-api';

/** Every SQL statement the api's main DataSource sends while `work` runs, read through TypeORM's logger hook. */
export async function queriesDuring(api: TestApi, work: () => Promise<unknown>): Promise<string[]> {
  const logger = api.app.get(DataSource).logger;
  const original = logger.logQuery;
  const queries: string[] = [];
  logger.logQuery = (query, parameters, queryRunner) => {
    queries.push(query);
    return original.call(logger, query, parameters, queryRunner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return queries;
}

/** Statements that read `table` (FROM or JOIN), for one-query-per-field assertions. */
export const reading = (queries: string[], table: string) => queries.filter((query) => new RegExp(`\\b(FROM|JOIN)\\s+"?${table}"?[\\s,)]`, 'i').test(query));

/** `count` contacts, each with `dealsEach` deals and `notesEach` notes, made through the api as an agent would. */
export async function seedContacts(api: TestApi, token: string, count: number, options: { dealsEach?: number; notesEach?: number } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, offset) => start + offset);
    ids.push(
      ...(await Promise.all(
        batch.map(async (index) => {
          const created = await api.graphql<{ createContact: { id: string } }>(
            'mutation($input: ContactInput!) { createContact(input: $input) { id } }',
            { input: { firstName: `Person${String(index).padStart(3, '0')}`, lastName: 'Load', phones: [`+1415555${String(100 + index).padStart(4, '0')}`], emails: [`p${index}@load.test`] } },
            token,
          );
          if (!created.data) throw new Error(`createContact failed: ${JSON.stringify(created.errors)}`);
          const id = created.data.createContact.id;
          for (let deal = 0; deal < (options.dealsEach ?? 0); deal += 1) {
            const result = await api.graphql('mutation($input: DealInput!) { createDeal(input: $input) { id } }', { input: { title: `Listing ${index}-${deal}`, contactId: id } }, token);
            if (!result.data) throw new Error(`createDeal failed: ${JSON.stringify(result.errors)}`);
          }
          for (let note = 0; note < (options.notesEach ?? 0); note += 1) {
            const result = await api.graphql('mutation($id: ID!, $body: String!) { addNote(contactId: $id, body: $body) { id } }', { id, body: `Note ${note}` }, token);
            if (!result.data) throw new Error(`addNote failed: ${JSON.stringify(result.errors)}`);
          }
          return id;
        }),
      )),
    );
  }
  return ids;
}

/** `count` aliases of one field selection, `a0: <selection> a1: <selection> ...`. */
export const aliased = (count: number, selection: string) => Array.from({ length: count }, (_, index) => `a${index}: ${selection}`).join('\n');

export interface LogLine {
  level: number;
  msg: string;
  context?: string;
  [key: string]: unknown;
}
export const ERROR_LEVEL = 50;

/** The log lines about GraphQL that `work` made the api write: its own requests' lines, and Nest's exception handler's. */
export async function graphqlLogLinesDuring(api: TestApi, work: () => Promise<unknown>): Promise<LogLine[]> {
  const before = api.logLines.length;
  await work();
  // Apollo's last hook may write just after the response has left.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return api.logLines
    .slice(before)
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.context === 'ExceptionsHandler' || /graphql|resolver|zoom call/i.test(line.msg));
}

/** Depth and aliases as the api's GraphQL Armor rules count them, cost as its cost limit does. */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}): { depth: number; aliases: number; cost: number } {
  let depth = -1;
  let aliases = -1;
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: Number.MAX_SAFE_INTEGER, flattenFragments: true, onAccept: [(_context, details: { n: number }) => (depth = details.n)] },
    maxAliases: { n: Number.MAX_SAFE_INTEGER, onAccept: [(_context, details: { n: number }) => (aliases = details.n)] },
    costLimit: { enabled: false },
    maxDirectives: { enabled: false },
  }).protect();
  const errors = validate(schema, document, validationRules);
  if (errors.length > 0) throw new Error(errors.map((error) => error.message).join('; '));
  return { depth, aliases, cost: queryCost(schema, document, variables) };
}
