import express, { type Response, Router } from 'express';
import { endMeeting, recordPastMeetings, startMeeting } from './cloud-recordings';
import { createdMeetingResource, createMeeting, isEmailAddress, meetingCreated, meetingDeleted, meetingOf, meetingResource, settingsWithInvitees } from './meetings';
import { ANONYMOUS, callEvents, recordCall, type CallDirection, type CallOutcome, type Party, type RecordShape } from './phone-calls';
import { sendSms, smsEvent, type SmsDirection } from './phone-sms';
import type { SimState } from './state';
import { hasCloudRecording, hasPhone } from './users';
import type { DeliveryPlan, OutgoingEvent, WebhookSender } from './webhooks';

const DIRECTIONS: CallDirection[] = ['inbound', 'outbound', 'internal'];
const OUTCOMES: CallOutcome[] = ['answered', 'missed', 'voicemail', 'rejected'];
const SMS_DIRECTIONS: SmsDirection[] = ['inbound', 'outbound'];
/** Zoom's MMS carries a handful of files; more is a scenario mistake. */
const MAX_SMS_ATTACHMENTS = 10;
const ORDERS: DeliveryPlan['order'][] = ['in_order', 'reverse', 'shuffled'];
const DEFAULT_TRANSCRIPT = 'Hi, this is a message about the listing. Please call me back when you can.';

class ScenarioInputError extends Error {}

function fail(message: string): never {
  throw new ScenarioInputError(message);
}

const optionalBoolean = (body: Record<string, unknown>, name: string) => {
  const value = body[name] ?? false;
  return typeof value === 'boolean' ? value : fail(`${name} must be true or false`);
};

/** A whole number in [min, max]; without a `fallback` the field is required. */
function wholeNumber(body: Record<string, unknown>, name: string, fallback: number | undefined, min: number, max: number): number {
  const value = body[name] ?? fallback;
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : fail(`${name} must be a whole number from ${min} to ${max}`);
}

/** `result`: what the call history says of the user's path; any lower-case word, since Zoom may add values to its 20. */
function historyResult(body: Record<string, unknown>): string | null {
  const value = body.result ?? null;
  return value === null || (typeof value === 'string' && /^[a-z][a-z_]*$/.test(value)) ? value : fail('result must be a Zoom call result such as "ring_timeout"');
}

/** `minimal` (only the fields Zoom's spec requires) and `omitFields`: how the call history records are written. */
function recordShape(body: Record<string, unknown>): RecordShape {
  const omit = body.omitFields ?? [];
  if (!Array.isArray(omit) || !omit.every((field) => typeof field === 'string')) fail('omitFields must be a list of field names');
  return { minimal: optionalBoolean(body, 'minimal'), omit: omit as string[] };
}

/** `drop: ["phone.callee_call_history_completed", ...]`: events Zoom "loses", never sent (a lost webhook). */
function droppedEvents(body: Record<string, unknown>): string[] {
  const drop = body.drop ?? [];
  return Array.isArray(drop) && drop.every((event) => typeof event === 'string') ? drop : fail('drop must be a list of event names');
}

/** The events of `events` that `drop` does not name. */
function notDropped(body: Record<string, unknown>): (events: OutgoingEvent[]) => OutgoingEvent[] {
  const dropped = droppedEvents(body);
  return (events) => events.filter((event) => !dropped.includes(event.event));
}

/** `invitees: ["jordan@example.net", ...]`: who a meeting made at Zoom invites, by email. */
function inviteeEmails(body: Record<string, unknown>): string[] {
  const invitees = body.invitees ?? [];
  if (!Array.isArray(invitees)) fail('invitees must be a list of email addresses');
  const bad = invitees.find((email) => !isEmailAddress(email));
  return bad === undefined ? (invitees as string[]) : fail(`invitees: ${JSON.stringify(bad)} is not an email address`);
}

function oneOf<T extends string>(body: Record<string, unknown>, name: string, allowed: T[], fallback: T): T {
  const value = body[name] ?? fallback;
  return allowed.includes(value as T) ? (value as T) : fail(`${name} must be one of ${allowed.join(', ')}`);
}

