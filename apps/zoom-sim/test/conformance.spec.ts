import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bodyOf, REDIRECT, SimHarness } from './support/harness';
import { shapeDifferences } from './support/shape';

// The project's own Zoom fixtures (written from our Zoom reference, checked against Zoom's published specs).
const FIXTURES = path.resolve(__dirname, '../../../fixtures/zoom');
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));

/** Fields Zoom sends only in some cases, which the scenarios here do not produce (see docs/architecture.md). */
const OPTIONAL: Record<string, string[]> = {
  // Present only when the call reached the user through a call queue or auto receptionist.
  'webhook.phone.callee_ringing': ['payload.object.forwarded_by', 'payload.object.redirect_forwarded_by'],
  'webhook.phone.callee_answered': ['payload.object.forwarded_by', 'payload.object.redirect_forwarded_by'],
  'webhook.phone.callee_missed': ['payload.object.forwarded_by', 'payload.object.redirect_forwarded_by'],
  'webhook.phone.callee_ended': ['payload.object.forwarded_by', 'payload.object.redirect_forwarded_by'],
  // Zoom returns it only for users on a Zoom United plan (its SDK allows no empty value).
  'rest.get.users.me': ['plan_united_type'],
  // answer_time: absent when nobody answered; recording_type: absent when the path was not recorded (its enum has no '').
  'rest.get.phone.users.me.call_history': ['call_logs[].answer_time', 'call_logs[].recording_type', 'call_elements[].answer_time', 'call_elements[].recording_type'],
  'rest.get.phone.users.me.call_logs': ['call_logs[].recording_type'],
  'webhook.phone.caller_call_history_completed': ['payload.object.call_logs[].answer_time', 'payload.object.call_logs[].recording_type'],
  'webhook.phone.callee_call_history_completed': ['payload.object.call_logs[].answer_time'],
  'webhook.phone.caller_call_element_completed': ['payload.object.call_elements[].answer_time', 'payload.object.call_elements[].recording_type'],
  'webhook.phone.callee_call_element_completed': ['payload.object.call_elements[].answer_time'],
};

/** Fixtures that describe something other than the simulator's output, and why they are not compared. */
const NOT_SIMULATOR_OUTPUT: Record<string, string> = {
  'webhook.endpoint.url_validation.response': "the app's answer to the challenge (checked by the api's webhook tests)",
  'rest.post.users.me.meetings.request': 'a request body: sent to the simulator below, which must accept it',
  'rest.patch.meetings.meetingId.request': 'a request body: sent to the simulator below, which must accept it',
  'webhook.phone.caller_call_log_completed': 'legacy event Zoom retired during 2026; the simulator emits the call history events',
  'webhook.phone.callee_call_log_completed': 'legacy event Zoom retired during 2026; the simulator emits the call history events',
};

