import { z } from 'zod';
import { optionalBoolean, optionalNumber, optionalNumberOrString, optionalString, zoomDateTime } from './common';

/**
 * The `result` of a call history path or call element: the 20 values of the enum in Zoom's Phone spec (call history
 * events and the REST call_history list). The schemas accept any string: a value Zoom adds later must not drop a call.
 */
export const ZOOM_CALL_HISTORY_RESULTS = [
  'answered',
  'accepted',
  'picked_up',
  'connected',
  'succeeded',
  'voicemail',
  'hang_up',
  'canceled',
  'call_failed',
  'unconnected',
  'rejected',
  'busy',
  'ring_timeout',
  'overflowed',
  'no_answer',
  'invalid_key',
  'invalid_operation',
  'abandoned',
  'system_blocked',
  'service_unavailable',
] as const;
export type ZoomCallHistoryResult = (typeof ZOOM_CALL_HISTORY_RESULTS)[number];

/**
 * Fields a call history record and a call element (one leg) share. Zoom's spec requires only the ids, `result` and
 * `start_time` (each record kind adds its ids): everything else, `direction` included, may be missing.
 */
const callPartyFields = {
  call_id: z.string().min(1),
  group_id: optionalString,
  connect_type: optionalString,
  call_type: optionalString,
  direction: optionalString,
  hide_caller_id: optionalBoolean,
  caller_ext_id: optionalString,
  caller_name: optionalString,
  caller_email: optionalString,
  caller_did_number: optionalString,
  caller_ext_number: optionalString,
  caller_ext_type: optionalString,
  caller_number_type: optionalString,
  caller_country_iso_code: optionalString,
  caller_country_code: optionalString,
  callee_ext_id: optionalString,
  callee_name: optionalString,
  callee_email: optionalString,
  callee_did_number: optionalString,
  callee_ext_number: optionalString,
  callee_ext_type: optionalString,
  callee_number_type: optionalString,
  callee_country_iso_code: optionalString,
  callee_country_code: optionalString,
  start_time: zoomDateTime,
  answer_time: optionalString,
  end_time: optionalString,
  event: optionalString,
  result: z.string(),
  result_reason: optionalString,
  recording_id: optionalString,
  recording_type: optionalString,
  voicemail_id: optionalString,
  talk_time: optionalNumber,
  hold_time: optionalNumber,
  wait_time: optionalNumber,
};

export const zoomCallElementSchema = z.looseObject({
  ...callPartyFields,
  call_element_id: z.string().min(1),
  call_history_uuid: z.string().min(1),
});
export type ZoomCallElement = z.output<typeof zoomCallElementSchema>;

/** One record of GET /phone/users/{userId}/call_history and of phone.*_call_history_completed. */
export const zoomCallHistoryRecordSchema = z.looseObject({
  ...callPartyFields,
  id: z.string().min(1),
  call_path_id: z.string().min(1),
});
export type ZoomCallHistoryRecord = z.output<typeof zoomCallHistoryRecordSchema>;

/** Legacy call log (GET .../call_logs and phone.*_call_log_completed; retired during 2026). */
export const zoomLegacyCallLogSchema = z.looseObject({
  id: z.string().min(1),
  call_id: optionalString,
  direction: optionalString,
  date_time: z.string(),
  duration: optionalNumber,
  result: optionalString,
  path: optionalString,
  caller_number: optionalString,
  caller_number_type: optionalNumberOrString,
  caller_name: optionalString,
  caller_did_number: optionalString,
  caller_user_id: optionalString,
  callee_number: optionalString,
  callee_number_type: optionalNumberOrString,
  callee_name: optionalString,
  callee_did_number: optionalString,
  callee_user_id: optionalString,
  answer_start_time: optionalString,
  call_end_time: optionalString,
  has_recording: optionalBoolean,
  recording_id: optionalString,
  has_voicemail: optionalBoolean,
});
export type ZoomLegacyCallLog = z.output<typeof zoomLegacyCallLogSchema>;

const phoneRecordFields = {
  id: z.string().min(1),
  call_id: optionalString,
  call_log_id: optionalString,
  call_history_id: optionalString,
  call_element_id: optionalString,
  caller_name: optionalString,
  caller_number: optionalString,
  caller_number_type: optionalNumberOrString,
  caller_did_number: optionalString,
  callee_name: optionalString,
  callee_number: optionalString,
  callee_number_type: optionalNumberOrString,
  callee_did_number: optionalString,
  date_time: z.string(),
  duration: optionalNumber,
  download_url: z.string().min(1),
};

/** A voicemail in GET .../voice_mails, GET /phone/voice_mails/{id} and phone.voicemail_received. */
export const zoomVoicemailSchema = z.looseObject({
  ...phoneRecordFields,
  status: optionalString,
  caller_user_id: optionalString,
  callee_user_id: optionalString,
  callee_extension_type: optionalString,
  transcription: z.looseObject({ content: optionalString, status: optionalNumberOrString, engine: optionalString }).nullish(),
});
export type ZoomVoicemail = z.output<typeof zoomVoicemailSchema>;

/** A phone call recording in GET .../recordings and phone.recording_completed. */
export const zoomPhoneRecordingSchema = z.looseObject({
  ...phoneRecordFields,
  direction: optionalString,
  recording_type: optionalString,
  transcript_download_url: optionalString,
  end_time: optionalString,
  user_id: optionalString,
  owner: z
    .looseObject({ type: optionalString, id: optionalString, name: optionalString, extension_number: optionalNumberOrString })
    .nullish(),
});
export type ZoomPhoneRecording = z.output<typeof zoomPhoneRecordingSchema>;

/** One end of a real-time call event (phone.*_ringing, *_answered, *_connected, *_missed, *_ended). */
export const zoomCallPartySchema = z.looseObject({
  phone_number: optionalString,
  user_id: optionalString,
  extension_id: optionalString,
  extension_type: optionalString,
  extension_number: optionalNumberOrString,
  name: optionalString,
  connection_type: optionalString,
});
export type ZoomCallParty = z.output<typeof zoomCallPartySchema>;

/** A party of an SMS: its sender, or one of its recipients (`to_members`). */
export const zoomSmsMemberSchema = z.looseObject({
  id: optionalString,
  type: optionalString,
  display_name: optionalString,
  phone_number: optionalString,
});

/** A recipient of a received SMS says whether it owns the message (the user of a queue's text that holds it). */
export const zoomSmsRecipientSchema = zoomSmsMemberSchema.extend({ is_message_owner: optionalBoolean });
