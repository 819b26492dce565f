import { type Request, type Response, Router } from 'express';
import { sendFile, type SimFile } from './downloads';
import { callElements, callHistoryRecords, callPathCount, callsOf, legacyCallLog, phoneRecordingListItem, voicemailDetail, voicemailListItem, type SimCall } from './phone-calls';
import type { SimState } from './state';
import { hasPhone, type SimPhoneUser, type SimUser, zoomPhoneUserResource } from './users';
import { callerOf, requireScope, sendDateWindowedPage, targetUser, zoomError } from './zoom-api';

/** The target user, when it has a Zoom Phone licence (Zoom answers 404 code 1001 otherwise). */
function phoneUser(request: Request, response: Response): SimPhoneUser | null {
  const user = targetUser(request, response);
  if (!user || hasPhone(user)) return user;
  zoomError(response, 404, 1001, `User does not exist: ${user.id}.`);
  return null;
}

type Besides<T> = (items: T[], user: SimUser) => Record<string, unknown>;

/**
 * A user's date-windowed, paged phone list, newest call first, in Zoom's envelope: one item per call, or as many as
 * `itemsOf` gives (a call's several paths in call history).
 */
function phoneList<T>(
  state: SimState,
  listName: string,
  include: (call: SimCall, user: SimUser) => boolean,
  itemsOf: (call: SimCall, user: SimUser) => T[],
  { render = (item: T): unknown => item, besides }: { render?: (item: T) => unknown; besides?: Besides<T> } = {},
) {
  return (request: Request, response: Response) => {
    const user = phoneUser(request, response);
    if (!user) return;
    sendDateWindowedPage(state, request, response, {
      name: listName,
      select: (window) =>
        callsOf(state, user)
          .filter((call) => include(call, user) && call.ringingAt >= window.startMs && call.ringingAt <= window.endMs)
          .sort((a, b) => b.ringingAt - a.ringingAt)
          .flatMap((call) => itemsOf(call, user)),
      render,
      besides: besides && ((slice) => besides(slice, user)),
    });
  };
}

const oneItem = <T>(render: (call: SimCall, user: SimUser) => T) => (call: SimCall, user: SimUser) => [render(call, user)];

/** A call's paths in call history, each rendered only when its page is asked for. */
interface HistoryPath {
  call: SimCall;
  user: SimUser;
  index: number;
}
const historyPaths = (call: SimCall, user: SimUser): HistoryPath[] => Array.from({ length: callPathCount(call, user) }, (_, index) => ({ call, user, index }));

function downloadRoute(state: SimState, kind: SimFile['kind']) {
  return (request: Request, response: Response) => {
    const file = state.files.get(String(request.params.fileId));
    if (!file || file.kind !== kind || file.ownerUserId !== callerOf(response).user.id) return zoomError(response, 404, 404, 'File does not exist.');
    sendFile(request, response, file);
  };
}

export function phoneRoutes(state: SimState): Router {
  const router = Router();
  const always = () => true;

  router.get('/v2/phone/users/:userId', requireScope('phone:read:user'), (request, response) => {
    const user = phoneUser(request, response);
    if (user) response.json(zoomPhoneUserResource(user));
  });

  // Zoom lists the page's call elements (legs) beside its call history records.
  const historyRecord = ({ call, user, index }: HistoryPath) => callHistoryRecords(call, user)[index];
  const elementsOf: Besides<HistoryPath> = (paths) => ({ call_elements: paths.map(({ call, user, index }) => callElements(call, user)[index]) });
  router.get('/v2/phone/users/:userId/call_history', requireScope('phone:read:list_call_logs'), phoneList(state, 'call_logs', always, historyPaths, { render: historyRecord, besides: elementsOf }));

  router.get('/v2/phone/users/:userId/call_logs', requireScope('phone:read:list_call_logs'), phoneList(state, 'call_logs', always, oneItem(legacyCallLog)));

  router.get(
    '/v2/phone/users/:userId/recordings',
    requireScope('phone:read:list_recordings'),
    phoneList(state, 'recordings', (call, user) => call.recording?.owner.id === user.id, oneItem((call) => phoneRecordingListItem(state, call))),
  );

  router.get(
    '/v2/phone/users/:userId/voice_mails',
    requireScope('phone:read:list_voicemails'),
    phoneList(state, 'voice_mails', (call, user) => call.voicemail?.owner.id === user.id, oneItem((call) => voicemailListItem(state, call))),
  );

  router.get('/v2/phone/voice_mails/download/:fileId', requireScope('phone:read:voicemail'), downloadRoute(state, 'voicemail'));
  router.get('/v2/phone/recording/download/:fileId', requireScope('phone:read:call_recording'), downloadRoute(state, 'phone_recording'));

  router.get('/v2/phone/voice_mails/:voicemailId', requireScope('phone:read:voicemail'), (request, response) => {
    const user = callerOf(response).user;
    const call = state.calls.find((candidate) => candidate.voicemail?.id === request.params.voicemailId && candidate.voicemail.owner.id === user.id);
    if (!call) return zoomError(response, 404, 404, `Voicemail does not exist: ${String(request.params.voicemailId)}.`);
    response.json(voicemailDetail(state, call));
    call.voicemail!.status = 'read';
  });

  return router;
}
