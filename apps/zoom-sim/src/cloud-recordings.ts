import { randomBytes } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { toneWav } from './audio';
import { sendFile, type SimFile } from './downloads';
import { randomMeetingUuid, randomZoomId, zoomTime } from './ids';
import { meetingEnded, meetingStarted, type MeetingInstance, type SimMeeting } from './meetings';
import type { SimState } from './state';
import { displayName } from './users';
import type { OutgoingEvent } from './webhooks';
import { callerOf, requireScope, sendDateWindowedPage, targetUser, zoomError } from './zoom-api';

/** The files a simulated cloud recording has, by Zoom's `file_type`: Zoom's extension and recording type for each. */
const FILE_EXTENSION = { MP4: 'MP4', M4A: 'M4A', TRANSCRIPT: 'VTT' } as const;
const RECORDING_TYPE = { MP4: 'shared_screen_with_speaker_view', M4A: 'audio_only', TRANSCRIPT: 'audio_transcript' } as const;
type RecordingFileType = keyof typeof FILE_EXTENSION;

export interface RecordingFile<FileType extends RecordingFileType = RecordingFileType> {
  id: string;
  fileType: FileType;
  file: SimFile;
}

export interface CloudRecording {
  files: RecordingFile[];
  /** Lets a download skip the user's token for about 24 hours (recording events' download_token). */
  downloadToken: string;
  downloadTokenExpiresAt: number;
  shareId: string;
  passcode: string;
}

export interface MeetingSummary {
  title: string;
  overview: string;
  details: { label: string; summary: string }[];
  nextSteps: string[];
  createdAt: number;
}

export interface EndMeetingOptions {
  durationMinutes: number;
  withRecording: boolean;
  withTranscript: boolean;
  withSummary: boolean;
}

const DOWNLOAD_TOKEN_TTL_MS = 24 * 3600_000;

/** Starts a new instance (a new UUID unless the scheduled one has never run) and returns meeting.started. */
export function startMeeting(meeting: SimMeeting) {
  if (meeting.instances.length > 0) meeting.uuid = randomMeetingUuid();
  const instance: MeetingInstance = { uuid: meeting.uuid, startedAt: Date.now(), endedAt: null, recording: null, summary: null };
  meeting.instances.push(instance);
  meeting.status = 'started';
  return meetingStarted(meeting, instance);
}

export const currentInstance = (meeting: SimMeeting) => meeting.instances.at(-1);

export function vttTranscript(meeting: SimMeeting): string {
  const host = displayName(meeting.host);
  return [
    'WEBVTT',
    '',
    '1',
    '00:00:01.000 --> 00:00:05.000',
    `${host}: Thanks for joining. Today is about ${meeting.topic}.`,
    '',
    '2',
    '00:00:05.500 --> 00:00:09.000',
    'Guest: Great, I have a few questions about the timeline.',
    '',
  ].join('\n');
}

function recordingFile<FileType extends RecordingFileType>(state: SimState, meeting: SimMeeting, fileType: FileType): RecordingFile<FileType> {
  const token = randomZoomId();
  const transcript = fileType === 'TRANSCRIPT';
  const bytes = transcript ? Buffer.from(vttTranscript(meeting)) : toneWav(token, 2);
  const file: SimFile = {
    token,
    kind: 'cloud_recording',
    ownerUserId: meeting.host.id,
    bytes,
    contentType: transcript ? 'text/vtt' : 'audio/wav',
    fileName: `${meeting.id}.${FILE_EXTENSION[fileType].toLowerCase()}`,
  };
  state.files.set(token, file);
  return { id: token, fileType, file };
}

function summaryOf(meeting: SimMeeting): MeetingSummary {
  return {
    title: `${meeting.topic}: recap`,
    overview: `${displayName(meeting.host)} and the guest went through ${meeting.topic} and agreed next steps.`,
    details: [
      { label: 'Discussion', summary: `Reviewed ${meeting.topic}.` },
      { label: 'Decisions', summary: 'Agreed to follow up by email with the documents.' },
    ],
    nextSteps: [`${displayName(meeting.host)} sends the documents by Friday.`, 'Guest confirms a time for the next visit.'],
    createdAt: Date.now(),
  };
}

