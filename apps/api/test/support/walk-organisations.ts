import { DataSource } from 'typeorm';
import type { ZoomStack } from './connected-stack';
import { eventually } from './eventually';
import { invite, inviteAndAccept, inviteTokenOf, signUpOrganisation } from './onboarding';
import type { TestApi } from './test-api';
import { connectZoom } from './zoom-oauth';

/**
 * The two organisations of the tenant isolation walk, made through the product's own onboarding (sign-up, invite,
 * accept): A with one of everything a user can have, each text it writes carrying its marker; B with a little of
 * its own, so that B's operations have B's records to hold while they reach for A's.
 */

export interface Caller {
  label: string;
  email: string;
  password: string;
  userId: string;
  token: string;
}

export interface OrganisationA {
  admin: Caller;
  agent: Caller;
  /** The token of an invite A left open. */
  openInviteToken: string;
  /** A's contact with everything on its timeline. */
  contactId: string;
  /** What A wrote and was given back: IDs of its records, its people's emails, its numbers. */
  written: string[];
}

export interface OrganisationB {
  admin: Caller;
  agent: Caller;
  /** A third person of B's, whom B's admin may deactivate and re-role during the walk without locking itself out. */
  spareUserId: string;
  openInviteToken: string;
  contactId: string;
  /** An API token of B's agent's, for the media checks. */
  agentApiToken: string;
}

/** A's contact's number as typed, and in E.164: the simulator's calls come from it. */
export const A_PHONE = { typed: '(415) 555-0187', e164: '+14155550187' };
/** Two contacts of A share it, so a call from it stays unmatched with candidates ("Which contact?"). */
export const A_SHARED_PHONE = { typed: '+1 415 555 0142', e164: '+14155550142' };
const B_PHONE = '+1 415 555 0123';
const B_UNKNOWN_PHONE = '+14155550199';
const VOICEMAIL_DOWNLOADS = '/v2/phone/voice_mails/download/';
const PASSWORD = 'walk-password-1';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');

async function gql<T = any>(api: TestApi, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await api.graphql<T>(query, variables, token);
  if (!result.data) throw new Error(`${query.slice(0, 60)}… failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

const callerOf = (label: string, password: string, signedIn: { token: string; user: { id: string; email: string } }): Caller => ({
  label,
  email: signedIn.user.email,
  password,
  userId: signedIn.user.id,
  token: signedIn.token,
});

/** An organisation's admin by sign-up, and one agent (and `others`) by invite and acceptance. */
async function onboard(api: TestApi, names: { organisation: string; label: string; domain: string; personSuffix: string }, others: string[] = []) {
  const adminSignUp = await signUpOrganisation(api, {
    organisationName: names.organisation,
    name: `Ada Admin ${names.personSuffix}`,
    email: `admin.${names.personSuffix}@${names.domain}`,
    password: PASSWORD,
  });
  const admin = callerOf(`${names.label} admin`, PASSWORD, adminSignUp);
  const join = (who: string) => inviteAndAccept(api, admin.token, { email: `${who}.${names.personSuffix}@${names.domain}`, role: 'agent', name: `${who} ${names.personSuffix}`, password: PASSWORD });
  const agent = callerOf(`${names.label} agent`, PASSWORD, await join('agent'));
  const joined = [];
  for (const other of others) joined.push(await join(other));
  const openInvite = await invite(api, admin.token, `invited.${names.personSuffix}@${names.domain}`, 'agent');
  return { admin, agent, others: joined, openInvite };
}

/** Every webhook delivered and every stored event processed. */
export async function settleWebhooks(stack: ZoomStack): Promise<void> {
  await eventually(() => stack.sim.control<Array<{ status: string }>>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'), 30_000);
  const db = stack.api.app.get(DataSource);
  await eventually(() => db.query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status IN ('received', 'processing')`), ([row]: Array<{ n: number }>) => row.n === 0, 30_000);
}

/** The activity a simulated call became, once `done` holds for it. */
async function activityOfCall(stack: ZoomStack, token: string, callId: string, done: (activity: { id: string; status: string | null }) => boolean) {
  const db = stack.api.app.get(DataSource);
  const [row] = await eventually(() => db.query(`SELECT id FROM activities WHERE zoom->>'callId' = $1`, [callId]), (rows: Array<{ id: string }>) => rows.length > 0, 20_000);
  return eventually(async () => (await gql(stack.api, token, 'query($id: ID!) { activity(id: $id) { id status } }', { id: row.id })).activity, done, 20_000);
}

const simCall = (stack: ZoomStack, body: Record<string, unknown>) => stack.sim.control<{ callId: string }>('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', ...body });

/**
 * A meeting `host` scheduled with the contact (and deal), held and recorded with transcript and AI summary, and
 * one still to come: the IDs of both MEETING activities and of the RECORDING.
 */
