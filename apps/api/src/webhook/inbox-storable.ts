/**
 * What PostgreSQL can never store of a parsed JSON event, checked before the event joins a multi-row INSERT (where
 * one refused row fails every row of the statement). jsonb and text refuse `\u0000` and unpaired UTF-16 surrogates;
 * jsonb's parser runs out of stack a few tens of thousands of levels deep (and JSON.stringify sooner). Zoom's events
 * nest a handful of levels, so anything deeper than MAX_JSON_DEPTH is refused long before either limit.
 */
export const MAX_JSON_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
/** Enough of a path to find the field; never a value. */
const MAX_PATH_SEGMENTS = 8;
const MAX_KEY_LENGTH = 40;

function flaw(text: string): string | null {
  if (text.includes('\u0000')) return 'holds \\u0000, which PostgreSQL cannot store';
  if (LONE_SURROGATE.test(text)) return 'holds an unpaired UTF-16 surrogate, which PostgreSQL cannot store';
  return null;
}

function pathOf(segments: string[]): string {
  const shown = segments.slice(0, MAX_PATH_SEGMENTS).map((segment) => (segment.length > MAX_KEY_LENGTH ? `${segment.slice(0, MAX_KEY_LENGTH)}…` : segment));
  const path = shown.join('.').replace(/\.\[/g, '[') + (segments.length > MAX_PATH_SEGMENTS ? '…' : '');
  return path || 'the event';
}

function check(value: unknown, segments: string[]): string | null {
  if (typeof value === 'string') {
    const problem = flaw(value);
    return problem && `${pathOf(segments)} ${problem}`;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (segments.length >= MAX_JSON_DEPTH) return `${pathOf(segments)} is nested deeper than ${MAX_JSON_DEPTH} levels`;
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const keyProblem = flaw(key);
    if (keyProblem) return `a key in ${pathOf(segments)} ${keyProblem}`;
    const problem = check(item, [...segments, key]);
    if (problem) return problem;
  }
  return null;
}

/** Why PostgreSQL would refuse to store this JSON value, naming the field (never its content); null when it can. */
export function whyUnstorable(value: unknown): string | null {
  return check(value, []);
}

/** The text with what PostgreSQL cannot store replaced by U+FFFD: for the few columns kept of a refused event. */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
}
