/** The CRM's vocabularies; each value is also its GraphQL enum value. */
export const ActivityType = {
  CALL: 'CALL',
  VOICEMAIL: 'VOICEMAIL',
  MEETING: 'MEETING',
  RECORDING: 'RECORDING',
  SMS: 'SMS',
  NOTE: 'NOTE',
  EMAIL: 'EMAIL',
} as const;
export type ActivityType = (typeof ActivityType)[keyof typeof ActivityType];

export const ActivityDirection = { INBOUND: 'INBOUND', OUTBOUND: 'OUTBOUND', INTERNAL: 'INTERNAL' } as const;
export type ActivityDirection = (typeof ActivityDirection)[keyof typeof ActivityDirection];

export const CallResult = {
  ANSWERED: 'ANSWERED',
  MISSED: 'MISSED',
  VOICEMAIL: 'VOICEMAIL',
  REJECTED: 'REJECTED',
  BUSY: 'BUSY',
  CANCELLED: 'CANCELLED',
  /** Zoom could not put the call through (a system or network failure, a blocked number, a wrong menu key). */
  FAILED: 'FAILED',
  UNKNOWN: 'UNKNOWN',
} as const;
export type CallResult = (typeof CallResult)[keyof typeof CallResult];

/** A lead is a contact at stage `lead`. */
export const ContactStage = { LEAD: 'lead', CLIENT: 'client', PAST_CLIENT: 'past_client' } as const;
export type ContactStage = (typeof ContactStage)[keyof typeof ContactStage];

export const DealStage = {
  PROSPECT: 'prospect',
  ACTIVE: 'active',
  UNDER_CONTRACT: 'under_contract',
  CLOSED_WON: 'closed_won',
  CLOSED_LOST: 'closed_lost',
} as const;
export type DealStage = (typeof DealStage)[keyof typeof DealStage];

/** Activity.status strings, exactly as integrators see them. */
export const MeetingStatus = { SCHEDULED: 'Scheduled', STARTED: 'Started', ENDED: 'Ended', CANCELLED: 'Cancelled' } as const;
export type MeetingStatus = (typeof MeetingStatus)[keyof typeof MeetingStatus];

export const TranscriptionStatus = {
  TRANSCRIBING: 'Transcribing',
  TRANSCRIBED: 'Transcribed',
  FAILED: 'Transcription failed',
} as const;
export type TranscriptionStatus = (typeof TranscriptionStatus)[keyof typeof TranscriptionStatus];

export const UserRole = { AGENT: 'agent', ADMIN: 'admin' } as const;
export type UserRole = (typeof UserRole)[keyof typeof UserRole];
