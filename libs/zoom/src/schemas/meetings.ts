import { z } from 'zod';
import { optionalNumber, optionalString, zoomId } from './common';

/**
 * GET /meetings/{id} and the 201 of POST /users/{userId}/meetings. `start_url` carries a host token: never log it.
 * Zoom's spec makes every field optional and its create response has no `uuid` or `host_id`: only the id and the
 * join link, without which a scheduled meeting is of no use to us, are required.
 */
export const zoomMeetingSchema = z.looseObject({
  id: zoomId,
  uuid: optionalString,
  host_id: optionalString,
  host_email: optionalString,
  topic: optionalString,
  type: optionalNumber,
  status: optionalString,
  start_time: optionalString,
  duration: optionalNumber,
  timezone: optionalString,
  agenda: optionalString,
  created_at: optionalString,
  start_url: optionalString,
  join_url: z.string().min(1),
  password: optionalString,
  // The invitees are how a meeting booked in Zoom directly finds its contacts.
  settings: z.looseObject({ meeting_invitees: z.array(z.looseObject({ email: optionalString })).nullish() }).nullish(),
});
export type ZoomMeeting = z.output<typeof zoomMeetingSchema>;

/** An item of GET /users/{userId}/meetings: only the id is required (Zoom's spec makes every field optional). */
export const zoomMeetingListItemSchema = z.looseObject({
  id: zoomId,
  uuid: optionalString,
  host_id: optionalString,
  topic: optionalString,
  type: optionalNumber,
  start_time: optionalString,
  duration: optionalNumber,
  timezone: optionalString,
  agenda: optionalString,
  created_at: optionalString,
  join_url: optionalString,
});
export type ZoomMeetingListItem = z.output<typeof zoomMeetingListItemSchema>;

/** GET /meetings/{uuid}/meeting_summary; every field optional, as in Zoom's spec (the instance is the one asked for). */
export const zoomMeetingSummarySchema = z.looseObject({
  meeting_uuid: optionalString,
  meeting_id: zoomId.nullish(),
  meeting_topic: optionalString,
  meeting_host_id: optionalString,
  summary_start_time: optionalString,
  summary_end_time: optionalString,
  summary_title: optionalString,
  summary_overview: optionalString,
  summary_details: z.array(z.looseObject({ label: optionalString, summary: optionalString })).default([]),
  next_steps: z.array(z.string()).default([]),
});
export type ZoomMeetingSummary = z.output<typeof zoomMeetingSummarySchema>;