/**
 * Ends the running instance `durationMinutes` after it started (the start is moved back so the times are
 * consistent) and returns the events Zoom sends: meeting.ended, then recording.completed and
 * recording.transcript_completed when a cloud recording was made. Basic plans have no cloud recording and
 * no AI Companion summary.
 */
export function endMeeting(state: SimState, meeting: SimMeeting, options: EndMeetingOptions): OutgoingEvent[] {
  const instance = meeting.status === 'started' ? currentInstance(meeting)! : undefined;
  if (!instance) throw new Error(`meeting ${meeting.id} is not started`);
  instance.endedAt = Date.now();
  instance.startedAt = instance.endedAt - options.durationMinutes * 60_000;
  meeting.status = 'waiting';
  const events: OutgoingEvent[] = [meetingEnded(meeting, instance)];
  const paidPlan = meeting.host.planType !== 'Basic';
  if (paidPlan && options.withSummary) instance.summary = summaryOf(meeting);
  if (!paidPlan || !(options.withRecording || options.withTranscript)) return events;
  const media = [recordingFile(state, meeting, 'MP4'), recordingFile(state, meeting, 'M4A')];
  instance.recording = {
    files: media,
    downloadToken: randomBytes(32).toString('base64url'),
    downloadTokenExpiresAt: Date.now() + DOWNLOAD_TOKEN_TTL_MS,
    shareId: randomBytes(24).toString('base64url'),
    passcode: randomBytes(24).toString('base64url').slice(0, 32),
  };
  events.push(recordingCompleted(state, meeting, instance, media));
  if (options.withTranscript) {
    const transcript = recordingFile(state, meeting, 'TRANSCRIPT');
    instance.recording.files.push(transcript);
    events.push(transcriptCompleted(state, meeting, instance, [transcript]));
  }
  return events;
}

/** A file as GET /meetings/{meetingId}/recordings and GET /users/{userId}/recordings list it. */
function fileResource<FileType extends RecordingFileType>(state: SimState, instance: MeetingInstance, file: RecordingFile<FileType>) {
  return {
    id: file.id,
    meeting_id: instance.uuid,
    recording_start: zoomTime(instance.startedAt + 5000),
    recording_end: zoomTime(instance.endedAt! - 3000),
    file_type: file.fileType,
    file_size: file.file.bytes.length,
    file_extension: FILE_EXTENSION[file.fileType],
    play_url: file.fileType === 'TRANSCRIPT' ? '' : `${state.publicUrl}/rec/play/${file.id}`,
    download_url: `${state.publicUrl}/rec/download/${file.id}`,
    status: 'completed' as const,
    recording_type: RECORDING_TYPE[file.fileType],
  };
}

/** A file as the recording.* events carry it: the REST fields plus its (empty) name and path. */
const eventFileResource = <FileType extends RecordingFileType>(state: SimState, instance: MeetingInstance, file: RecordingFile<FileType>) => ({
  ...fileResource(state, instance, file),
  file_name: '',
  file_path: '',
});

const totalSize = (files: RecordingFile[]) => files.reduce((sum, file) => sum + file.file.bytes.length, 0);

/** The object both recording.* events carry; `files` are the ones the event announces. */
function recordingEventObject<FileType extends RecordingFileType>(state: SimState, meeting: SimMeeting, instance: MeetingInstance, files: RecordingFile<FileType>[]) {
  return {
    id: meeting.id,
    uuid: instance.uuid,
    host_id: meeting.host.id,
    account_id: meeting.host.accountId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: zoomTime(instance.startedAt),
    password: '',
    timezone: meeting.timezone,
    host_email: meeting.host.email,
    duration: Math.round((instance.endedAt! - instance.startedAt) / 60_000),
    share_url: `${state.publicUrl}/rec/share/${instance.recording!.shareId}`,
    total_size: totalSize(files),
    recording_count: files.length,
    recording_files: files.map((file) => eventFileResource(state, instance, file)),
  };
}

