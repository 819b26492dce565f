import { gql } from '@apollo/client';
import { ACTIVITY_FIELDS, type Activity, type ActivityType, type MeetingDetails } from '../graphql';

/** A timeline entry: the shared fields, whether it was just deleted, and when a meeting really started and ended. */
export type TimelineActivity = Omit<Activity, 'meeting'> & {
  deleted?: boolean;
  meeting: (MeetingDetails & { startedAt?: string | null; endedAt?: string | null }) | null;
};

/** One filter of the type filter: its label, what it lists in words, and the `types` it asks `activities` for (null: every kind). */
export interface TypeFilter {
  label: string;
  noun: string;
  types: ActivityType[] | null;
}

export const TYPE_FILTERS: TypeFilter[] = [
  { label: 'All', noun: 'activity', types: null },
  { label: 'Calls', noun: 'calls', types: ['CALL'] },
  { label: 'Voicemails', noun: 'voicemails', types: ['VOICEMAIL'] },
  { label: 'Meetings', noun: 'meetings', types: ['MEETING'] },
  { label: 'Recordings', noun: 'recordings', types: ['RECORDING'] },
  { label: 'SMS', noun: 'texts', types: ['SMS'] },
  { label: 'Notes', noun: 'notes', types: ['NOTE'] },
  { label: 'Emails', noun: 'emails', types: ['EMAIL'] },
];

const TIMELINE_FIELDS = gql`
  ${ACTIVITY_FIELDS}
  fragment TimelineFields on Activity {
    ...ActivityFields
    deleted
    meeting {
      startedAt
      endedAt
    }
  }
`;

export const TIMELINE_ACTIVITIES = gql`
  ${TIMELINE_FIELDS}
  query TimelineActivities($contactId: ID, $dealId: ID, $types: [ActivityType!], $first: Int, $after: String) {
    activities(contactId: $contactId, dealId: $dealId, types: $types, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...TimelineFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const TIMELINE_ACTIVITY_ADDED = gql`
  ${TIMELINE_FIELDS}
  subscription TimelineActivityAdded($contactId: ID) {
    activityAdded(contactId: $contactId) {
      ...TimelineFields
    }
  }
`;

/** Updates, moves, and deletions (`deleted: true`) of the contact's activities. */
export const TIMELINE_ACTIVITY_UPDATED = gql`
  ${TIMELINE_FIELDS}
  subscription TimelineActivityUpdated($contactId: ID) {
    activityUpdated(contactId: $contactId) {
      ...TimelineFields
    }
  }
`;

export const UPDATE_NOTE = gql`
  ${TIMELINE_FIELDS}
  mutation UpdateNote($activityId: ID!, $body: String!) {
    updateNote(activityId: $activityId, body: $body) {
      ...TimelineFields
    }
  }
`;

export const DELETE_NOTE = gql`
  mutation DeleteNote($activityId: ID!) {
    deleteNote(activityId: $activityId) {
      id
      deleted
    }
  }
`;
