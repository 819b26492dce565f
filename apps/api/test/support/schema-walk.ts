import {
  astFromValue,
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Lexer,
  print,
  Source,
  TokenKind,
} from 'graphql';
import { GRAPHQL_LIMITS } from '../../src/platform/graphql/limits';
import type { TestApi } from './test-api';

/**
 * The schema walk: from the introspected schema, one operation per root field and argument choice, each selecting
 * everything beneath it, so that a field added to the schema is walked without anyone writing a query for it.
 * Fields are named by schema coordinates (`Type.field`, `Type.field(arg:)`, `Input.field`), which is also how
 * coverage is counted.
 */

export type RootKind = 'query' | 'mutation' | 'subscription';

/** IDs by the type they are the `id` of (`Contact`, `Activity`, ...). */
export type IdPools = Map<string, Set<string>>;

export interface WalkValues {
  /** The caller's own records: what an ID argument holds when it is not the one being probed. */
  own: IdPools;
  /** Each of these is tried in every ID argument whose name says its type (in every ID argument, when none does). */
  probes: IdPools;
  /** String arguments by name that take these values rather than made-up ones (a search term, an invite token). */
  strings: Record<string, string>;
}

export interface WalkOperation {
  kind: RootKind;
  field: string;
  document: string;
  /** The schema coordinates this operation exercises. */
  coordinates: string[];
  /** The argument (its path, e.g. `input.contactId`) holding a probe ID, and that ID. */
  probe?: { slot: string; id: string };
}

/** Where an ID goes in a root field's arguments, and the types its name says it is an ID of. */
interface IdSlot {
  path: string;
  types: string[];
}

/** The ID a slot holds in one variant of an operation; null: the caller's first own record of its type. */
type IdChoice = (slot: IdSlot) => string | null;

/** One operation of a root field: which arguments it passes, what its ID arguments hold, and what it probes. */
interface Variant {
  args: GraphQLArgument[];
  idAt: IdChoice;
  probe?: WalkOperation['probe'];
}

/** Stands in for an ID when the caller has no record of the type: the shape of an ID, of nothing. */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** Plausible values for made-up arguments, by argument name (an email must look like one, a timezone be real). */
const STRING_BY_NAME: Array<[RegExp, (n: number, seed: string) => string]> = [
  [/email/i, (n, seed) => `walk-${seed}-${n}@walk.test`],
  [/password/i, () => 'walk-password-1'],
  [/timezone/i, () => 'America/Los_Angeles'],
  [/region/i, () => 'US'],
  [/phone|number/i, () => '+1 415 555 0123'],
  [/url/i, () => 'https://walk.test/'],
];
const INT_BY_NAME: Array<[RegExp, number]> = [
  [/^first$/, 5],
  [/minutes/i, 30],
  [/value/i, 250_000],
];

/** The schema as a client sees it: introspection is on outside production. */
export async function introspectSchema(api: Pick<TestApi, 'graphql'>): Promise<GraphQLSchema> {
  const result = await api.graphql<IntrospectionQuery>(getIntrospectionQuery());
  if (!result.data) throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  return buildClientSchema(result.data);
}

/** The object types of the schema, its root types included, without GraphQL's own `__` types. */
function objectTypesOf(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !isIntrospectionType(type));
}

/** Every coordinate the walk has to exercise: each field and argument of each object type, each input field. */
export function schemaCoordinates(schema: GraphQLSchema): string[] {
  const coordinates = objectTypesOf(schema).flatMap((type) =>
    Object.values(type.getFields()).flatMap((field) => [`${type.name}.${field.name}`, ...field.args.map((arg) => `${type.name}.${field.name}(${arg.name}:)`)]),
  );
  const inputFields = Object.values(schema.getTypeMap())
    .filter(isInputObjectType)
    .filter((type) => !isIntrospectionType(type))
    .flatMap((type) => Object.keys(type.getFields()).map((name) => `${type.name}.${name}`));
  return [...coordinates, ...inputFields];
}

/** CamelCase words of a type name, longest tail first: FailedWebhookEvent, WebhookEvent, Event. */
function tailsOf(typeName: string): string[] {
  const words = typeName.match(/[A-Z][a-z0-9]*/g) ?? [typeName];
  return words.map((_, index) => words.slice(index).join(''));
}

