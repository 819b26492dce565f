import { randomBytes } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { toneWav } from './audio';
import { sendFile, type SimFile } from './downloads';
import { randomMeetingUuid, randomZoomId, zoomTime } from './ids';
import { createMeeting, meetingEnded, meetingStarted, type MeetingInstance, type SimMeeting } from './meetings';
import type { SimState } from './state';
import { displayName, hasCloudRecording, type SimUser } from './users';
import type { OutgoingEvent } from './webhooks';
import { callerOf, requireScope, sendDateWindowedPage, targetUser, zoomError } from './zoom-api';

// The files a simulated cloud recording has, by Zoom's `file_type`: Zoom's extension and recording type for each,
// and the content type of our stand-in (a WAV tone for the media, see audio.ts; Zoom's own text formats otherwise).
// Flat maps, so that a file's fields keep their own literal types (what the SDK conformance checks see).
const FILE_EXTENSION = { MP4: 'MP4', M4A: 'M4A', CHAT: 'TXT', TRANSCRIPT: 'VTT' } as const;
const RECORDING_TYPE = { MP4: 'shared_screen_with_speaker_view', M4A: 'audio_only', CHAT: 'chat_file', TRANSCRIPT: 'audio_transcript' } as const;
const CONTENT_TYPE = { MP4: 'audio/wav', M4A: 'audio/wav', CHAT: 'text/plain', TRANSCRIPT: 'text/vtt' } as const;
type RecordingFileType = keyof typeof FILE_EXTENSION;
/** What recording.completed announces; the transcript follows in recording.transcript_completed. */
type CompletedFileType = Exclude<RecordingFileType, 'TRANSCRIPT'>;

/** Only the media play in Zoom's web player; Zoom lists the other files with an empty play_url. */
const isMedia = (fileType: RecordingFileType) => fileType === 'MP4' || fileType === 'M4A';

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
  /** When AI Companion finishes it: until then Zoom answers that the summary does not exist. */
  createdAt: number;
}

export interface EndMeetingOptions {
  durationMinutes: number;
  withRecording: boolean;
  withTranscript: boolean;
  withSummary: boolean;
  /** How long after the end AI Companion's summary is ready (and meeting.summary_completed is sent). */
  summaryDelayMs: number;
}

