import type { ZoomSmsEvent } from '@switchboard/zoom';
import { ActivityDirection } from './enums';
import { smsActivityKey, smsFacts, smsOwnerCandidates } from './sms';

type SmsObject = ZoomSmsEvent['payload']['object'];

const AGENT = 'zoom-agent';
const outsider = { id: '', type: 'user', display_name: 'JORDAN LEE', phone_number: '14155550187' };
const agentLine = { id: AGENT, type: 'user', display_name: 'Alex Agent', phone_number: '+14155550100' };

const sms = (event: ZoomSmsEvent['event'], object: Partial<SmsObject>): ZoomSmsEvent => ({
  event,
  event_ts: 1,
  payload: {
    account_id: 'account',
    object: { message_id: 'm-1', message: 'See you at 10', date_time: '2026-11-24T19:01:05Z', sender: agentLine, to_members: [outsider], owner: { type: 'user', id: AGENT }, attachments: [], ...object },
  },
});

describe('smsFacts', () => {
  it('reads a text sent to an outside number: outbound, to its first recipient, with the files\' names', () => {
    const facts = smsFacts(
      sms('phone.sms_sent', {
        to_members: [outsider, { id: '', type: 'user', display_name: 'SAM RIVERA', phone_number: '+14155550142' }],
        attachments: [{ id: 'f1', name: '12-Alder-St-flyer.pdf', type: 'pdf', size: 53120, download_url: 'https://zoom.test/f1' }, { id: 'f2', name: ' ' }],
      }),
    );
    expect(facts).toEqual({
      messageId: 'm-1',
      direction: ActivityDirection.OUTBOUND,
      counterpartRaw: '14155550187',
      counterpartName: 'JORDAN LEE',
      body: 'See you at 10',
      sentAt: new Date('2026-11-24T19:01:05Z'),
      attachmentNames: ['12-Alder-St-flyer.pdf'],
    });
  });

  it('reads a text received from an outside number: inbound, from its sender; a picture without words has no body', () => {
    const facts = smsFacts(sms('phone.sms_received', { sender: outsider, to_members: [{ ...agentLine, is_message_owner: true }], message: '' }));
    expect(facts).toMatchObject({ direction: ActivityDirection.INBOUND, counterpartRaw: '14155550187', counterpartName: 'JORDAN LEE', body: null });
  });

  it('reads a text with a colleague (a party with a Zoom id) as internal', () => {
    expect(smsFacts(sms('phone.sms_sent', { to_members: [{ id: 'zoom-colleague', type: 'user', phone_number: '+14155550101' }] })).direction).toBe(ActivityDirection.INTERNAL);
    expect(smsFacts(sms('phone.sms_received', { sender: { id: 'zoom-colleague', type: 'user', phone_number: '+14155550101' }, to_members: [agentLine] })).direction).toBe(ActivityDirection.INTERNAL);
  });
});

describe('smsOwnerCandidates', () => {
  it('is the owning user of a user\'s text', () => {
    expect(smsOwnerCandidates(sms('phone.sms_sent', {}))).toEqual([AGENT]);
    expect(smsOwnerCandidates(sms('phone.sms_received', { sender: outsider, to_members: [agentLine] }))).toEqual([AGENT]);
  });

  it('names the member who sent a call queue\'s text first', () => {
    const queueText = sms('phone.sms_sent', { owner: { type: 'callQueue', id: 'queue-1', sms_sender_user_id: 'member-2' }, sender: { id: '', type: 'user', phone_number: '+14155550900' } });
    expect(smsOwnerCandidates(queueText)).toEqual(['member-2', 'queue-1']);
  });

  it('names the recipient that owns a call queue\'s received text before the other recipients', () => {
    const queueText = sms('phone.sms_received', {
      owner: { type: 'callQueue', id: 'queue-1', team_id: 'queue-1' },
      sender: outsider,
      to_members: [
        { id: 'member-1', type: 'user', phone_number: '+14155550900' },
        { id: 'member-2', type: 'user', phone_number: '+14155550900', is_message_owner: true },
      ],
    });
    expect(smsOwnerCandidates(queueText)).toEqual(['queue-1', 'member-2', 'member-1']);
  });
});

describe('smsActivityKey', () => {
  it('is one key per Zoom message id, whoever logs it', () => {
    expect(smsActivityKey('9b8a7c6d')).toBe('sms:9b8a7c6d');
  });
});
