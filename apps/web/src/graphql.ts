import { gql } from '@apollo/client';

export type Role = 'agent' | 'admin';
export type ContactStage = 'lead' | 'client' | 'past_client';
export type ActivityType = 'CALL' | 'VOICEMAIL' | 'MEETING' | 'RECORDING' | 'SMS' | 'NOTE' | 'EMAIL';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  callLinks: CallLinkScheme;
  organisation: { id: string; name: string; defaultRegion: string };
}
export type CallLinkScheme = 'ZOOM_PHONE' | 'TEL';
export interface PhoneNumber {
  raw: string;
  e164: string | null;
  extension: string | null;
}
export interface ContactSummary {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: PhoneNumber[];
  stage: ContactStage;
  company: string | null;
}
export interface Deal {
  id: string;
  title: string;
  stage: string;
  propertyAddress: string | null;
  value: number | null;
}
export interface Contact extends ContactSummary {
  notes: string | null;
  owner: { id: string; name: string } | null;
  deals: Deal[];
  createdAt: string;
}
export interface Activity {
  id: string;
  type: ActivityType;
  occurredAt: string;
  direction: string | null;
  durationSeconds: number | null;
  result: string | null;
  counterpartNumber: string | null;
  counterpartName: string | null;
  status: string | null;
  transcript: string | null;
  body: string | null;
  attachments: Array<{ kind: string; url: string; title: string | null }>;
  owner: { id: string; name: string } | null;
  meeting: MeetingDetails | null;
  contact: { id: string } | null;
  deal: { id: string; title: string } | null;
  /** A recording's AI Companion overview and next steps, and where that summary stands (null off recordings). */
  summary: string | null;
  nextSteps: string[];
  summaryStatus: RecordingSummaryStatus | null;
  /** A call's outcome (from the organisation's list) and the agent's notes, from the app or the softphone. */
  disposition: string | null;
  notes: string | null;
}
export type RecordingSummaryStatus = 'PENDING' | 'READY' | 'NOT_ON_PLAN' | 'NONE';
/** One line of a recording's transcript, with where it sits in the media. */
export interface TranscriptCue {
  startSeconds: number;
  endSeconds: number;
  speaker: string | null;
  text: string;
}
export interface MeetingDetails {
  zoomMeetingId: string;
  topic: string;
  agenda: string | null;
  timezone: string;
  startTime: string;
  durationMinutes: number;
  inviteeEmail: string | null;
  inviteDelivery: 'SENT' | 'OUTBOX' | 'SKIPPED_NO_EMAIL' | 'FAILED' | null;
}
export interface Page<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const ME = gql`
  query Me {
    me {
      id
      email
      name
      role
      callLinks
      organisation {
        id
        name
        defaultRegion
      }
    }
  }
`;

export const SET_CALL_LINKS = gql`
  mutation SetCallLinks($callLinks: CallLinkScheme!) {
    setCallLinks(callLinks: $callLinks) {
      id
      callLinks
    }
  }
`;

export const LOGOUT = gql`
  mutation Logout {
    logout
  }
`;

export const CONTACT_SUMMARY = gql`
  fragment ContactSummary on Contact {
    id
    name
    firstName
    lastName
    emails
    phones {
      raw
      e164
      extension
    }
    stage
    company
  }
`;

export const CONTACTS = gql`
  ${CONTACT_SUMMARY}
  query Contacts($search: String, $first: Int, $after: String) {
    contacts(search: $search, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...ContactSummary
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const CONTACT = gql`
  ${CONTACT_SUMMARY}
  query Contact($id: ID!) {
    contact(id: $id) {
      ...ContactSummary
      notes
      createdAt
      owner {
        id
        name
      }
      deals {
        id
        title
        stage
        propertyAddress
        value
      }
    }
  }
`;

export const CREATE_CONTACT = gql`
  ${CONTACT_SUMMARY}
  mutation CreateContact($input: ContactInput!) {
    createContact(input: $input) {
      ...ContactSummary
    }
  }
`;

export const UPDATE_CONTACT = gql`
  ${CONTACT_SUMMARY}
  mutation UpdateContact($id: ID!, $input: ContactInput!) {
    updateContact(id: $id, input: $input) {
      ...ContactSummary
      notes
    }
  }
`;

export const ACTIVITY_FIELDS = gql`
  fragment ActivityFields on Activity {
    id
    type
    occurredAt
    direction
    durationSeconds
    result
    counterpartNumber
    counterpartName
    status
    transcript
    body
    attachments {
      kind
      url
      title
    }
    owner {
      id
      name
    }
    meeting {
      zoomMeetingId
      topic
      agenda
      timezone
      startTime
      durationMinutes
      inviteeEmail
      inviteDelivery
    }
    contact {
      id
    }
    deal {
      id
      title
    }
    summary
    nextSteps
    summaryStatus
    disposition
    notes
  }
