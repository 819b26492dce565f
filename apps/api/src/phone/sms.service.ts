import { Inject, Injectable } from '@nestjs/common';
import { ActivityDirection, ActivityType, type SmsFacts, smsActivityKey } from '@switchboard/crm-domain';
import type { Logger } from 'pino';
import { type Activity, ActivityService, type SavedActivity } from '../activity';
import type { Principal } from '../auth';
import { ContactsService } from '../crm';
import { cleanText } from '../platform/graphql/validation';
import { LOGGER } from '../platform/logging/logger';
import type { SoftphoneSmsInput } from './dto/softphone.types';
import { pastTimeInput, phoneNumberInput, SMS_BODY_MAX_LENGTH, softphoneDirection, zoomIdInput } from './phone-input';

/** What Zoom's event corrects on a text the softphone logged first: Zoom's is the record of the message. */
const SMS_FACT_FIELDS: (keyof Activity)[] = ['direction', 'body', 'occurredAt', 'counterpartNumber', 'counterpartName', 'attachments'];
/** Zoom's event may match a contact the softphone's number did not. */
const SMS_FILLS: (keyof Activity)[] = ['contactId'];

/** An MMS file, by name only: its bytes stay at Zoom (we have no way to show them that keeps them there). */
const attachmentOf = (name: string) => ({ kind: 'mms', url: '', title: name });

/** Whose text it is: the Switchboard user whose Zoom line sent or received it. */
export interface SmsOwner {
  organisationId: string;
  userId: string;
}

/**
 * Texts (SMS and MMS) on the timeline: one SMS activity per Zoom message id, on the contact with the other number
 * (Unmatched when none has it; a colleague's text is internal, on no contact), from `phone.sms_sent` /
 * `phone.sms_received` or the softphone's log, whichever comes first.
 */
@Injectable()
export class SmsService {
  constructor(
    private readonly activities: ActivityService,
    private readonly contacts: ContactsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Zoom's event: its facts replace the softphone's, however often it is delivered. */
  async receive(owner: SmsOwner, facts: SmsFacts): Promise<void> {
    const { activity, created } = await this.record(owner, facts, SMS_FACT_FIELDS);
    // Neither the text nor the number: the activity id says which.
    if (created) this.logger.info({ activityId: activity.id, matched: Boolean(activity.contactId) }, 'Zoom text logged');
  }

  /** recordSoftphoneSms: the agent's own text, kept until Zoom's event (which corrects it) or alone if none comes. */
  async recordFromSoftphone(principal: Principal, input: SoftphoneSmsInput): Promise<Activity> {
    const facts: SmsFacts = {
      messageId: zoomIdInput(input.messageId, 'messageId'),
      direction: softphoneDirection(input.direction, 'direction', { required: true })!,
      counterpartRaw: phoneNumberInput(input.counterpartNumber, 'counterpartNumber', { required: true }),
      counterpartName: null,
      body: cleanText(input.body, 'body', { max: SMS_BODY_MAX_LENGTH }),
      sentAt: pastTimeInput(input.occurredAt, 'occurredAt'),
      attachmentNames: [],
    };
    return (await this.record({ organisationId: principal.organisationId, userId: principal.userId }, facts, [])).activity;
  }

  private async record(owner: SmsOwner, facts: SmsFacts, updatable: (keyof Activity)[]): Promise<SavedActivity> {
    const counterpart = await this.contacts.resolveCounterpart(owner.organisationId, facts.counterpartRaw);
    const internal = facts.direction === ActivityDirection.INTERNAL;
    return this.activities.upsertByZoomRef(
      {
        organisationId: owner.organisationId,
        ownerId: owner.userId,
        type: ActivityType.SMS,
        occurredAt: facts.sentAt,
        direction: facts.direction,
        body: facts.body,
        counterpartNumber: counterpart.number,
        counterpartName: facts.counterpartName,
        // A colleague is no contact: an internal text stays on the agent's side, and out of Unmatched.
        contactId: internal ? null : counterpart.contactId,
        attachments: facts.attachmentNames.map(attachmentOf),
        zoom: { messageId: facts.messageId },
        zoomRef: smsActivityKey(facts.messageId),
      },
      updatable,
      SMS_FILLS,
    );
  }
}