/** `delivery: { order, duplicates, paceMs }`: how the scenario's events reach the app. */
function deliveryPlan(body: Record<string, unknown>): DeliveryPlan {
  const raw = body.delivery ?? {};
  if (typeof raw !== 'object' || raw === null) fail('delivery must be an object');
  const delivery = raw as Record<string, unknown>;
  return {
    order: oneOf(delivery, 'order', ORDERS, 'in_order'),
    duplicates: wholeNumber(delivery, 'duplicates', 0, 0, 10),
    paceMs: wholeNumber(delivery, 'paceMs', 0, 0, 60_000),
  };
}

function userByEmail(state: SimState, email: unknown) {
  return (typeof email === 'string' && state.userByEmail(email)) || fail(`unknown userEmail "${String(email)}"; GET /_sim/users lists them`);
}

/** Runs a scenario handler; bad input answers 400 with what to fix. */
function scenario(handler: (body: Record<string, unknown>, response: Response, params: Record<string, string>) => void) {
  return (request: express.Request, response: Response) => {
    try {
      handler((request.body ?? {}) as Record<string, unknown>, response, request.params as Record<string, string>);
    } catch (error) {
      if (!(error instanceof ScenarioInputError)) throw error;
      response.status(400).json({ error: error.message });
    }
  };
}

