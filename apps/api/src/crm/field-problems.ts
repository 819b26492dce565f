import type { FieldProblem } from '@switchboard/crm-domain';
import type { GraphQLError } from 'graphql';
import { appError, ErrorCode } from '../platform/graphql/errors';

/**
 * Every problem of a form in one error: the first one's message and `extensions.field` (as every BAD_USER_INPUT
 * has), and all of them in `extensions.fields` ({ field, index?, message }) so a form shows each beside its field.
 */
export function invalidFields(problems: FieldProblem[]): GraphQLError {
  const fields = problems.map(({ field, index, message }) => (index === undefined ? { field, message } : { field, index, message }));
  return appError(ErrorCode.BAD_USER_INPUT, problems[0].message, { field: problems[0].field, fields });
}
