import { type Request, type Response, Router } from 'express';
import { sendFile, type SimFile } from './downloads';
import { callElement, callHistoryRecord, callsOf, legacyCallLog, phoneRecordingListItem, voicemailDetail, voicemailListItem, type SimCall } from './phone-calls';
import type { SimState } from './state';
import { type SimUser, zoomPhoneUserResource } from './users';
import { callerOf, requireScope, sendDateWindowedPage, targetUser, zoomError } from './zoom-api';

/** The target user, when it has a Zoom Phone licence (Zoom answers 404 code 1001 otherwise). */
function phoneUser(request: Request, response: Response): SimUser | null {
  const user = targetUser(request, response);
  if (user && !user.phoneUserId) {
    zoomError(response, 404, 1001, `User does not exist: ${user.id}.`);
    return null;
  }
  return user;
}

type Besides = (calls: SimCall[], user: SimUser) => Record<string, unknown>;

/** A user's date-windowed, paged phone list, newest first, in Zoom's envelope. */
function phoneList(state: SimState, listName: string, include: (call: SimCall, user: SimUser) => boolean, render: (call: SimCall, user: SimUser) => unknown, besides?: Besides) {
  return (request: Request, response: Response) => {
    const user = phoneUser(request, response);
    if (!user) return;
    sendDateWindowedPage(state, request, response, {
      name: listName,
      select: (window) =>
        callsOf(state, user)
          .filter((call) => include(call, user) && call.ringingAt >= window.startMs && call.ringingAt <= window.endMs)
          .sort((a, b) => b.ringingAt - a.ringingAt),
      render: (call) => render(call, user),
      besides: besides && ((slice) => besides(slice, user)),
    });
  };
}

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
  const elementsOf: Besides = (calls, user) => ({ call_elements: calls.map((call) => callElement(call, user)) });
  router.get('/v2/phone/users/:userId/call_history', requireScope('phone:read:list_call_logs'), phoneList(state, 'call_logs', always, callHistoryRecord, elementsOf));

  router.get('/v2/phone/users/:userId/call_logs', requireScope('phone:read:list_call_logs'), phoneList(state, 'call_logs', always, legacyCallLog));

  router.get(
    '/v2/phone/users/:userId/recordings',
    requireScope('phone:read:list_recordings'),
    phoneList(state, 'recordings', (call, user) => call.recording?.owner.id === user.id, (call) => phoneRecordingListItem(state, call)),
  );

  router.get(
    '/v2/phone/users/:userId/voice_mails',
    requireScope('phone:read:list_voicemails'),
    phoneList(state, 'voice_mails', (call, user) => call.voicemail?.owner.id === user.id, (call) => voicemailListItem(state, call)),
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
