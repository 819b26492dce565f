import { contactDisplayName, decideContactMatch } from './matching';

describe('decideContactMatch', () => {
  it('has no match, one match, or asks which', () => {
    expect(decideContactMatch([])).toEqual({ kind: 'none' });
    expect(decideContactMatch(['a'])).toEqual({ kind: 'single', contactId: 'a' });
    expect(decideContactMatch(['a', 'b', 'a'])).toEqual({ kind: 'ambiguous', contactIds: ['a', 'b'] });
  });

  it('remembers the answer while that contact still has the number', () => {
    expect(decideContactMatch(['a', 'b'], 'b')).toEqual({ kind: 'single', contactId: 'b' });
    expect(decideContactMatch(['a', 'c'], 'b')).toEqual({ kind: 'ambiguous', contactIds: ['a', 'c'] });
  });
});

describe('contactDisplayName', () => {
  it('joins what exists', () => {
    expect(contactDisplayName(' Jane ', 'Doe')).toBe('Jane Doe');
    expect(contactDisplayName('Jane', '')).toBe('Jane');
    expect(contactDisplayName(null, 'Doe')).toBe('Doe');
  });
});
