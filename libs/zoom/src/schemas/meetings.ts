import { z } from 'zod';
import { optionalNumber, optionalString, zoomId } from './common';

/** GET /meetings/{id} and the 201 of POST /users/{userId}/meetings. `start_url` carries a host token: never log it. */
export const zoomMeetingSchema = z.looseObject({
  id: zoomId,
  uuid: z.string().min(1),
  host_id: z.string().min(1),
  host_email: optionalString,
  topic: z.string(),
  type: z.number(),
  status: optionalString,
  start_time: optionalString,
  duration: optionalNumber,
  timezone: optionalString,
  agenda: optionalString,
  created_at: optionalString,
  start_url: optionalString,
  join_url: z.string().min(1),
  password: optionalString,
  settings: z.looseObject({}).nullish(),
});
export type ZoomMeeting = z.output<typeof zoomMeetingSchema>;

export const zoomMeetingListItemSchema = z.looseObject({
  id: zoomId,
  uuid: z.string().min(1),
  host_id: optionalString,
  topic: z.string(),
  type: z.number(),
  start_time: optionalString,
  duration: optionalNumber,
  timezone: optionalString,
  agenda: optionalString,
  created_at: optionalString,
  join_url: optionalString,
});
export type ZoomMeetingListItem = z.output<typeof zoomMeetingListItemSchema>;

export const zoomMeetingSummarySchema = z.looseObject({
  meeting_uuid: z.string().min(1),
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
