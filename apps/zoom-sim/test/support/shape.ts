/** JSON types as the conformance test compares them. */
const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Where `actual` differs from `expected` in field names, nesting or JSON types. Array items are compared with
 * the fixture's first item; `optional` lists dotted paths (array items as `[]`) that may be absent.
 */
export function shapeDifferences(actual: unknown, expected: unknown, optional: readonly string[] = [], path = ''): string[] {
  const here = path || '(root)';
  if (jsonType(actual) !== jsonType(expected)) return [`${here}: ${jsonType(actual)} where the fixture has ${jsonType(expected)}`];
  if (Array.isArray(expected)) {
    if (expected.length === 0) return [];
    return (actual as unknown[]).flatMap((item) => shapeDifferences(item, expected[0], optional, `${path}[]`));
  }
  if (jsonType(expected) !== 'object') return [];
  const actualObject = actual as Record<string, unknown>;
  const expectedObject = expected as Record<string, unknown>;
  const join = (key: string) => (path ? `${path}.${key}` : key);
  const differences: string[] = [];
  for (const key of Object.keys(expectedObject)) {
    if (!(key in actualObject)) {
      if (!optional.includes(join(key))) differences.push(`${join(key)}: missing`);
      continue;
    }
    differences.push(...shapeDifferences(actualObject[key], expectedObject[key], optional, join(key)));
  }
  for (const key of Object.keys(actualObject)) if (!(key in expectedObject)) differences.push(`${join(key)}: not in the fixture`);
  return differences;
}
