import { decodeCursor, encodeCursor, readPageSize } from './pagination';

describe('pagination input', () => {
  it('defaults to 20 and refuses more than 100', () => {
    expect(readPageSize(undefined)).toBe(20);
    expect(readPageSize(100)).toBe(100);
    expect(() => readPageSize(101)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    expect(() => readPageSize(0)).toThrow(/between 1 and 100/);
  });

  it('round-trips cursors and rejects forged ones', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'abc']), 2)).toEqual(['2026-01-01T00:00:00.000Z', 'abc']);
    expect(decodeCursor(undefined, 2)).toBeNull();
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(['only-one']), 2)).toThrow(/cursor/);
  });
});