/** The scenario part of the control API (DESIGN.md §3): calls and meetings that emit Zoom's real event sequences. */
export function scenarioRoutes(state: SimState, webhooks: WebhookSender): Router {
  const router = Router();
  router.use('/_sim', express.json());

  router.post(
    '/_sim/phone/calls',
    scenario((body, response) => {
      const user = userByEmail(state, body.userEmail);
      if (!user.phoneNumber) fail(`${user.email} has no Zoom Phone licence`);
      const direction = oneOf(body, 'direction', DIRECTIONS, 'inbound');
      const outcome = oneOf(body, 'outcome', OUTCOMES, 'answered');
      if (direction === 'outbound' && outcome === 'voicemail') fail('voicemail applies to inbound and internal calls (the user receives it)');
      const queueRings = wholeNumber(body, 'callQueueRings', 0, 0, 10);
      if (queueRings > 0 && direction !== 'inbound') fail('callQueueRings applies to inbound calls (a caller reaching the user through a call queue)');
      const anonymous = optionalBoolean(body, 'anonymousCaller');
      if (anonymous && direction !== 'inbound') fail('anonymousCaller applies to inbound calls (a caller who withheld their number)');
      const number = typeof body.counterpartNumber === 'string' ? body.counterpartNumber.trim() : '';
      if (!number && !anonymous) fail('counterpartNumber is required');
      const transferTo = body.transferTo === undefined ? undefined : userByEmail(state, body.transferTo);
      if (transferTo && (direction !== 'inbound' || outcome !== 'answered')) fail('transferTo applies to answered inbound calls (the user answers, then transfers)');
      if (transferTo && (transferTo.id === user.id || !transferTo.phoneNumber)) fail('transferTo must be another Zoom Phone user');
      const durationSeconds = wholeNumber(body, 'durationSeconds', outcome === 'missed' || outcome === 'rejected' ? 0 : 60, 0, 86_400);
      let counterpart: Party;
      if (anonymous) {
        counterpart = { number: null, name: ANONYMOUS };
      } else if (direction === 'internal') {
        const colleague = state.users.find((candidate) => candidate.id !== user.id && (candidate.phoneNumber === number || String(candidate.extension) === number));
        counterpart = colleague ? { user: colleague } : fail(`internal calls need another Zoom Phone user's number or extension, not "${number}"`);
      } else {
        const name = typeof body.counterpartName === 'string' ? body.counterpartName : 'WIRELESS CALLER';
        counterpart = { number, name };
      }
      const call = recordCall(state, {
        user,
        direction,
        counterpart,
        outcome,
        durationSeconds,
        withRecording: optionalBoolean(body, 'withRecording'),
        voicemailTranscript: typeof body.voicemailTranscript === 'string' ? body.voicemailTranscript : DEFAULT_TRANSCRIPT,
        queueRings,
        result: historyResult(body),
        shape: recordShape(body),
        splitPaths: optionalBoolean(body, 'splitPaths'),
        transferTo,
        transferAfterSeconds: body.transferAfterSeconds === undefined ? undefined : wholeNumber(body, 'transferAfterSeconds', 0, 0, durationSeconds),
      });
      const deliveries = webhooks.sendAll(notDropped(body)(callEvents(state, call)), deliveryPlan(body));
      response.json({ callId: call.callId, voicemailId: call.voicemail?.id ?? null, recordingId: call.recording?.id ?? null, deliveryIds: deliveries.map((delivery) => delivery.id) });
    }),
  );

  /**
   * A text between the user and a number outside the account: `phone.sms_received` (inbound) or `phone.sms_sent`
   * (outbound), signed and delivered like every event; `attachments: ["IMG_0412.jpg"]` makes it an MMS.
   */
  router.post(
    '/_sim/phone/sms',
    scenario((body, response) => {
      const user = userByEmail(state, body.userEmail);
      if (!hasPhone(user)) fail(`${user.email} has no Zoom Phone licence`);
      if (!SMS_DIRECTIONS.includes(body.direction as SmsDirection)) fail(`direction must be one of ${SMS_DIRECTIONS.join(', ')}`);
      const number = typeof body.counterpartNumber === 'string' ? body.counterpartNumber.trim() : '';
      if (!number) fail('counterpartNumber is required');
      const colleague = state.users.find((candidate) => candidate.phoneNumber === number || String(candidate.extension) === number);
      if (colleague) fail(`counterpartNumber is ${colleague.email}'s Zoom Phone line: texts between colleagues are not simulated`);
      if (typeof body.body !== 'string') fail('body is required (the text; "" with attachments for a picture alone)');
      const attachments = body.attachments ?? [];
      if (!Array.isArray(attachments) || attachments.length > MAX_SMS_ATTACHMENTS || !attachments.every((name) => typeof name === 'string' && name.trim() !== '')) {
        fail(`attachments must be a list of at most ${MAX_SMS_ATTACHMENTS} file names`);
      }
      if (!body.body.trim() && attachments.length === 0) fail('body must not be empty without attachments');
      const sms = sendSms({
        user,
        direction: body.direction as SmsDirection,
        counterpartNumber: number,
        counterpartName: typeof body.counterpartName === 'string' ? body.counterpartName : '',
        body: body.body,
        attachmentNames: attachments as string[],
      });
      const deliveries = webhooks.sendAll([smsEvent(state, sms)], deliveryPlan(body));
      response.json({ messageId: sms.messageId, deliveryIds: deliveries.map((delivery) => delivery.id) });
    }),
  );

  /**
   * A past the simulator has already lived: `count` finished calls spread evenly over the last `days` days, with
   * no webhooks (they happened before the app was connected). What a backfill finds in call history.
   */
  router.post(
    '/_sim/phone/history',
    scenario((body, response) => {
      const user = userByEmail(state, body.userEmail);
      if (!user.phoneNumber) fail(`${user.email} has no Zoom Phone licence`);
      const count = wholeNumber(body, 'count', 100, 1, 20_000);
      const days = wholeNumber(body, 'days', 30, 1, 180);
      const spacing = Math.floor((days * 86_400_000 - 3_600_000) / count);
      for (let index = 0; index < count; index += 1) {
        const outbound = index % 3 === 0;
        recordCall(state, {
          user,
          direction: outbound ? 'outbound' : 'inbound',
          counterpart: { number: `+1415${String(5_550_000 + (index % 10_000)).padStart(7, '0')}`, name: outbound ? '' : 'WIRELESS CALLER' },
          outcome: index % 4 === 1 && !outbound ? 'missed' : 'answered',
          durationSeconds: 30 + (index % 300),
          withRecording: false,
          voicemailTranscript: '',
          endedAt: Date.now() - 3_600_000 - index * spacing,
        });
      }
      response.status(201).json({ recorded: count });
    }),
  );

  /**
   * A past of meetings with cloud recordings and no webhooks (they happened before the app was connected): what a
   * recordings sweep or backfill finds. Basic plans have no cloud recording, so no such past.
   */
  router.post(
    '/_sim/meetings/history',
    scenario((body, response) => {
      const host = userByEmail(state, body.userEmail);
      if (!hasCloudRecording(host)) fail(`${host.email} is on Zoom's Basic plan, which has no cloud recording`);
      const recorded = recordPastMeetings(state, host, {
        count: wholeNumber(body, 'count', undefined, 1, 5000),
        days: wholeNumber(body, 'days', 30, 1, 180),
        withTranscript: optionalBoolean(body, 'withTranscript'),
      });
      response.status(201).json({ recorded });
    }),
  );

  router.get('/_sim/meetings', (request, response) => {
    const email = typeof request.query.userEmail === 'string' ? request.query.userEmail.toLowerCase() : null;
    const meetings = state.meetings.filter((meeting) => !meeting.deleted && (!email || meeting.host.email.toLowerCase() === email));
    response.json(meetings.map((meeting) => meetingResource(state, meeting)));
  });

  router.post(
    '/_sim/meetings',
    scenario((body, response) => {
      const host = userByEmail(state, body.userEmail);
      const startTime = body.startTime === undefined ? Date.now() : typeof body.startTime === 'string' ? Date.parse(body.startTime) : NaN;
      if (Number.isNaN(startTime)) fail('startTime must be ISO-8601');
      const meeting = createMeeting(state, host, {
        topic: typeof body.topic === 'string' ? body.topic : 'Zoom meeting',
        startTime,
        duration: wholeNumber(body, 'durationMinutes', 30, 1, 1440),
        settings: settingsWithInvitees(inviteeEmails(body)),
      });
      webhooks.send(meetingCreated(state, meeting));
      response.status(201).json(createdMeetingResource(state, meeting));
    }),
  );

  // The host deletes the meeting in Zoom's own app or web portal: gone from the API, and meeting.deleted is sent.
  router.post(
    '/_sim/meetings/:meetingId/delete',
    scenario((body, response, params) => {
      const meeting = meetingOf(state, params.meetingId) ?? fail(`no meeting ${params.meetingId}`);
      meeting.deleted = true;
      const deliveries = webhooks.sendAll([meetingDeleted(meeting)], deliveryPlan(body));
      response.json({ deliveryIds: deliveries.map((delivery) => delivery.id) });
    }),
  );

  router.post(
    '/_sim/meetings/:meetingId/start',
    scenario((body, response, params) => {
      const meeting = meetingOf(state, params.meetingId) ?? fail(`no meeting ${params.meetingId}`);
      if (meeting.status === 'started') fail(`meeting ${meeting.id} is already started`);
      const deliveries = webhooks.sendAll([startMeeting(meeting)], deliveryPlan(body));
      response.json({ uuid: meeting.uuid, deliveryIds: deliveries.map((delivery) => delivery.id) });
    }),
  );

  router.post(
    '/_sim/meetings/:meetingId/end',
    scenario((body, response, params) => {
      const meeting = meetingOf(state, params.meetingId) ?? fail(`no meeting ${params.meetingId}`);
      if (meeting.status !== 'started') fail(`meeting ${meeting.id} is not started`);
      const withSummary = optionalBoolean(body, 'withSummary');
      const summaryDelayMs = wholeNumber(body, 'summaryDelayMs', 0, 0, 600_000);
      if (summaryDelayMs > 0 && !withSummary) fail('summaryDelayMs applies with withSummary (how long the AI Companion summary takes)');
      const sendable = notDropped(body);
      const plan = deliveryPlan(body);
      const { events, summaryCompleted } = endMeeting(state, meeting, {
        durationMinutes: wholeNumber(body, 'durationMinutes', 30, 1, 1440),
        withRecording: optionalBoolean(body, 'withRecording'),
        withTranscript: optionalBoolean(body, 'withTranscript'),
        withSummary,
        summaryDelayMs,
      });
      // Without a delay the summary follows the recording events at once; with one, AI Companion is still at work.
      const immediate = summaryCompleted && summaryDelayMs === 0 ? [...events, summaryCompleted] : events;
      const deliveries = webhooks.sendAll(sendable(immediate), plan);
      if (summaryCompleted && summaryDelayMs > 0) webhooks.sendAllLater(summaryDelayMs, sendable([summaryCompleted]), plan);
      const instance = meeting.instances.at(-1)!;
      response.json({
        uuid: instance.uuid,
        recorded: Boolean(instance.recording),
        summarized: Boolean(instance.summary),
        deliveryIds: deliveries.map((delivery) => delivery.id),
      });
    }),
  );

  return router;
}
