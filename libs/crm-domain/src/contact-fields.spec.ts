import { checkContactFields, contactedAt, regionName } from './contact-fields';
import { ActivityDirection, ActivityType, CallResult, MeetingStatus } from './enums';

describe('checkContactFields', () => {
  it('reports every problem at once, in words, with the entry of a list field', () => {
    const { problems } = checkContactFields(
      { firstName: '  ', emails: ['ok@example.com', 'not-an-email'], phones: ['415 555 0100', '123'], tags: ['x'.repeat(41)] },
      'US',
      { creating: true },
    );
    expect(problems).toEqual([
      { field: 'firstName', message: 'Enter a first name' },
      { field: 'emails', index: 1, message: '“not-an-email” doesn\'t look like an email address' },
      { field: 'phones', index: 1, message: '“123” doesn\'t look like a phone number for the United States: include the area code, or start with + and the country code' },
      { field: 'tags', index: 0, message: expect.stringMatching(/^A tag can be at most 40 characters/) },
    ]);
  });

  it('cleans what it accepts: trimmed text, lower-case emails, phones with extensions, tags without repeats', () => {
    const { fields, problems } = checkContactFields(
      { firstName: ' Abigail ', lastName: ' Chen ', leadSource: ' Zillow ', emails: ['A@B.test', 'a@b.test'], phones: ['650-555-0141 x51', '(650) 555-0141 ext. 51'], tags: ['VIP', ' vip ', 'first  time buyer'] },
      'US',
      { creating: true },
    );
    expect(problems).toEqual([]);
    expect(fields).toMatchObject({ firstName: 'Abigail', lastName: 'Chen', leadSource: 'Zillow', emails: ['a@b.test'], tags: ['VIP', 'first time buyer'] });
    expect(fields.phones).toEqual([{ raw: '650-555-0141 x51', e164: '+16505550141', extension: '51', kind: 'e164' }]);
  });

  it('leaves out what an update does not give, and requires a first name only when given or creating', () => {
    expect(checkContactFields({ lastName: 'Only' }, 'US', { creating: false })).toEqual({ fields: { lastName: 'Only' }, problems: [] });
    expect(checkContactFields({ lastName: 'Only' }, 'US', { creating: true }).problems).toEqual([{ field: 'firstName', message: 'Enter a first name' }]);
  });

  it('names the organisation\'s country in a phone problem', () => {
    expect(checkContactFields({ phones: ['12'] }, 'CA', { creating: false }).problems[0].message).toContain('for Canada');
    expect(regionName('GB')).toBe('the United Kingdom');
  });
});

describe('contactedAt', () => {
  const at = new Date('2026-11-20T10:00:00Z');
  const now = new Date('2026-11-24T10:00:00Z');
  const touch = (facts: Partial<Parameters<typeof contactedAt>[0]>) =>
    contactedAt({ type: ActivityType.CALL, direction: ActivityDirection.INBOUND, result: CallResult.ANSWERED, status: null, occurredAt: at, attachments: [], zoomRef: 'call:u:1', ...facts }, now);

  it('counts answered calls, calls we placed or logged by hand, started or ended meetings, texts and sent emails', () => {
    expect(touch({})).toEqual(at);
    expect(touch({ direction: ActivityDirection.OUTBOUND, result: CallResult.MISSED })).toEqual(at);
    expect(touch({ result: null, zoomRef: null })).toEqual(at);
    expect(touch({ type: ActivityType.MEETING, direction: null, result: null, status: MeetingStatus.ENDED })).toEqual(at);
    expect(touch({ type: ActivityType.SMS, result: null })).toEqual(at);
    expect(touch({ type: ActivityType.EMAIL, direction: null, result: null, attachments: [{ kind: 'email' }] })).toEqual(at);
  });

  it('does not count missed or still ringing inbound calls, internal calls, scheduled meetings, notes or emails kept in the outbox', () => {
    expect(touch({ result: CallResult.MISSED })).toBeNull();
    expect(touch({ result: null })).toBeNull();
    expect(touch({ direction: ActivityDirection.INTERNAL })).toBeNull();
    expect(touch({ type: ActivityType.MEETING, status: MeetingStatus.SCHEDULED })).toBeNull();
    expect(touch({ type: ActivityType.NOTE })).toBeNull();
    expect(touch({ type: ActivityType.EMAIL, attachments: [{ kind: 'outbox' }] })).toBeNull();
  });

  it('does not count what is still in the future (a meeting started before its time)', () => {
    expect(touch({ type: ActivityType.MEETING, status: MeetingStatus.STARTED, occurredAt: new Date('2026-11-24T11:00:00Z') })).toBeNull();
  });
});
