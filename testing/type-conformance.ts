/**
 * Compile-time checks of one shape against another (ours against the types in Zoom's SDK). They cost nothing at
 * run time: a failing check is a `tsc -p tsconfig.spec.json` error that names the field.
 */

/** Compiles only when `Actual` is assignable to `Expected`; tsc's error walks down to the first field that is not. */
export type AssertAssignable<Actual extends Expected, Expected> = Actual;

/** Compiles only when `Problems` is never; otherwise tsc prints them (field paths, below). */
export type AssertNone<Problems extends never> = Problems;

/** The named keys of T, without the `[key: string]: unknown` that loose zod objects add. */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: unknown } & string;

/**
 * The named fields of T, every one optional, all the way down: "where Zoom sends this field, it has this type".
 * Index signatures are dropped, so the SDK's own extra fields pass as they do through a loose zod object.
 */
export type DeepPartial<T> = T extends readonly (infer Item)[] ? DeepPartial<Item>[] : T extends object ? { [K in NamedKeys<T>]?: DeepPartial<T[K]> } : T;

type RequiredKeys<T> = { [K in NamedKeys<T>]-?: object extends Pick<T, K> ? never : K }[NamedKeys<T>];

/** "a.b" for objects and "a[].b" for arrays of objects: the path notation of every check here. */
type Below<Value, Path extends string> = NonNullable<Value> extends readonly (infer Item)[] ? [NonNullable<Item>, `${Path}[].`] : [NonNullable<Value>, `${Path}.`];

type Nested<Value, Path extends string, Recurse extends 'all' | 'required'> =
  Below<Value, Path> extends [infer Inner, infer Prefix extends string]
    ? Inner extends object
      ? Recurse extends 'all'
        ? FieldPaths<Inner, Prefix>
        : RequiredFieldPaths<Inner, Prefix>
      : never
    : never;

/** The dotted path of every field T declares, nested ones included; for a union, of any of its members. */
export type FieldPaths<T, Prefix extends string = ''> = T extends unknown
  ? { [K in NamedKeys<T>]-?: `${Prefix}${K}` | Nested<T[K], `${Prefix}${K}`, 'all'> }[NamedKeys<T>]
  : never;

/** The dotted path of every field T requires where its parent is present. */
export type RequiredFieldPaths<T, Prefix extends string = ''> = T extends unknown
  ? { [K in NamedKeys<T>]-?: (K extends RequiredKeys<T> ? `${Prefix}${K}` : never) | Nested<T[K], `${Prefix}${K}`, 'required'> }[NamedKeys<T>]
  : never;

/**
 * `never` is assignable to anything and has no fields, `any` likewise: checks of either pass and prove nothing, so
 * the two checks below report them (a builder whose type collapsed would otherwise pass every check).
 */
type Vacuity<T> = 0 extends 1 & T ? 'any proves nothing' : [T] extends [never] ? 'never proves nothing' : never;

/**
 * Fields `Ours` declares that no member of `Zoom` declares, less the ones `Explained` (each with its reason where
 * used; an explanation of a field we no longer have does not compile).
 */
export type UndeclaredFields<Ours, Zoom, Explained extends FieldPaths<Ours> = never> = Vacuity<Ours> | Exclude<FieldPaths<Ours>, FieldPaths<Zoom> | Explained>;

/**
 * Fields `Ours` requires that some member of `Zoom` leaves optional, less the ones we `Insist` on (each with its
 * reason where used; insisting on a field we no longer require does not compile).
 */
export type OverRequiredFields<Ours, Zoom, Insisted extends RequiredFieldPaths<Ours> = never> =
  | Vacuity<Ours>
  | (Zoom extends unknown ? Exclude<RequiredFieldPaths<Ours>, RequiredFieldPaths<Zoom> | Insisted> : never);
