import { MAX_JSON_DEPTH, storableText, whyUnstorable } from './inbox-storable';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('whyUnstorable', () => {
  it('passes what Zoom sends, unicode and emoji included', () => {
    expect(whyUnstorable({ event: 'phone.callee_missed', payload: { object: { caller: { name: 'Zoë 👋 李' }, call_logs: [{ id: 1 }, null, true] } } })).toBeNull();
  });

  it('names the field holding \\u0000 or a lone surrogate, never its content', () => {
    expect(whyUnstorable({ payload: { object: { caller: { name: 'Mallory\u0000Poison' } } } })).toBe('payload.object.caller.name holds \\u0000, which PostgreSQL cannot store');
    expect(whyUnstorable({ payload: { list: ['ok', 'bad\ud800'] } })).toBe('payload.list[1] holds an unpaired UTF-16 surrogate, which PostgreSQL cannot store');
    expect(whyUnstorable({ payload: { tail: '\udc00' } })).toMatch(/^payload\.tail holds an unpaired/);
    expect(whyUnstorable({ event: 'x\u0000' })).toMatch(/^event holds \\u0000/);
    expect(whyUnstorable({ payload: { 'sec\u0000ret': 1 } })).toBe('a key in payload holds \\u0000, which PostgreSQL cannot store');
    expect(whyUnstorable({ payload: { name: 'Mallory\u0000' } })).not.toMatch(/Mallory/);
  });

  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels, however deep, without overflowing the stack`, () => {
    expect(whyUnstorable(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(whyUnstorable(nested(MAX_JSON_DEPTH + 1))).toBe(`[0][0][0][0][0][0][0][0]… is nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(whyUnstorable({ payload: nested(200_000) })).toMatch(/^payload\[0\]\[0\].* is nested deeper than 64 levels$/);
  });
});

describe('storableText', () => {
  it('replaces what PostgreSQL cannot store and keeps the rest', () => {
    expect(storableText('a\u0000b\ud800c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
});
