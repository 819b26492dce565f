import { looksLikePhoneQuery, normalizePhone, phoneLookupKeys } from './phone';

describe('normalizePhone', () => {
  it.each(['(415) 555-0199', '415.555.0199', '+1 415 555 0199', '1-415-555-0199', '4155550199', '+14155550199'])(
    'reads US format %s as +14155550199',
    (input) => {
      expect(normalizePhone(input, 'US')).toEqual({ raw: input, e164: '+14155550199', extension: null, kind: 'e164' });
    },
  );

  it('reads the 00 international prefix even with a US default region', () => {
    expect(normalizePhone('0044 20 7946 0958', 'US').e164).toBe('+442079460958');
    expect(normalizePhone('011 44 20 7946 0958', 'US').e164).toBe('+442079460958');
  });

  it('reads international numbers and national numbers of the default region', () => {
    expect(normalizePhone('+44 20 7946 0958', 'US').e164).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958', 'GB').e164).toBe('+442079460958');
  });

  it('keeps the extension apart', () => {
    expect(normalizePhone('(415) 555-0199 x12', 'US')).toEqual({ raw: '(415) 555-0199 x12', e164: '+14155550199', extension: '12', kind: 'e164' });
    expect(normalizePhone('415-555-0199 ext. 12', 'US').extension).toBe('12');
  });

  it('treats short internal extensions as extensions, not numbers', () => {
    expect(normalizePhone('1001', 'US')).toEqual({ raw: '1001', e164: null, extension: '1001', kind: 'extension' });
    expect(phoneLookupKeys('1001')).toEqual(['1001']);
  });

  it.each(['abc', '', '+', '   ', '12ab34', '1', '+1 415', 'call me maybe'])('rejects garbage %p', (input) => {
    expect(normalizePhone(input, 'US')).toMatchObject({ e164: null, extension: null, kind: 'invalid' });
    expect(phoneLookupKeys(input)).toEqual([]);
  });

  it('trims the raw form', () => {
    expect(normalizePhone('  415 555 0199 ').raw).toBe('415 555 0199');
  });
});

describe('looksLikePhoneQuery', () => {
  it('tells numbers from names and emails', () => {
    expect(looksLikePhoneQuery('(415) 555-0199')).toBe(true);
    expect(looksLikePhoneQuery('555-01')).toBe(true);
    expect(looksLikePhoneQuery('jane')).toBe(false);
    expect(looksLikePhoneQuery('jane2000@example.com')).toBe(false);
    expect(looksLikePhoneQuery('12')).toBe(false);
  });
});