/**
 * The types an ID named `name` is an ID of: `contactId` is a Contact's; a bare `id` is one of the type the field
 * is about (`revokeApiToken(id:)` an ApiToken's, `retryWebhookEvent(id:)` a Failed- or RejectedWebhookEvent's).
 */
export function typesNamedBy(schema: GraphQLSchema, name: string, fieldName: string): string[] {
  const withIds = objectTypesOf(schema).filter((type) => 'id' in type.getFields());
  const stem = name.replace(/Ids?$/, '');
  if (stem !== name) {
    return withIds.filter((type) => type.name.toLowerCase() === stem.toLowerCase()).map((type) => type.name);
  }
  const said = fieldName.toLowerCase();
  const matches = withIds
    .map((type) => ({ type: type.name, length: tailsOf(type.name).find((tail) => said.includes(tail.toLowerCase()))?.length ?? 0 }))
    .filter((match) => match.length > 0);
  const longest = Math.max(0, ...matches.map((match) => match.length));
  return matches.filter((match) => match.length === longest).map((match) => match.type);
}

/** The argument an ID slot is in: `input` for `input.contactId`. */
const topOf = (slot: IdSlot) => slot.path.split('.')[0];
const idsOf = (pools: IdPools, types: string[]) => types.flatMap((type) => [...(pools.get(type) ?? [])]);
const allIds = (pools: IdPools) => [...new Set([...pools.values()].flatMap((ids) => [...ids]))];