/** What ending a meeting makes Zoom send: `events` at once, `summaryCompleted` once the summary is ready. */
export interface MeetingEndEvents {
  events: OutgoingEvent[];
  summaryCompleted: OutgoingEvent | null;
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const DOWNLOAD_TOKEN_TTL_MS = DAY_MS;

/** Starts a new instance (a new UUID unless the scheduled one has never run) and returns meeting.started. */
export function startMeeting(meeting: SimMeeting) {
  if (meeting.instances.length > 0) meeting.uuid = randomMeetingUuid();
  const instance: MeetingInstance = { uuid: meeting.uuid, startedAt: Date.now(), endedAt: null, recording: null, summary: null };
  meeting.instances.push(instance);
  meeting.status = 'started';
  return meetingStarted(meeting, instance);
}

export const currentInstance = (meeting: SimMeeting) => meeting.instances.at(-1);

/**
 * The one word only the transcript says: no topic, chat, summary or other output of the simulator has it, so a
 * test of transcript search can look for it (README, "Cloud recording files").
 */
export const TRANSCRIPT_ONLY_WORD = 'escrow';

/** The participants besides the host who speak in the transcript and write in the chat. */
const PARTICIPANTS = { jordan: 'Jordan Lee', sam: 'Sam Rivera' } as const;

/** A line of the meeting, said or written `at` a fraction of the way through the recording. */
interface MeetingLine {
  at: number;
  speaker: string;
  text: string;
}

/** What is said: the host opens as the api's tests expect, the participants ask, and one says TRANSCRIPT_ONLY_WORD. */
function spokenLines(meeting: SimMeeting): MeetingLine[] {
  const host = displayName(meeting.host);
  return [
    { at: 0, speaker: host, text: `Thanks for joining. Today is about ${meeting.topic}.` },
    { at: 0.15, speaker: PARTICIPANTS.jordan, text: 'Great, I have a few questions about the timeline.' },
    { at: 0.35, speaker: PARTICIPANTS.sam, text: `How long does the deposit stay in ${TRANSCRIPT_ONLY_WORD} before closing?` },
    { at: 0.55, speaker: host, text: 'About thirty days. I will send you the schedule after the call.' },
    { at: 0.75, speaker: PARTICIPANTS.jordan, text: 'And the inspection happens before that?' },
    { at: 0.9, speaker: host, text: 'Yes, in the first week. Sam, Jordan, talk to you soon.' },
  ];
}

/** What is written in the meeting's chat (never TRANSCRIPT_ONLY_WORD). */
function chatLines(meeting: SimMeeting): MeetingLine[] {
  return [
    { at: 0.05, speaker: PARTICIPANTS.jordan, text: 'Hello everyone' },
    { at: 0.4, speaker: PARTICIPANTS.sam, text: 'Could you share the floor plan?' },
    { at: 0.45, speaker: displayName(meeting.host), text: 'Sent it by email just now.' },
    { at: 0.8, speaker: PARTICIPANTS.jordan, text: 'Thanks, that helps.' },
  ];
}

/** The recording runs from a few seconds after the instance starts to a few seconds before it ends. */
const recordingSpan = (instance: MeetingInstance) => ({ startMs: instance.startedAt + 5000, endMs: instance.endedAt! - 3000 });

/**
 * How long the stand-in media play: the recording's length, at most a minute (a WAV of a whole meeting would cost
 * megabytes per file). The transcript and the chat are timed within it, so a player can seek to every line.
 */
const MEDIA_MS_CAP = 60_000;
const playedMs = (instance: MeetingInstance) => {
  const { startMs, endMs } = recordingSpan(instance);
  return Math.min(endMs - startMs, MEDIA_MS_CAP);
};

/** `HH:MM:SS.mmm` from the recording's start (recordings are shorter than a day). */
const clockTime = (offsetMs: number) => new Date(offsetMs).toISOString().slice(11, 23);

const FIRST_CUE_MS = 1000;
const CUE_MS = 4000;

/**
 * The audio transcript in Zoom's WebVTT: numbered cues, `Speaker: words`, spread over the media. The first cue
 * is always 1 s to 5 s, and cues never overlap for the shortest meeting (one minute).
 */
function vttTranscript(meeting: SimMeeting, instance: MeetingInstance): string {
  const cues = spokenLines(meeting).map((line, index) => {
    const cueStart = FIRST_CUE_MS + Math.round(line.at * (playedMs(instance) - FIRST_CUE_MS - CUE_MS));
    return [String(index + 1), `${clockTime(cueStart)} --> ${clockTime(cueStart + CUE_MS)}`, `${line.speaker}: ${line.text}`, ''].join('\n');
  });
  return ['WEBVTT', '', ...cues].join('\n');
}

/** The in-meeting chat as Zoom saves it: `HH:MM:SS<tab>From  Name to  Everyone:<tab>message`, one line each. */
function chatText(meeting: SimMeeting, instance: MeetingInstance): string {
  return chatLines(meeting)
    .map((line) => `${clockTime(Math.round(line.at * playedMs(instance))).slice(0, 8)}\tFrom  ${line.speaker} to  Everyone:\t${line.text}\n`)
    .join('');
}

/** The files that are text, and how each is written; the others are media. */
const TEXT_CONTENT: Partial<Record<RecordingFileType, (meeting: SimMeeting, instance: MeetingInstance) => string>> = { CHAT: chatText, TRANSCRIPT: vttTranscript };

/** Stores one file of an instance's recording; the media bytes may be given (past meetings share one buffer). */
function recordingFile<FileType extends RecordingFileType>(state: SimState, meeting: SimMeeting, instance: MeetingInstance, fileType: FileType, media?: Buffer): RecordingFile<FileType> {
  const token = randomZoomId();
  const text = TEXT_CONTENT[fileType];
  const file: SimFile = {
    token,
    kind: 'cloud_recording',
    ownerUserId: meeting.host.id,
    bytes: text ? Buffer.from(text(meeting, instance)) : (media ?? toneWav(token, playedMs(instance) / 1000)),
    contentType: CONTENT_TYPE[fileType],
    fileName: `${meeting.id}.${FILE_EXTENSION[fileType].toLowerCase()}`,
  };
  state.files.set(token, file);
  return { id: token, fileType, file };
}

/** Gives the instance its cloud recording of `files`, with the tokens Zoom issues for it. */
function saveRecording(instance: MeetingInstance, files: RecordingFile[]): void {
  instance.recording = {
    files,
    downloadToken: randomBytes(32).toString('base64url'),
    downloadTokenExpiresAt: Date.now() + DOWNLOAD_TOKEN_TTL_MS,
    shareId: randomBytes(24).toString('base64url'),
    passcode: randomBytes(24).toString('base64url').slice(0, 32),
  };
}

function summaryOf(meeting: SimMeeting, readyAt: number): MeetingSummary {
  return {
    title: `${meeting.topic}: recap`,
    overview: `${displayName(meeting.host)} and the guest went through ${meeting.topic} and agreed next steps.`,
    details: [
      { label: 'Discussion', summary: `Reviewed ${meeting.topic}.` },
      { label: 'Decisions', summary: 'Agreed to follow up by email with the documents.' },
    ],
    nextSteps: [`${displayName(meeting.host)} sends the documents by Friday.`, 'Guest confirms a time for the next visit.'],
    createdAt: readyAt,
  };
}

const isReady = (summary: MeetingSummary) => summary.createdAt <= Date.now();

/**
 * Ends the running instance `durationMinutes` after it started (the start is moved back so the times are
 * consistent) and returns the events Zoom sends: meeting.ended, then recording.completed (media and chat) and
 * recording.transcript_completed when a cloud recording was made, and meeting.summary_completed for an AI
 * Companion summary. Basic plans have no cloud recording and no AI Companion summary.
 */
export function endMeeting(state: SimState, meeting: SimMeeting, options: EndMeetingOptions): MeetingEndEvents {
  const instance = meeting.status === 'started' ? currentInstance(meeting)! : undefined;
  if (!instance) throw new Error(`meeting ${meeting.id} is not started`);
  instance.endedAt = Date.now();
  instance.startedAt = instance.endedAt - options.durationMinutes * 60_000;
  meeting.status = 'waiting';
  const events: OutgoingEvent[] = [meetingEnded(meeting, instance)];
  const paidPlan = hasCloudRecording(meeting.host);
  if (paidPlan && options.withSummary) instance.summary = summaryOf(meeting, instance.endedAt + options.summaryDelayMs);
  const summaryCompleted = instance.summary ? meetingSummaryCompleted(meeting, instance) : null;
  if (!paidPlan || !(options.withRecording || options.withTranscript)) return { events, summaryCompleted };
  const completed = (['MP4', 'M4A', 'CHAT'] as const).map((fileType) => recordingFile(state, meeting, instance, fileType));
  const transcript = options.withTranscript ? [recordingFile(state, meeting, instance, 'TRANSCRIPT')] : [];
  saveRecording(instance, [...completed, ...transcript]);
  events.push(recordingCompleted(state, meeting, instance, completed));
  if (transcript.length > 0) events.push(transcriptCompleted(state, meeting, instance, transcript));
  return { events, summaryCompleted };
}

export interface PastMeetingsOptions {
  count: number;
  days: number;
  withTranscript: boolean;
}

/** The media of every bulk past meeting: one stand-in buffer, so thousands of recordings cost its size once. */
const PAST_MEETING_MEDIA = toneWav('zoom-sim past meeting', MEDIA_MS_CAP / 1000);
/** How long past meetings last, in turn. */
const PAST_MEETING_MINUTES = [15, 30, 45, 60];

/**
 * A past the simulator has already lived: `count` meetings of `host`, each with one ended instance and its cloud
 * recording (MP4, M4A and, `withTranscript`, the VTT), their starts spread evenly over the last `days` days and the
 * newest ending at least an hour ago. Nothing is sent (they happened before the app was connected).
 */
export function recordPastMeetings(state: SimState, host: SimUser, options: PastMeetingsOptions): number {
  const now = Date.now();
  const newestStart = now - HOUR_MS - Math.max(...PAST_MEETING_MINUTES) * 60_000;
  const spacing = Math.floor((newestStart - (now - options.days * DAY_MS)) / options.count);
  const fileTypes = options.withTranscript ? (['MP4', 'M4A', 'TRANSCRIPT'] as const) : (['MP4', 'M4A'] as const);
  for (let index = 0; index < options.count; index += 1) {
    const startedAt = newestStart - index * spacing;
    const duration = PAST_MEETING_MINUTES[index % PAST_MEETING_MINUTES.length];
    const meeting = createMeeting(state, host, { topic: `Client meeting ${options.count - index}`, startTime: startedAt, duration });
    meeting.createdAt = startedAt;
    const instance: MeetingInstance = { uuid: meeting.uuid, startedAt, endedAt: startedAt + duration * 60_000, recording: null, summary: null };
    meeting.instances.push(instance);
    saveRecording(instance, fileTypes.map((fileType) => recordingFile(state, meeting, instance, fileType, PAST_MEETING_MEDIA)));
  }
  return options.count;
}

/** A file as GET /meetings/{meetingId}/recordings and GET /users/{userId}/recordings list it. */
function fileResource<FileType extends RecordingFileType>(state: SimState, instance: MeetingInstance, file: RecordingFile<FileType>) {
  return {
    id: file.id,
    meeting_id: instance.uuid,
    recording_start: zoomTime(recordingSpan(instance).startMs),
    recording_end: zoomTime(recordingSpan(instance).endMs),
    file_type: file.fileType,
    file_size: file.file.bytes.length,
    file_extension: FILE_EXTENSION[file.fileType],
    play_url: isMedia(file.fileType) ? `${state.publicUrl}/rec/play/${file.id}` : '',
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

/** recording.completed: the media files and the chat, once Zoom has processed them. */
export function recordingCompleted(state: SimState, meeting: SimMeeting, instance: MeetingInstance, files: RecordingFile<CompletedFileType>[]) {
  const recording = instance.recording!;
  return {
    event: 'recording.completed' as const,
    extra: { download_token: recording.downloadToken },
    payload: {
      account_id: meeting.host.accountId,
      object: {
        ...recordingEventObject(state, meeting, instance, files),
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

/** The summary as GET /meetings/{meetingId}/meeting_summary and meeting.summary_completed share it. */
function summaryFields(meeting: SimMeeting, instance: MeetingInstance) {
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
  };
}

/** GET /meetings/{meetingId}/meeting_summary: the summary, and the host's edits of it (none). */
export const summaryResource = (meeting: SimMeeting, instance: MeetingInstance) => ({
  ...summaryFields(meeting, instance),
  edited_summary: { summary_details: '', next_steps: [] },
});

/** meeting.summary_completed: AI Companion has finished the summary. */
export function meetingSummaryCompleted(meeting: SimMeeting, instance: MeetingInstance) {
  return {
    event: 'meeting.summary_completed' as const,
    payload: { account_id: meeting.host.accountId, object: summaryFields(meeting, instance) },
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
    const instance = found?.instances.find((candidate) => candidate.summary && isReady(candidate.summary));
    if (!found || !instance) return zoomError(response, 404, 3322, 'Meeting summary does not exist.');
    response.json(summaryResource(found.meeting, instance));
  });

  return router;
}