async function meetingsOf(stack: ZoomStack, host: Caller, about: { contactId: string; dealId: string; topic: string; agenda: string }): Promise<string[]> {
  const schedule = async (startTime: string) =>
    (
      await gql(stack.api, host.token, 'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id zoom { meetingId } } }', {
        input: { ...about, startTime, durationMinutes: 30, timezone: 'America/Los_Angeles' },
      })
    ).scheduleMeeting as { id: string; zoom: { meetingId: string } };
  const held = await schedule(inDays(1));
  const upcoming = await schedule(inDays(3));
  await stack.sim.control('POST', `/_sim/meetings/${held.zoom.meetingId}/start`, {});
  await stack.sim.control('POST', `/_sim/meetings/${held.zoom.meetingId}/end`, { durationMinutes: 25, withRecording: true, withTranscript: true, withSummary: true });
  const recordings = async () =>
    (await gql(stack.api, host.token, 'query($c: ID) { activities(contactId: $c, types: [RECORDING]) { edges { node { id summaryStatus transcript } } } }', { c: about.contactId })).activities.edges;
  const [recording] = await eventually(recordings, (found) => found.length === 1 && found[0].node.summaryStatus === 'READY' && Boolean(found[0].node.transcript), 30_000);
  return [held.id, upcoming.id, recording.node.id];
}

/** A's calls: answered with a recording, a voicemail transcribed, one whose transcription failed, and one unmatched. */
async function callsOfA(stack: ZoomStack, agent: Caller, marker: string): Promise<string[]> {
  const answered = await simCall(stack, { direction: 'outbound', counterpartNumber: A_PHONE.e164, outcome: 'answered', durationSeconds: 60, withRecording: true });
  const voicemail = await simCall(stack, { direction: 'inbound', counterpartNumber: A_PHONE.e164, counterpartName: `Jordan ${marker}`, outcome: 'voicemail', voicemailTranscript: `Call me back about the listing ${marker}` });
  const transcribed = await activityOfCall(stack, agent.token, voicemail.callId, (found) => found.status === 'Transcribed');
  // Zoom no longer has the next voicemail's audio when the transcription asks: it fails at once, for the health page.
  await stack.sim.control('POST', '/_sim/faults', { path: VOICEMAIL_DOWNLOADS, status: 404, count: 1 });
  const lost = await simCall(stack, { direction: 'inbound', counterpartNumber: A_PHONE.e164, outcome: 'voicemail', voicemailTranscript: `Lost ${marker}` });
  const failed = await activityOfCall(stack, agent.token, lost.callId, (found) => found.status === 'Transcription failed');
  const unmatched = await simCall(stack, { direction: 'inbound', counterpartNumber: A_SHARED_PHONE.e164, counterpartName: `Caller ${marker}`, outcome: 'missed' });
  const recorded = await activityOfCall(stack, agent.token, answered.callId, () => true);
  const shared = await activityOfCall(stack, agent.token, unmatched.callId, () => true);
  return [recorded.id, transcribed.id, failed.id, shared.id];
}

/** A call-history event with a record Zoom sent malformed: processed with errors, a failed event on the health page. */
async function failedEventOfA(stack: ZoomStack, marker: string): Promise<void> {
  const users = await stack.sim.control<Array<{ id: string; email: string; accountId: string }>>('GET', '/_sim/users');
  const agent = users.find((user) => user.email === 'agent@demo.test')!;
  const malformed = { id: `hist-${marker}`, call_path_id: `path-${marker}`, result: 'answered', start_time: new Date().toISOString() };
  await stack.sim.control('POST', '/_sim/webhooks/send', { event: 'phone.callee_call_history_completed', payload: { account_id: agent.accountId, object: { user_id: agent.id, call_logs: [malformed] } } });
}

/** The caller's call and recording syncs, those a Zoom connection starts by itself included, have finished. */
export async function zoomSyncsFinished(stack: ZoomStack, caller: Caller): Promise<void> {
  const finished = (sync: { status: string } | null) => !sync || sync.status === 'DONE' || sync.status === 'FAILED';
  await eventually(
    () => gql(stack.api, caller.token, '{ callSync { status } recordingSync { status } }'),
    (syncs) => finished(syncs.callSync) && finished(syncs.recordingSync),
    60_000,
  );
}

async function syncsOf(stack: ZoomStack, caller: Caller): Promise<void> {
  await gql(stack.api, caller.token, 'mutation { syncZoomCalls { status } syncZoomRecordings { status } }');
  await zoomSyncsFinished(stack, caller);
}

/** A contact with its numbers and email, a deal, a note; the contact's ID and the deal's. */
async function crmOf(api: TestApi, caller: Caller, contact: Record<string, unknown>, deal: Record<string, unknown>, note: string) {
  const contactId = (await gql(api, caller.token, 'mutation($input: ContactInput!) { createContact(input: $input) { id } }', { input: contact })).createContact.id as string;
  const dealId = (await gql(api, caller.token, 'mutation($input: DealInput!) { createDeal(input: $input) { id } }', { input: { ...deal, contactId } })).createDeal.id as string;
  const noteId = (await gql(api, caller.token, 'mutation($c: ID!, $body: String!) { addNote(contactId: $c, body: $body) { id } }', { c: contactId, body: note })).addNote.id as string;
  return { contactId, dealId, noteId };
}