/** Builds operations for one caller's values; made-up values are unique per generator (fresh emails sign up). */
export class OperationGenerator {
  private made = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly values: WalkValues,
    private readonly seed: string,
  ) {}

  /**
   * Every operation of one kind: per root field its plain form, one per optional argument, and one per probe ID
   * in each ID argument (beside each of the caller's own IDs in the other ID arguments).
   */
  operations(kind: RootKind): WalkOperation[] {
    const root = this.rootType(kind);
    if (!root) return [];
    return Object.values(root.getFields()).flatMap((field) => this.operationsFor(kind, root, field));
  }

  private rootType(kind: RootKind): GraphQLObjectType | null | undefined {
    return kind === 'query' ? this.schema.getQueryType() : kind === 'mutation' ? this.schema.getMutationType() : this.schema.getSubscriptionType();
  }

  private operationsFor(kind: RootKind, root: GraphQLObjectType, field: GraphQLField<unknown, unknown>): WalkOperation[] {
    const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
    const optional = field.args.filter((arg) => !required.includes(arg));
    const ownFirst: IdChoice = () => null;
    const variants: Variant[] = [
      { args: required, idAt: ownFirst },
      ...optional.map((arg) => ({ args: [...required, arg], idAt: ownFirst })),
      ...this.probeVariants(root, field, required, optional),
    ];
    const selection = this.selectionOf(field, 1, []);
    return variants.map(({ args, idAt, probe }) => {
      const argumentText = this.argumentsText(root, field, args, idAt);
      return {
        kind,
        field: field.name,
        document: `${kind} { ${field.name}${argumentText.text}${selection.text} }`,
        coordinates: [`${root.name}.${field.name}`, ...argumentText.coordinates, ...selection.coordinates],
        probe,
      };
    });
  }

  /**
   * Each probe ID in each ID argument: with the required arguments alone, and beside each other optional ID
   * argument, since some operations need both (moving a recording needs where to).
   */
  private probeVariants(root: GraphQLObjectType, field: GraphQLField<unknown, unknown>, required: GraphQLArgument[], optional: GraphQLArgument[]): Variant[] {
    const slots = this.idSlotsOf(root, field);
    const holdingIds = optional.filter((arg) => slots.some((slot) => topOf(slot) === arg.name));
    return slots.flatMap((slot) => {
      const top = field.args.find((arg) => arg.name === topOf(slot)) as GraphQLArgument;
      const probed = required.includes(top) ? required : [...required, top];
      const candidates = idsOf(this.values.probes, slot.types);
      const ids = candidates.length > 0 ? candidates : allIds(this.values.probes);
      return [probed, ...holdingIds.filter((arg) => arg !== top).map((arg) => [...probed, arg])].flatMap((args) => {
        const others = slots.filter((other) => other !== slot && args.some((arg) => arg.name === topOf(other)));
        return ids.flatMap((id) =>
          this.ownCombinations(others).map((held) => ({ args, idAt: (candidate: IdSlot) => (candidate.path === slot.path ? id : (held[candidate.path] ?? null)), probe: { slot: slot.path, id } })),
        );
      });
    });
  }

  /**
   * Each way of filling `slots` with the caller's own IDs of their types: beside a probed ID, the other ID
   * arguments hold each of the caller's records in turn, so that the check on the probed one is reached whatever
   * the other has to be (an unmatched call to link, a recording to move).
   */
  private ownCombinations(slots: IdSlot[]): Array<Record<string, string>> {
    return slots.reduce<Array<Record<string, string>>>((combinations, slot) => {
      const ids = idsOf(this.values.own, slot.types);
      return ids.length > 0 ? combinations.flatMap((held) => ids.map((id) => ({ ...held, [slot.path]: id }))) : combinations;
    }, [{}]);
  }

  /** The ID positions of a field's arguments, found by filling every argument once. */
  private idSlotsOf(owner: GraphQLObjectType, field: GraphQLField<unknown, unknown>): IdSlot[] {
    const slots: IdSlot[] = [];
    this.argumentsText(owner, field, field.args, (slot) => {
      slots.push(slot);
      return null;
    });
    return slots;
  }

  private argumentsText(owner: GraphQLObjectType, field: GraphQLField<unknown, unknown>, args: readonly GraphQLArgument[], idAt: IdChoice) {
    const coordinates: string[] = [];
    const parts = args.map((arg) => {
      coordinates.push(`${owner.name}.${field.name}(${arg.name}:)`);
      const value = this.inputValue(arg.type, arg.name, arg.name, field.name, idAt, coordinates);
      const literal = astFromValue(value, arg.type);
      if (!literal) throw new Error(`no literal for ${owner.name}.${field.name}(${arg.name}:)`);
      return `${arg.name}: ${print(literal)}`;
    });
    return { text: parts.length > 0 ? `(${parts.join(', ')})` : '', coordinates };
  }

  private inputValue(type: GraphQLInputType, name: string, path: string, fieldName: string, idAt: IdChoice, coordinates: string[]): unknown {
    if (isNonNullType(type)) return this.inputValue(type.ofType, name, path, fieldName, idAt, coordinates);
    if (isListType(type)) return [this.inputValue(type.ofType, name, path, fieldName, idAt, coordinates)];
    if (isInputObjectType(type)) {
      return Object.fromEntries(
        Object.values(type.getFields()).map((inputField) => {
          coordinates.push(`${type.name}.${inputField.name}`);
          return [inputField.name, this.inputValue(inputField.type, inputField.name, `${path}.${inputField.name}`, fieldName, idAt, coordinates)];
        }),
      );
    }
    if (isEnumType(type)) return type.getValues()[0].value;
    if (type.name === 'ID') {
      const slot = { path, types: typesNamedBy(this.schema, name, fieldName) };
      return idAt(slot) ?? idsOf(this.values.own, slot.types)[0] ?? NO_SUCH_ID;
    }
    return this.scalarValue(type.name, name);
  }

  private scalarValue(scalar: string, name: string): unknown {
    this.made += 1;
    if (scalar === 'Int') return INT_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? 1;
    if (scalar === 'Float') return 1.5;
    if (scalar === 'Boolean') return true;
    // DateTime and the like: an instant tomorrow, when a meeting can still be booked.
    if (scalar !== 'String') return new Date(Date.now() + 86_400_000).toISOString();
    if (name in this.values.strings) return this.values.strings[name];
    const made = STRING_BY_NAME.find(([pattern]) => pattern.test(name))?.[1];
    return made ? made(this.made, this.seed) : `walk ${this.seed} ${this.made}`;
  }

  /**
   * Everything beneath a field: every field of its type with its arguments filled, each object type expanded
   * once along a path (a type met again on the path gives its leaves only), down to the depth the api allows.
   */
  private selectionOf(field: GraphQLField<unknown, unknown>, depth: number, path: string[]): { text: string; coordinates: string[] } {
    const type = getNamedType(field.type);
    if (isLeafType(type)) return { text: '', coordinates: [] };
    const object = this.objectType(type);
    const onPath = [...path, object.name];
    const coordinates: string[] = [];
    const parts = ['__typename'];
    for (const child of Object.values(object.getFields())) {
      const childType = getNamedType(child.type);
      // A field at depth + 1 with an object type needs its own fields at depth + 2.
      if (!isLeafType(childType) && depth + 2 > GRAPHQL_LIMITS.maxDepth) continue;
      const args = this.argumentsText(object, child, child.args, () => null);
      const beneath = isLeafType(childType)
        ? { text: '', coordinates: [] }
        : onPath.includes(childType.name)
          ? this.leavesOf(this.objectType(childType))
          : this.selectionOf(child, depth + 1, onPath);
      parts.push(`${child.name}${args.text}${beneath.text}`);
      coordinates.push(`${object.name}.${child.name}`, ...args.coordinates, ...beneath.coordinates);
    }
    return { text: ` { ${parts.join(' ')} }`, coordinates };
  }

  private leavesOf(object: GraphQLObjectType): { text: string; coordinates: string[] } {
    const leaves = Object.values(object.getFields()).filter((field) => isLeafType(getNamedType(field.type)) && field.args.length === 0);
    return { text: ` { __typename ${leaves.map((field) => field.name).join(' ')} }`, coordinates: leaves.map((field) => `${object.name}.${field.name}`) };
  }

  private objectType(type: GraphQLNamedType): GraphQLObjectType {
    // Unions and interfaces would need a fragment per possible type; the schema has none yet, so say so loudly.
    if (isAbstractType(type) || !isObjectType(type)) throw new Error(`the schema walk does not expand ${type.name} (${isAbstractType(type) ? 'abstract' : 'not an object'}) yet`);
    return type;
  }
}

