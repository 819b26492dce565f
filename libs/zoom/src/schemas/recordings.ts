import { z } from 'zod';
import { optionalNumber, optionalString, zoomId } from './common';

export const zoomRecordingFileSchema = z.looseObject({
  id: z.string().min(1),
  meeting_id: optionalString,
  recording_start: optionalString,
  recording_end: optionalString,
  /** MP4, M4A, TRANSCRIPT, CHAT, CC, TIMELINE, SUMMARY, ... */
  file_type: z.string().min(1),
  file_extension: optionalString,
  file_size: optionalNumber,
  play_url: optionalString,
  download_url: z.string().min(1),
  status: optionalString,
  recording_type: optionalString,
});
export type ZoomRecordingFile = z.output<typeof zoomRecordingFileSchema>;

/**
 * A meeting's cloud recordings: GET /meetings/{id}/recordings, items of GET /users/{id}/recordings, recording.*
 * events. Zoom's spec makes every REST field optional; the instance (`uuid`), the meeting (`id`) and each file's
 * id, type and download link are required, as nothing can be attached without them.
 */
export const zoomRecordingMeetingSchema = z.looseObject({
  id: zoomId,
  uuid: z.string().min(1),
  host_id: optionalString,
  account_id: optionalString,
  topic: optionalString,
  type: z.union([z.number(), z.string()]).nullish(),
  start_time: optionalString,
  timezone: optionalString,
  duration: optionalNumber,
  total_size: optionalNumber,
  recording_count: optionalNumber,
  share_url: optionalString,
  recording_files: z.array(zoomRecordingFileSchema).default([]),
  /** Only on GET /meetings/{id}/recordings: lets a download skip the user's token (never log it). */
  download_access_token: optionalString,
});
export type ZoomRecordingMeeting = z.output<typeof zoomRecordingMeetingSchema>;
