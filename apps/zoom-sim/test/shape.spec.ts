import { shapeDifferences } from './support/shape';

describe('shapeDifferences', () => {
  it('names missing, extra and retyped fields, inside arrays too', () => {
    const fixture = { id: 'a', n: 1, items: [{ x: true }], nested: { y: 'z' } };
    expect(shapeDifferences({ id: 'b', n: 2, items: [{ x: false }, { x: true }], nested: { y: '' } }, fixture)).toEqual([]);
    expect(shapeDifferences({ id: 1, items: [{ x: true, extra: 1 }], nested: { y: 'z' }, more: null }, fixture)).toEqual([
      'id: number where the fixture has string',
      'n: missing',
      'items[].extra: not in the fixture',
      'more: not in the fixture',
    ]);
    expect(shapeDifferences({ id: 'a', items: [], nested: {} }, fixture, ['n', 'nested.y'])).toEqual([]);
  });
});