`;

export const ACTIVITIES = gql`
  ${ACTIVITY_FIELDS}
  query Activities($contactId: ID, $first: Int, $after: String) {
    activities(contactId: $contactId, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...ActivityFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const ACTIVITY_ADDED = gql`
  ${ACTIVITY_FIELDS}
  subscription ActivityAdded($contactId: ID) {
    activityAdded(contactId: $contactId) {
      ...ActivityFields
    }
  }
`;

export const ACTIVITY_UPDATED = gql`
  ${ACTIVITY_FIELDS}
  subscription ActivityUpdated($contactId: ID) {
    activityUpdated(contactId: $contactId) {
      ...ActivityFields
    }
  }
`;

/** A recording's timed transcript: fetched when the agent opens the recording, not with every timeline page. */
export const RECORDING_TRANSCRIPT = gql`
  query RecordingTranscript($id: ID!) {
    activity(id: $id) {
      id
      transcriptCues {
        startSeconds
        endSeconds
        speaker
        text
      }
    }
  }
`;

export const MOVE_RECORDING = gql`
  ${ACTIVITY_FIELDS}
  mutation MoveRecording($activityId: ID!, $contactId: ID, $dealId: ID) {
    moveRecording(activityId: $activityId, contactId: $contactId, dealId: $dealId) {
      ...ActivityFields
    }
  }
`;

export const DETACH_RECORDING = gql`
  ${ACTIVITY_FIELDS}
  mutation DetachRecording($activityId: ID!) {
    detachRecording(activityId: $activityId) {
      ...ActivityFields
    }
  }
`;

export interface DealOption {
  id: string;
  title: string;
  propertyAddress: string | null;
  contact: { id: string; name: string } | null;
}

/** The organisation's deals, for "Move to deal". */
export const DEALS = gql`
  query Deals($first: Int) {
    deals(first: $first) {
      id
      title
      propertyAddress
      contact {
        id
        name
      }
    }
  }
`;

/** Activities no contact has (calls no number matched, detached recordings); `matchCandidates` lists the contacts sharing a number ("Which contact?"). */
export const UNMATCHED_ACTIVITIES = gql`
  ${ACTIVITY_FIELDS}
  query UnmatchedActivities($first: Int, $after: String) {
    unmatchedActivities(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...ActivityFields
          matchCandidates {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const LINK_ACTIVITY = gql`
  ${ACTIVITY_FIELDS}
  mutation LinkActivity($activityId: ID!, $contactId: ID!) {
    linkActivity(activityId: $activityId, contactId: $contactId) {
      ...ActivityFields
    }
  }
`;

export interface LiveCall {
  callId: string;
  state: 'RINGING' | 'CONNECTED';
  direction: 'INBOUND' | 'OUTBOUND' | 'INTERNAL';
  counterpartNumber: string | null;
  counterpartName: string | null;
  since: string;
  contact: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
}

const LIVE_CALL_FIELDS = gql`
  fragment LiveCallFields on LiveCall {
    callId
    state
    direction
    counterpartNumber
    counterpartName
    since
    contact {
      id
      name
    }
    owner {
      id
      name
    }
  }
`;

export const LIVE_CALLS = gql`
  ${LIVE_CALL_FIELDS}
  query LiveCalls {
    liveCalls {
      ...LiveCallFields
    }
  }
`;

export const CALL_BOARD = gql`
  ${LIVE_CALL_FIELDS}
  subscription CallBoard {
    callBoard {
      ...LiveCallFields
    }
  }
`;

export const SCHEDULE_MEETING = gql`
  ${ACTIVITY_FIELDS}
  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      ...ActivityFields
    }
  }
`;

export const UPDATE_MEETING = gql`
  ${ACTIVITY_FIELDS}
  mutation UpdateMeeting($activityId: ID!, $input: ScheduleMeetingInput!) {
    updateMeeting(activityId: $activityId, input: $input) {
      ...ActivityFields
    }
  }
`;

export const CANCEL_MEETING = gql`
  ${ACTIVITY_FIELDS}
  mutation CancelMeeting($activityId: ID!) {
    cancelMeeting(activityId: $activityId) {
      ...ActivityFields
    }
  }
`;

export const UPCOMING_MEETINGS = gql`
  ${ACTIVITY_FIELDS}
  query UpcomingMeetings($first: Int, $contactId: ID) {
    upcomingMeetings(first: $first, contactId: $contactId) {
      ...ActivityFields
      contact {
        id
        name
      }
    }
  }
