import type { ZoomSmsEvent } from '@switchboard/zoom';
import { ActivityDirection } from './enums';

/** One text message as the timeline keeps it, whether Zoom's event or the softphone's log told of it. */
export interface SmsFacts {
  messageId: string;
  direction: ActivityDirection;
  /** The other party's number as Zoom wrote it (E.164, or digits without the "+" as in Zoom's examples). */
  counterpartRaw: string | null;
  counterpartName: string | null;
  /** The text; null for a picture sent without words. */
  body: string | null;
  sentAt: Date;
  /** The MMS files' names; the files themselves stay at Zoom. */
  attachmentNames: string[];
}

/** The activity of a text: one per Zoom message id in an organisation, whichever of Zoom's event and the softphone's log came first. */
export const smsActivityKey = (messageId: string) => `sms:${messageId}`;

const nonEmpty = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);

type SmsParty = ZoomSmsEvent['payload']['object']['sender'];

/** The other end of a text: the sender of one received, the first recipient with a number of one sent (a group text goes on the first). */
function counterpartOf(event: ZoomSmsEvent): SmsParty | undefined {
  const { sender, to_members: recipients } = event.payload.object;
  return event.event === 'phone.sms_sent' ? (recipients.find((member) => nonEmpty(member.phone_number)) ?? recipients[0]) : sender;
}

/**
 * The facts of `phone.sms_sent` / `phone.sms_received`. A party with a Zoom id is on the account (Zoom's own examples
 * leave an outside number's `id` empty): a text with a colleague is INTERNAL, like a call with one.
 */
export function smsFacts(event: ZoomSmsEvent): SmsFacts {
  const sms = event.payload.object;
  const counterpart = counterpartOf(event);
  const internal = nonEmpty(counterpart?.id) !== null;
  return {
    messageId: sms.message_id,
    direction: internal ? ActivityDirection.INTERNAL : event.event === 'phone.sms_sent' ? ActivityDirection.OUTBOUND : ActivityDirection.INBOUND,
    counterpartRaw: nonEmpty(counterpart?.phone_number),
    counterpartName: nonEmpty(counterpart?.display_name),
    body: nonEmpty(sms.message),
    sentAt: new Date(sms.date_time),
    attachmentNames: sms.attachments.flatMap((attachment) => nonEmpty(attachment.name) ?? []),
  };
}

/**
 * The Zoom users whose text it may be, most likely first (Zoom's Phone webhooks spec): of a text sent, the member
 * who sent it for a call queue or auto receptionist (`sms_sender_user_id`), the owner, then the sending user; of a
 * text received, the owner, then the recipient that `is_message_owner` (a queue's text), then the other
 * recipients. A queue's own id among them matches no connection; the first one connected here gets the activity.
 */
export function smsOwnerCandidates(event: ZoomSmsEvent): string[] {
  const { owner, sender, to_members: recipients } = event.payload.object;
  const candidates =
    event.event === 'phone.sms_sent'
      ? [owner?.sms_sender_user_id, owner?.id, sender.id]
      : [owner?.id, ...recipients.filter((member) => member.is_message_owner).map((member) => member.id), ...recipients.map((member) => member.id)];
  return [...new Set(candidates.flatMap((candidate) => nonEmpty(candidate) ?? []))];
}
