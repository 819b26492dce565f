import { ActivityType } from '@switchboard/crm-domain';
import { ACTIVITY_ADDED, ACTIVITY_UPDATED, type ActivityMessage } from '../src/activity/activity-events';
import { ActivityService } from '../src/activity/activity.service';
import { AuthService } from '../src/auth/auth.service';
import { LiveEventsService } from '../src/platform/redis/live-events.service';
import { startTestApi, type TestApi } from './support/test-api';

/** How long an expected announcement may take to arrive before the test fails. */
const ARRIVAL_TIMEOUT_MS = 5_000;
/** How long to keep listening after the last expected announcement, so a surplus one would be heard. */
const SETTLE_MS = 500;

interface Announcement {
  event: string;
  message: ActivityMessage;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('activity announcements: one per changed activity and use case (real api, real Redis)', () => {
  let api: TestApi;
  let activities: ActivityService;
  let organisationId: string;
  // A second connection to Redis, as another api process would hear the announcements.
  let listener: LiveEventsService;
  const heard: Announcement[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    activities = api.app.get(ActivityService);
    organisationId = (await api.app.get(AuthService).ensureOrganisation('Announcing Realty', 'US')).id;
    listener = await LiveEventsService.connect(api.config.redisUrl, api.config.redisPrefix);
    for (const event of [ACTIVITY_ADDED, ACTIVITY_UPDATED]) {
      await listener.listen<ActivityMessage>(event, (message) => heard.push({ event, message }));
    }
  });
  afterAll(async () => {
    await listener?.onModuleDestroy();
    await api?.close();
  });

  /** Waits for `count` announcements `about` matches (failing the test when they do not come), then settles. */
  async function announcementsOf(about: (message: ActivityMessage) => boolean, count: number): Promise<Announcement[]> {
    const matching = () => heard.filter((announcement) => about(announcement.message));
    const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
    while (matching().length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} announcements within ${ARRIVAL_TIMEOUT_MS} ms, heard ${JSON.stringify(matching())}`);
      await sleep(25);
    }
    await sleep(SETTLE_MS);
    return matching();
  }
  const withId = (id: string) => (message: ActivityMessage) => message.id === id;
  const withZoomRef = (zoomRef: string) => (message: ActivityMessage) => message.zoomRef === zoomRef;

  const note = (body: string) => activities.record({ organisationId, type: ActivityType.NOTE, occurredAt: new Date(), body });
  const call = (zoomRef: string, durationSeconds: number) => ({ organisationId, type: ActivityType.CALL, occurredAt: new Date(), zoomRef, durationSeconds });

  it('announces an activity added and then updated twice inside announceOnce once, as added, in its final state', async () => {
    const zoomRef = 'voicemail:vm-1';
    await activities.announceOnce(async () => {
      const { activity } = await activities.upsertByZoomRef({ organisationId, type: ActivityType.VOICEMAIL, occurredAt: new Date(), body: 'Voicemail', zoomRef }, ['result']);
      await activities.attach(organisationId, zoomRef, { kind: 'voicemail', url: 'https://example.test/vm-1', title: 'Voicemail' });
      await activities.updateById(organisationId, activity.id, { status: 'Transcribing' });
    });
    expect(await announcementsOf(withZoomRef(zoomRef), 1)).toEqual([
      {
        event: ACTIVITY_ADDED,
        message: expect.objectContaining({ status: 'Transcribing', attachments: [{ kind: 'voicemail', url: 'https://example.test/vm-1', title: 'Voicemail' }] }),
      },
    ]);
  });

  it('announces updates of an existing activity once, as updated, also those of a nested announceOnce', async () => {
    const existing = await note('draft');
    await announcementsOf(withId(existing.id), 1);
    await activities.announceOnce(async () => {
      await activities.updateById(organisationId, existing.id, { body: 'revised' });
      await activities.announceOnce(() => activities.updateById(organisationId, existing.id, { body: 'final' }));
    });
    const announced = await announcementsOf(withId(existing.id), 2);
    expect(announced.map(({ event, message }) => [event, message.body])).toEqual([
      [ACTIVITY_ADDED, 'draft'],
      [ACTIVITY_UPDATED, 'final'],
    ]);
  });

  it('announces what a failing use case wrote, then rethrows its error', async () => {
    const failing = activities.announceOnce(async () => {
      await note('written before the failure');
      throw new Error('the use case failed');
    });
    await expect(failing).rejects.toThrow('the use case failed');
    const announced = await announcementsOf((message) => message.body === 'written before the failure', 1);
    expect(announced.map(({ event }) => event)).toEqual([ACTIVITY_ADDED]);
  });

  it('announces each row of a batch upsert once inside announceOnce, in its final state', async () => {
    await activities.announceOnce(async () => {
      await activities.upsertManyByZoomRef([call('call:batch-a', 10), call('call:batch-b', 10)], ['durationSeconds']);
      await activities.updateByZoomRef(organisationId, 'call:batch-a', { durationSeconds: 42 });
    });
    for (const [zoomRef, durationSeconds] of [['call:batch-a', 42], ['call:batch-b', 10]] as const) {
      expect(await announcementsOf(withZoomRef(zoomRef), 1)).toEqual([{ event: ACTIVITY_ADDED, message: expect.objectContaining({ durationSeconds }) }]);
    }
  });

  it('announces every write at once outside announceOnce, as before, the batch upsert too', async () => {
    const activity = await note('first');
    await activities.updateById(organisationId, activity.id, { body: 'second' });
    await activities.updateById(organisationId, activity.id, { body: 'third' });
    const announced = await announcementsOf(withId(activity.id), 3);
    expect(announced.map(({ event, message }) => [event, message.body])).toEqual([
      [ACTIVITY_ADDED, 'first'],
      [ACTIVITY_UPDATED, 'second'],
      [ACTIVITY_UPDATED, 'third'],
    ]);

    await activities.upsertManyByZoomRef([call('call:batch-c', 5)], ['durationSeconds']);
    await activities.upsertManyByZoomRef([call('call:batch-c', 6)], ['durationSeconds']);
    const batch = await announcementsOf(withZoomRef('call:batch-c'), 2);
    expect(batch.map(({ event, message }) => [event, message.durationSeconds])).toEqual([
      [ACTIVITY_ADDED, 5],
      [ACTIVITY_UPDATED, 6],
    ]);
  });
});
