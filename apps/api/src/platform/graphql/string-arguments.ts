import {
  defaultFieldResolver,
  GraphQLID,
  type GraphQLInputType,
  type GraphQLSchema,
  GraphQLString,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { withoutNul } from './validation';

/**
 * Free-text inputs, by schema coordinate: a NUL in them is dropped. A NUL in any other String or ID input, at any
 * depth of an input object or list, is BAD_USER_INPUT naming the field (docs/architecture.md, "NUL in input").
 */
export const FREE_TEXT_INPUTS: ReadonlySet<string> = new Set([
  'Mutation.addNote(body:)',
  'Mutation.updateNote(body:)',
  'ContactInput.notes',
  'ScheduleMeetingInput.agenda',
  'BookMeetingInput.note',
  'Mutation.updateCallLog(notes:)',
  'LogCallInput.notes',
  'SoftphoneCallInput.notes',
  'SoftphoneSmsInput.body',
]);

function carriesText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  if (isNonNullType(type) || isListType(type)) return carriesText(type.ofType, seen);
  if (type === GraphQLString || type === GraphQLID) return true;
  if (!isInputObjectType(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  return Object.values(type.getFields()).some((field) => carriesText(field.type, seen));
}

/** The value with the NUL rule applied; the very same value when nothing changed. */
function cleanValue(value: unknown, type: GraphQLInputType, coordinate: string, field: string): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return cleanValue(value, type.ofType, coordinate, field);
  if (isListType(type) && Array.isArray(value)) {
    const items = value.map((item) => cleanValue(item, type.ofType, coordinate, field));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (typeof value === 'string' && (type === GraphQLString || type === GraphQLID)) {
    return withoutNul(value, field, { freeText: FREE_TEXT_INPUTS.has(coordinate) });
  }
  if (isInputObjectType(type) && typeof value === 'object') {
    const input = value as Record<string, unknown>;
    let cleaned = input;
    for (const inputField of Object.values(type.getFields())) {
      const before = input[inputField.name];
      const after = cleanValue(before, inputField.type, `${type.name}.${inputField.name}`, inputField.name);
      if (after !== before) cleaned = { ...cleaned, [inputField.name]: after };
    }
    return cleaned;
  }
  return value;
}

/**
 * Applies the NUL rule to every argument of every field that takes text, before its resolver (or subscription)
 * sees it: one place for all GraphQL input, whichever module's resolver it is for. A `transformSchema` hook.
 */
export function cleanStringArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const textArgs = field.args.filter((arg) => carriesText(arg.type));
      if (textArgs.length === 0) continue;
      const clean = (args: Record<string, unknown>) => {
        let cleaned = args;
        for (const arg of textArgs) {
          const value = cleanValue(args[arg.name], arg.type, `${type.name}.${field.name}(${arg.name}:)`, arg.name);
          if (value !== args[arg.name]) cleaned = { ...cleaned, [arg.name]: value };
        }
        return cleaned;
      };
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => resolve(source, clean(args), context, info);
      const subscribe = field.subscribe;
      if (subscribe) field.subscribe = (source, args, context, info) => subscribe(source, clean(args), context, info);
    }
  }
  return schema;
}
