import { InvalidPhoneNumberError, calltoUri, telUri, toE164, zoomPhoneCallUri, zoomPhoneSmsUri } from './phone-uris';

describe('phone URI builders', () => {
  it('builds each scheme from an E.164 number', () => {
    expect(zoomPhoneCallUri('+14155550123')).toBe('zoomphonecall://+14155550123');
    expect(zoomPhoneSmsUri('+14155550123')).toBe('zoomphonesms://+14155550123');
    expect(telUri('+14155550123')).toBe('tel:+14155550123');
    expect(calltoUri('+442071838750')).toBe('callto:+442071838750');
  });

  it('keeps an extension: in tel:, and by tel: for Zoom Phone too, since zoomphonecall:// documents none', () => {
    expect(telUri('+16505550141', '51')).toBe('tel:+16505550141;ext=51');
    expect(zoomPhoneCallUri('+16505550141', '51')).toBe('tel:+16505550141;ext=51');
    expect(zoomPhoneCallUri('+16505550141', null)).toBe('zoomphonecall://+16505550141');
    expect(() => zoomPhoneCallUri('+16505550141', '51?callerid=1')).toThrow(InvalidPhoneNumberError);
    expect(() => telUri('+16505550141', '5;x=1')).toThrow(InvalidPhoneNumberError);
  });

  it('drops common separators from a formatted E.164 number', () => {
    expect(toE164(' +1 (415) 555-0123 ')).toBe('+14155550123');
    expect(zoomPhoneCallUri('+44 20.7183.8750')).toBe('zoomphonecall://+442071838750');
  });

  it.each([
    ['a national number without +', '4155550123'],
    ['letters', '+1415CALLNOW'],
    ['a URI parameter', '+14155550123;ext=1'],
    ['a query string', '+14155550123?callerid=+15550000000'],
    ['a script payload', 'javascript:alert(1)'],
    ['a leading zero country code', '+04155550123'],
    ['too many digits', '+1234567890123456'],
    ['too few digits', '+12345'],
    ['an empty string', ''],
  ])('rejects %s', (_, input) => {
    expect(() => zoomPhoneCallUri(input)).toThrow(InvalidPhoneNumberError);
    expect(() => telUri(input)).toThrow(InvalidPhoneNumberError);
  });
});