describe('zoom-sim conformance with the project fixtures', () => {
  const harness = new SimHarness();
  /** Everything the simulator produced, by fixture name; every instance must conform. */
  const produced = new Map<string, unknown[]>();
  let agent: string;

  const keep = (name: string, value: unknown) => produced.set(name, [...(produced.get(name) ?? []), value]);
  const rest = async (name: string, method: string, url: string, body?: unknown, token = agent) => {
    const response = await harness.api(token, method, url, body);
    const text = await response.text();
    keep(name, text ? JSON.parse(text) : null);
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    await harness.start();
    await harness.control('POST', '/_sim/config', { webhookUrl: (await harness.control('GET', '/_sim/config')).webhookUrl });

    const { code, verifier } = await harness.authorize('agent@demo.test');
    const tokenResponse = await bodyOf(harness.token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }));
    keep('oauth.token.response', tokenResponse);
    agent = tokenResponse.access_token;
    const refreshed = await bodyOf(harness.token({ grant_type: 'refresh_token', refresh_token: tokenResponse.refresh_token }));
    keep('oauth.error.invalid_grant', await bodyOf(harness.token({ grant_type: 'refresh_token', refresh_token: tokenResponse.refresh_token })));
    const wrongClient = await fetch(`${harness.url}/oauth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('x:y').toString('base64')}` }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r' }) });
    keep('oauth.error.invalid_client', await bodyOf(wrongClient));
    agent = refreshed.access_token;

    await harness.control('POST', '/_sim/config', { rateLimits: { phonePerSecond: { Pro: { light: 100, medium: 100, heavy: 100 } } } });
    const inbound = { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550187', counterpartName: 'JORDAN LEE' };
    await harness.control('POST', '/_sim/phone/calls', { ...inbound, outcome: 'answered', durationSeconds: 95 });
    await harness.control('POST', '/_sim/phone/calls', { ...inbound, outcome: 'missed' });
    const { voicemailId } = await harness.control('POST', '/_sim/phone/calls', { ...inbound, outcome: 'voicemail', durationSeconds: 27 });
    await harness.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'outbound', counterpartNumber: '+14155550187', outcome: 'answered', durationSeconds: 240, withRecording: true });
    const text = { userEmail: 'agent@demo.test', counterpartNumber: '+14155550187', counterpartName: 'JORDAN LEE' };
    await harness.control('POST', '/_sim/phone/sms', { ...text, direction: 'outbound', body: 'Hi Jordan, confirming our showing at 10 tomorrow.', attachments: ['12-Alder-St-flyer.pdf'] });
    await harness.control('POST', '/_sim/phone/sms', { ...text, direction: 'inbound', body: 'Sounds good, see you there.', attachments: ['IMG_0412.jpg'] });

    await rest('rest.get.users.me', 'GET', '/v2/users/me');
    await rest('rest.get.phone.users.me', 'GET', '/v2/phone/users/me');
    await rest('rest.get.phone.users.me.call_history', 'GET', '/v2/phone/users/me/call_history');
    await rest('rest.get.phone.users.me.call_logs', 'GET', '/v2/phone/users/me/call_logs');
    await rest('rest.get.phone.users.me.recordings', 'GET', '/v2/phone/users/me/recordings');
    await rest('rest.get.phone.users.me.voice_mails', 'GET', '/v2/phone/users/me/voice_mails');
    await rest('rest.get.phone.voice_mails.voicemailId', 'GET', `/v2/phone/voice_mails/${voicemailId}`);

    const created = await rest('rest.post.users.me.meetings', 'POST', '/v2/users/me/meetings', { ...fixture('rest.post.users.me.meetings.request'), start_time: '2031-11-25T12:00:00' });
    expect(created.status).toBe(201);
    const meetingId = created.body.id;
    await rest('rest.get.meetings.meetingId', 'GET', `/v2/meetings/${meetingId}`);
    // meeting.updated carries only what changed: the fixture's event is a reschedule.
    expect((await harness.api(agent, 'PATCH', `/v2/meetings/${meetingId}`, { start_time: '2031-11-25T13:00:00', timezone: 'America/Los_Angeles' })).status).toBe(204);
    await rest('rest.get.users.me.meetings', 'GET', '/v2/users/me/meetings?type=upcoming');
    await harness.control('POST', `/_sim/meetings/${meetingId}/start`);
    const { uuid } = await harness.control('POST', `/_sim/meetings/${meetingId}/end`, { durationMinutes: 45, withRecording: true, withTranscript: true, withSummary: true });
    const encodedUuid = encodeURIComponent(encodeURIComponent(uuid));
    await rest('rest.get.meetings.meetingId.recordings', 'GET', `/v2/meetings/${meetingId}/recordings`);
    await rest('rest.get.users.me.recordings', 'GET', '/v2/users/me/recordings');
    await rest('rest.get.meetings.meetingUUID.meeting_summary', 'GET', `/v2/meetings/${encodedUuid}/meeting_summary`);
    const doomed = await bodyOf(harness.api(agent, 'POST', '/v2/users/me/meetings', { topic: 'To cancel', type: 2, start_time: '2031-12-01T10:00:00Z' }));
    await harness.api(agent, 'DELETE', `/v2/meetings/${doomed.id}`);

    await rest('rest.error.404.meeting_not_found', 'GET', '/v2/meetings/84516290377');
    await rest('rest.error.401.invalid_token', 'GET', '/v2/users/me', undefined, 'not-a-token');
    const narrow = (await harness.connect('pro-nophone@demo.test', 'user:read:user phone:read:user')).access_token;
    await rest('rest.error.404.phone_user', 'GET', '/v2/phone/users/me', undefined, narrow);
    await rest('rest.error.400.missing_scope', 'POST', '/v2/users/me/meetings', { topic: 'x', type: 2, start_time: '2031-01-01T10:00:00Z' }, narrow);
    await harness.control('POST', '/_sim/config', { rateLimits: { perSecond: { Pro: { light: 0 } }, meetingWritesPerUserPerDay: 0 } });
    await rest('rest.error.429', 'GET', '/v2/users/me');
    await rest('rest.error.429.meeting_daily', 'POST', '/v2/users/me/meetings', { topic: 'x', type: 2, start_time: '2031-01-01T10:00:00Z' });
    await harness.control('POST', '/_sim/tokens/expire', { userEmail: 'agent@demo.test' });
    await rest('rest.error.401.expired_token', 'GET', '/v2/phone/users/me');
    const revoke = await fetch(`${harness.url}/oauth/revoke`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('sim-client-id:sim-client-secret').toString('base64')}` }, body: new URLSearchParams({ token: agent }) });
    keep('oauth.revoke.response', await bodyOf(revoke));
    await harness.control('POST', '/_sim/deauthorize', { userEmail: 'admin@demo.test' });

    await harness.receiver.waitFor(1, 'app_deauthorized');
    await harness.receiver.waitFor(1, 'meeting.deleted');
    await harness.receiver.waitFor(1, 'phone.sms_sent');
    await harness.receiver.waitFor(1, 'phone.sms_received');
    for (const received of harness.receiver.events) keep(`webhook.${received.body.event}`, received.body);
    keep('webhook.endpoint.url_validation', harness.receiver.validations[0].body);
  });
  afterAll(() => harness.stop());

  it('accepts the documented update request', async () => {
    await harness.control('POST', '/_sim/config', { rateLimits: { perSecond: { Pro: { light: 30 } }, meetingWritesPerUserPerDay: 100 } });
    const fresh = (await harness.connect('agent@demo.test')).access_token;
    const meeting = await bodyOf(harness.api(fresh, 'POST', '/v2/users/me/meetings', { topic: 'Reschedule me', type: 2, start_time: '2031-11-25T12:00:00' }));
    const patched = await harness.api(fresh, 'PATCH', `/v2/meetings/${meeting.id}`, { ...fixture('rest.patch.meetings.meetingId.request'), start_time: '2031-11-26T09:30:00' });
    expect(patched.status).toBe(204);
  });

  const fixtureNames = readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''));

  it.each(fixtureNames.filter((name) => !(name in NOT_SIMULATOR_OUTPUT)))('%s: the simulator produces exactly the fixture’s fields and types', (name) => {
    expect(produced.get(name)?.length).toBeGreaterThan(0);
    for (const instance of produced.get(name)!) expect(shapeDifferences(instance, fixture(name), OPTIONAL[name])).toEqual([]);
  });

  it('produces no event or response that lacks a fixture', () => {
    const withoutFixture = [...produced.keys()].filter((name) => !fixtureNames.includes(name));
    expect(withoutFixture).toEqual([]);
  });
});