`;

export const RETRY_TRANSCRIPTION = gql`
  mutation RetryTranscription($activityId: ID!) {
    retryTranscription(activityId: $activityId) {
      id
      status
    }
  }
`;

/** A Zoom backfill's progress (CallSync and RecordingSync have this shape). */
export interface SyncProgress {
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  processed: number;
  total: number | null;
  percent: number;
  error: string | null;
  finishedAt: string | null;
}

/** The fields of SyncProgress, which CallSync and RecordingSync share (two types, so two fragments). */
const SYNC_PROGRESS_FIELDS = 'status processed total percent error finishedAt';

const CALL_SYNC_FIELDS = gql`
  fragment CallSyncFields on CallSync {
    ${SYNC_PROGRESS_FIELDS}
  }
`;

export const CALL_SYNC = gql`
  ${CALL_SYNC_FIELDS}
  query CallSync {
    callSync {
      ...CallSyncFields
    }
  }
`;

export const SYNC_ZOOM_CALLS = gql`
  ${CALL_SYNC_FIELDS}
  mutation SyncZoomCalls {
    syncZoomCalls {
      ...CallSyncFields
    }
  }
`;

const RECORDING_SYNC_FIELDS = gql`
  fragment RecordingSyncFields on RecordingSync {
    ${SYNC_PROGRESS_FIELDS}
  }
`;

export const RECORDING_SYNC = gql`
  ${RECORDING_SYNC_FIELDS}
  query RecordingSync {
    recordingSync {
      ...RecordingSyncFields
    }
  }
`;

export const SYNC_ZOOM_RECORDINGS = gql`
  ${RECORDING_SYNC_FIELDS}
  mutation SyncZoomRecordings {
    syncZoomRecordings {
      ...RecordingSyncFields
    }
  }
`;

export const ADD_NOTE = gql`
  ${ACTIVITY_FIELDS}
  mutation AddNote($contactId: ID!, $body: String!) {
    addNote(contactId: $contactId, body: $body) {
      ...ActivityFields
    }
  }
`;

const ZOOM_CONNECTION_FIELDS = gql`
  fragment ZoomConnectionFields on ZoomConnection {
    status
    email
    planType
    phoneNumber
    scopes
    connectedAt
    lastError
    available
    capabilities {
      recordings
      phone
    }
  }
`;

export const ZOOM_CONNECTION = gql`
  ${ZOOM_CONNECTION_FIELDS}
  query ZoomConnection {
    zoomConnection {
      ...ZoomConnectionFields
    }
  }
`;

export const ZOOM_CONNECTION_CHANGED = gql`
  ${ZOOM_CONNECTION_FIELDS}
  subscription ZoomConnectionChanged {
    zoomConnectionChanged {
      ...ZoomConnectionFields
    }
  }
`;

export const START_ZOOM_CONNECT = gql`
  mutation StartZoomConnect {
    startZoomConnect
  }
`;

export const REFRESH_ZOOM_CONNECTION = gql`
  ${ZOOM_CONNECTION_FIELDS}
  mutation RefreshZoomConnection {
    refreshZoomConnection {
      ...ZoomConnectionFields
    }
  }
`;

export const DISCONNECT_ZOOM = gql`
  ${ZOOM_CONNECTION_FIELDS}
  mutation DisconnectZoom {
    disconnectZoom {
      ...ZoomConnectionFields
    }
  }
`;

export const INTEGRATION_HEALTH = gql`
  query IntegrationHealth {
    integrationHealth {
      webhookValidatedAt
      lastEvents {
        event
        lastReceivedAt
      }
      inboxCounts {
        status
        count
      }
      failedEvents {
        id
        event
        status
        attempts
        lastError
        receivedAt
      }
      rejectedEvents {
        id
        event
        reason
        deliveries
        receivedAt
        lastDeliveredAt
      }
      failedTranscriptions {
        activityId
        attempts
        lastError
        failedAt
      }
      connections {
        userEmail
        zoomEmail
        state
        lastError
        tokenExpiresAt
      }
    }
  }
`;

export const RETRY_WEBHOOK_EVENT = gql`
  mutation RetryWebhookEvent($id: ID!) {
    retryWebhookEvent(id: $id)
  }
`;

export const API_TOKENS = gql`
  query ApiTokens {
    apiTokens {
      id
      name
      createdAt
      lastUsedAt
    }
  }
`;

export const CREATE_API_TOKEN = gql`
  mutation CreateApiToken($name: String!) {
    createApiToken(name: $name)
  }
`;

export const REVOKE_API_TOKEN = gql`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id)
  }
`;