/** Lexical tokens of a document as the api's parser counts them (GRAPHQL_LIMITS.maxTokens). */
export function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/** What one organisation's responses hold: its IDs by type, and the values that are its own. */
export interface RecordsSeen {
  ids: IdPools;
  /** IDs, emails, phone numbers in E.164, Zoom's identifiers of its records. */
  values: Set<string>;
  /** Every string by the field it was read from (`Attachment.url`, `PageInfo.endCursor`, ...). */
  strings: Map<string, Set<string>>;
}

export const emptyRecords = (): RecordsSeen => ({ ids: new Map(), values: new Set(), strings: new Map() });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+\d{8,15}$/;
/** Zoom's identifiers of the records (callId, meetingUuid, zoomUserId, ...), strings in the schema. */
const IDENTIFIER_FIELD = /(Id|Uuid)$/;
/** Shorter values would be found by chance in any answer. */
const MIN_SECRET_LENGTH = 6;

const addTo = <T>(map: Map<string, Set<T>>, key: string, value: T) => map.set(key, (map.get(key) ?? new Set<T>()).add(value));

/**
 * Reads a response's data (of the root type `rootType`; beneath it, typed through `__typename`) into `seen`.
 * `shared` names the fields whose values are not one organisation's alone (two organisations may connect users of
 * one Zoom account: its accountId).
 */
export function collectRecords(schema: GraphQLSchema, data: unknown, seen: RecordsSeen, shared: Set<string>, rootType?: string): void {
  if (Array.isArray(data)) return data.forEach((item) => collectRecords(schema, item, seen, shared));
  if (typeof data !== 'object' || data === null) return;
  const record = data as Record<string, unknown>;
  const typeName = rootType ?? record.__typename;
  const type = typeof typeName === 'string' ? schema.getType(typeName) : null;
  for (const [key, value] of Object.entries(record)) {
    const field = type && isObjectType(type) ? type.getFields()[key] : undefined;
    if (!field) continue;
    const fieldType = getNamedType(field.type);
    const strings = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    for (const text of strings) {
      const coordinate = `${type!.name}.${key}`;
      addTo(seen.strings, coordinate, text);
      if (shared.has(coordinate)) continue;
      if (fieldType.name === 'ID') addTo(seen.ids, key === 'id' ? type!.name : (typesNamedBy(schema, key, type!.name)[0] ?? 'ID'), text);
      const identifying = fieldType.name === 'ID' || EMAIL.test(text) || E164.test(text) || IDENTIFIER_FIELD.test(key);
      if (identifying && text.length >= MIN_SECRET_LENGTH) seen.values.add(text);
    }
    if (!isLeafType(fieldType)) collectRecords(schema, value, seen, shared);
  }
}

/** Which of `secrets` occur anywhere in `value` (data, error messages, extensions, a body). */
export function secretsIn(value: unknown, secrets: Iterable<string>): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return [...new Set(secrets)].filter((secret) => text.includes(secret));
}