/** recording.completed: the media files, once Zoom has processed them. */
export function recordingCompleted(state: SimState, meeting: SimMeeting, instance: MeetingInstance, media: RecordingFile<'MP4' | 'M4A'>[]) {
  const recording = instance.recording!;
  return {
    event: 'recording.completed' as const,
    extra: { download_token: recording.downloadToken },
    payload: {
      account_id: meeting.host.accountId,
      object: {
        ...recordingEventObject(state, meeting, instance, media),
        on_prem: false,
        recording_play_passcode: recording.passcode,
        auto_delete: false,
        auto_delete_date: '',
        participant_audio_files: [],
      },
    },
  };
}

/** recording.transcript_completed: the audio transcript (VTT), after recording.completed. */
export function transcriptCompleted(state: SimState, meeting: SimMeeting, instance: MeetingInstance, transcript: RecordingFile<'TRANSCRIPT'>[]) {
  return {
    event: 'recording.transcript_completed' as const,
    extra: { download_token: instance.recording!.downloadToken },
    payload: { account_id: meeting.host.accountId, object: recordingEventObject(state, meeting, instance, transcript) },
  };
}

/** An item of GET /users/{userId}/recordings. */
export function userRecordingResource(state: SimState, meeting: SimMeeting, instance: MeetingInstance) {
  const recording = instance.recording!;
  return {
    uuid: instance.uuid,
    id: meeting.id,
    account_id: meeting.host.accountId,
    host_id: meeting.host.id,
    topic: meeting.topic,
    type: `${meeting.type}` as const,
    start_time: zoomTime(instance.startedAt),
    duration: Math.round((instance.endedAt! - instance.startedAt) / 60_000),
    total_size: totalSize(recording.files),
    recording_count: recording.files.length,
    recording_play_passcode: recording.passcode,
    auto_delete: false,
    auto_delete_date: '',
    recording_files: recording.files.map((file) => fileResource(state, instance, file)),
  };
}

/** GET /meetings/{meetingId}/recordings: the list item plus the passcode, a download token and participant files. */
export const meetingRecordingsResource = (state: SimState, meeting: SimMeeting, instance: MeetingInstance) => ({
  ...userRecordingResource(state, meeting, instance),
  password: '',
  download_access_token: instance.recording!.downloadToken,
  participant_audio_files: [],
});

export function summaryResource(meeting: SimMeeting, instance: MeetingInstance) {
  const summary = instance.summary!;
  return {
    meeting_host_id: meeting.host.id,
    meeting_host_email: meeting.host.email,
    meeting_uuid: instance.uuid,
    meeting_id: meeting.id,
    meeting_topic: meeting.topic,
    meeting_start_time: zoomTime(instance.startedAt),
    meeting_end_time: zoomTime(instance.endedAt!),
    summary_start_time: zoomTime(instance.startedAt + 20_000),
    summary_end_time: zoomTime(instance.endedAt! - 10_000),
    summary_created_time: zoomTime(summary.createdAt),
    summary_last_modified_time: zoomTime(summary.createdAt),
    summary_title: summary.title,
    summary_overview: summary.overview,
    summary_details: summary.details,
    next_steps: summary.nextSteps,
    edited_summary: { summary_details: '', next_steps: [] },
  };
}

/**
 * A meeting path parameter: a numeric id, or an instance UUID. Express decodes once; Zoom wants UUIDs that
 * begin with "/" or contain "//" encoded twice, and does not find them otherwise.
 */