export async function furnishOrganisationA(stack: ZoomStack, marker: string): Promise<OrganisationA> {
  const { api } = stack;
  const people = await onboard(api, { organisation: `Alpha Homes ${marker}`, label: 'A', domain: 'alpha.test', personSuffix: marker });
  const { admin, agent } = people;
  await gql(api, agent.token, 'mutation($name: String!) { createApiToken(name: $name) }', { name: `Zapier ${marker}` });
  const jordan = {
    firstName: 'Jordan',
    lastName: `Lee ${marker}`,
    company: `Lee Realty ${marker}`,
    notes: `Prefers mornings ${marker}`,
    emails: [`jordan.${marker}@example.com`],
    phones: [A_PHONE.typed, A_SHARED_PHONE.typed],
    stage: 'lead',
    tags: [`Buyer ${marker}`],
    leadSource: `Open house ${marker}`,
  };
  const crm = await crmOf(api, agent, jordan, { title: `12 Oak St ${marker}`, propertyAddress: `12 Oak St, Springfield ${marker}`, stage: 'prospect', value: 750_000 }, `Called about the listing ${marker}`);
  const sam = await gql(api, agent.token, 'mutation($input: ContactInput!) { createContact(input: $input) { id } }', {
    input: { firstName: 'Sam', lastName: `Lee ${marker}`, emails: [`sam.${marker}@example.com`], phones: [A_SHARED_PHONE.typed] },
  });
  await connectZoom(api, agent.token, 'agent@demo.test');
  const meetings = await meetingsOf(stack, agent, { contactId: crm.contactId, dealId: crm.dealId, topic: `Viewing ${marker}`, agenda: `Bring the disclosures ${marker}` });
  const calls = await callsOfA(stack, agent, marker);
  // A task from the recording's AI next step, on the contact and deal, given to the admin (the voicemails opened the agent's call-back).
  const task = await gql(api, agent.token, 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', {
    input: { title: `Send the disclosures ${marker}`, dueAt: inDays(1), contactId: crm.contactId, dealId: crm.dealId, ownerId: admin.userId, activityId: meetings[2] },
  });
  await failedEventOfA(stack, marker);
  await syncsOf(stack, agent);
  await settleWebhooks(stack);
  return {
    admin,
    agent,
    openInviteToken: inviteTokenOf(people.openInvite),
    contactId: crm.contactId,
    written: [
      marker,
      admin.userId,
      agent.userId,
      admin.email,
      agent.email,
      people.openInvite.id,
      people.openInvite.email,
      crm.contactId,
      crm.dealId,
      crm.noteId,
      sam.createContact.id,
      ...jordan.emails,
      A_PHONE.e164,
      A_SHARED_PHONE.e164,
      ...meetings,
      ...calls,
      task.createTask.id,
    ],
  };
}

export async function furnishOrganisationB(stack: ZoomStack): Promise<OrganisationB> {
  const { api } = stack;
  const people = await onboard(api, { organisation: 'Bravo Realty', label: 'B', domain: 'bravo.test', personSuffix: 'bravo' }, ['spare']);
  const { admin, agent } = people;
  // B's admin is a Zoom user of the same Zoom account as A's agent (the simulator's demo account).
  await connectZoom(api, admin.token, 'admin@demo.test');
  const crm = await crmOf(api, agent, { firstName: 'Bob', lastName: 'Bravo', emails: ['bob@bravo.test'], phones: [B_PHONE] }, { title: 'Bravo listing' }, 'Bravo note');
  await gql(api, agent.token, 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { title: 'Bravo follow-up', contactId: crm.contactId, dealId: crm.dealId } });
  // Records of B's that B's mutations need to reach for A's: a recording to move, an unmatched call to link.
  await meetingsOf(stack, admin, { contactId: crm.contactId, dealId: crm.dealId, topic: 'Bravo viewing', agenda: 'Bravo agenda' });
  const unmatched = await simCall(stack, { userEmail: 'admin@demo.test', direction: 'inbound', counterpartNumber: B_UNKNOWN_PHONE, outcome: 'missed' });
  await activityOfCall(stack, admin.token, unmatched.callId, () => true);
  await settleWebhooks(stack);
  const agentApiToken = (await gql(api, agent.token, 'mutation { createApiToken(name: "bravo") }')).createApiToken as string;
  return { admin, agent, spareUserId: people.others[0].user.id, openInviteToken: inviteTokenOf(people.openInvite), contactId: crm.contactId, agentApiToken };
}
