import { CombinedGraphQLErrors } from '@apollo/client';

/** The api's per-field messages of a refused contact, keyed "firstName", "phones" (the list) or "phones.1" (one entry). */
export type FieldMessages = Record<string, string>;

export const fieldKey = (field: string, index?: number) => (index === undefined ? field : `${field}.${index}`);

/** Every problem a BAD_USER_INPUT lists (extensions.fields), or its one field; empty for any other error. */
export function fieldMessagesOf(error: unknown): FieldMessages {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const [first] = error.errors;
  if (first?.extensions?.code !== 'BAD_USER_INPUT') return {};
  const listed = first.extensions.fields;
  if (Array.isArray(listed)) {
    return Object.fromEntries(listed.map((problem: { field: string; index?: number; message: string }) => [fieldKey(problem.field, problem.index), problem.message]));
  }
  return typeof first.extensions.field === 'string' ? { [first.extensions.field]: first.message } : {};
}