function instanceFor(state: SimState, rawParam: string, hostId: string): { meeting: SimMeeting; instances: MeetingInstance[] } | null {
  const twiceEncoded = /%[0-9a-f]{2}/i.test(rawParam);
  const value = twiceEncoded ? decodeURIComponent(rawParam) : rawParam;
  if (!twiceEncoded && (value.startsWith('/') || value.includes('//'))) return null;
  for (const meeting of state.meetings) {
    if (meeting.host.id !== hostId) continue;
    if (String(meeting.id) === value) return { meeting, instances: [...meeting.instances].reverse() };
    const instance = meeting.instances.find((candidate) => candidate.uuid === value);
    if (instance) return { meeting, instances: [instance] };
  }
  return null;
}

/** `?access_token=<download_token>`, or `Authorization: Bearer` with a download token or the host's access token. */
function mayDownload(state: SimState, request: Request, file: SimFile): boolean {
  const header = request.headers.authorization ?? '';
  const bearer = header.startsWith('Bearer ') ? header.slice(7) : '';
  const given = typeof request.query.access_token === 'string' ? request.query.access_token : bearer;
  if (!given) return false;
  const now = Date.now();
  const viaDownloadToken = state.meetings.some((meeting) =>
    meeting.instances.some((instance) => instance.recording?.downloadToken === given && instance.recording.downloadTokenExpiresAt > now && instance.recording.files.some((entry) => entry.file === file)),
  );
  if (viaDownloadToken) return true;
  const token = state.tokens.get(given);
  if (!token || !state.isActive(token) || token.kind !== 'access') return false;
  const grant = state.grant(token.grantId)!;
  return grant.userId === file.ownerUserId && grant.scopes.includes('cloud_recording:read:recording');
}

export function cloudRecordingRoutes(state: SimState): Router {
  const router = Router();

  const download = (request: Request, response: Response) => {
    const file = state.files.get(String(request.params.fileId));
    if (!file || file.kind !== 'cloud_recording') return zoomError(response, 404, 3301, 'This recording does not exist.');
    if (!mayDownload(state, request, file)) return zoomError(response, 401, 124, 'Invalid access token.');
    sendFile(request, response, file);
  };
  router.get('/rec/download/:fileId', download);
  router.get('/rec/play/:fileId', download);
  return router;
}

export function cloudRecordingApiRoutes(state: SimState): Router {
  const router = Router();

  router.get('/v2/users/:userId/recordings', requireScope('cloud_recording:read:list_user_recordings'), (request, response) => {
    const host = targetUser(request, response);
    if (!host) return;
    sendDateWindowedPage(state, request, response, {
      name: 'meetings',
      select: (window) =>
        state.meetings
          .filter((meeting) => meeting.host.id === host.id)
          .flatMap((meeting) => meeting.instances.filter((instance) => instance.recording).map((instance) => ({ meeting, instance })))
          .filter(({ instance }) => instance.startedAt >= window.startMs && instance.startedAt <= window.endMs)
          .sort((a, b) => b.instance.startedAt - a.instance.startedAt),
      render: ({ meeting, instance }) => userRecordingResource(state, meeting, instance),
    });
  });

  router.get('/v2/meetings/:meetingId/recordings', requireScope('cloud_recording:read:list_recording_files'), (request, response) => {
    const found = instanceFor(state, String(request.params.meetingId), callerOf(response).user.id);
    const instance = found?.instances.find((candidate) => candidate.recording);
    if (!found || !instance) return zoomError(response, 404, 3301, 'This recording does not exist.');
    response.json(meetingRecordingsResource(state, found.meeting, instance));
  });

  router.get('/v2/meetings/:meetingId/meeting_summary', requireScope('meeting:read:summary'), (request, response) => {
    const found = instanceFor(state, String(request.params.meetingId), callerOf(response).user.id);
    const instance = found?.instances.find((candidate) => candidate.summary);
    if (!found || !instance) return zoomError(response, 404, 3322, 'Meeting summary does not exist.');
    response.json(summaryResource(found.meeting, instance));
  });

  return router;
}
