import { createHash, randomUUID } from 'node:crypto';
import { randomZoomId, zoomTime } from './ids';
import type { SimState } from './state';
import { displayName, type SimPhoneUser } from './users';

export type SmsDirection = 'inbound' | 'outbound';

/** One text between a Zoom Phone user and a number outside the account. */
export interface SimSms {
  messageId: string;
  sessionId: string;
  accountId: string;
  user: SimPhoneUser;
  direction: SmsDirection;
  counterpartNumber: string;
  counterpartName: string;
  body: string;
  attachments: Array<{ id: string; name: string; type: string; size: number }>;
  sentAt: number;
}

export interface SendSmsInput {
  user: SimPhoneUser;
  direction: SmsDirection;
  counterpartNumber: string;
  counterpartName: string;
  body: string;
  /** MMS files by name; Zoom lists them on the event, the simulator serves none of them. */
  attachmentNames: string[];
}

/** Zoom keeps one session per conversation: the same pair of numbers always has the same session id (32 hex digits). */
const sessionIdOf = (user: SimPhoneUser, counterpartNumber: string) => createHash('sha256').update(`sms-session:${user.id}:${counterpartNumber}`).digest('hex').slice(0, 32);

/** A file's kind as Zoom's examples give it: the extension ("jpg", "pdf"). */
const fileType = (name: string) => /\.([A-Za-z0-9]+)$/.exec(name)?.[1].toLowerCase() ?? '';

export function sendSms(input: SendSmsInput): SimSms {
  return {
    messageId: randomUUID(),
    sessionId: sessionIdOf(input.user, input.counterpartNumber),
    accountId: input.user.accountId,
    user: input.user,
    direction: input.direction,
    counterpartNumber: input.counterpartNumber,
    counterpartName: input.counterpartName,
    body: input.body,
    // Sizes stand in for real files; nothing is downloadable.
    attachments: input.attachmentNames.map((name) => ({ id: randomZoomId(), name, type: fileType(name), size: 1024 * (name.length + 40) })),
    sentAt: Date.now() - 1000,
  };
}

/** The fields both SMS events carry after their parties and owner, in Zoom's order. */
function messageFields(state: SimState, sms: SimSms) {
  return {
    message: sms.body,
    attachments: sms.attachments.map((file) => ({ ...file, download_url: `${state.publicUrl}/v2/phone/sms/messages/${sms.messageId}/attachments/${file.id}` })),
    session_id: sms.sessionId,
    message_id: sms.messageId,
    // Zoom documents no values; its examples show 1.
    message_type: 1,
    date_time: zoomTime(sms.sentAt),
    // The SDK's shape (Zoom's Phone webhooks spec adds opt_in_status and opt_in_message; the SDK wins).
    phone_number_campaign_opt_statuses: [{ consumer_phone_number: sms.counterpartNumber, zoom_phone_user_number: sms.user.phoneNumber, opt_status: 'opt_in' as const }],
  };
}

/** `phone.sms_sent`: the user texted the number. An outside recipient has no Zoom id. */
export function smsSent(state: SimState, sms: SimSms) {
  return {
    event: 'phone.sms_sent' as const,
    payload: {
      account_id: sms.accountId,
      object: {
        failure_reason: '',
        sender: { phone_number: sms.user.phoneNumber, id: sms.user.id, type: 'user' as const, display_name: displayName(sms.user) },
        to_members: [{ id: '', type: 'user' as const, display_name: sms.counterpartName, phone_number: sms.counterpartNumber }],
        owner: { type: 'user' as const, id: sms.user.id, sms_sender_user_id: '' },
        ...messageFields(state, sms),
      },
    },
  };
}

/** `phone.sms_received`: the number texted the user, who owns the message. */
export function smsReceived(state: SimState, sms: SimSms) {
  return {
    event: 'phone.sms_received' as const,
    payload: {
      account_id: sms.accountId,
      object: {
        sender: { phone_number: sms.counterpartNumber, id: '', type: 'user' as const, display_name: sms.counterpartName },
        to_members: [{ id: sms.user.id, type: 'user' as const, display_name: displayName(sms.user), phone_number: sms.user.phoneNumber, is_message_owner: true }],
        owner: { type: 'user' as const, id: sms.user.id, team_id: '' },
        ...messageFields(state, sms),
      },
    },
  };
}

export const smsEvent = (state: SimState, sms: SimSms) => (sms.direction === 'outbound' ? smsSent(state, sms) : smsReceived(state, sms));
