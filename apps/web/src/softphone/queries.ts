import { gql } from '@apollo/client';
import { ACTIVITY_FIELDS } from '../graphql';

/** The softphone pane, call outcomes and notes, hand-logged calls and SMS threads (DESIGN.md §3 "Softphone and SMS"). */
export interface SoftphoneConfig {
  smartEmbedUrl: string;
  /** Messages are taken only from this origin (and the pane's own iframe), and posted only to it. */
  smartEmbedOrigin: string;
}

/** A contact as the softphone's contact match and search answers need it. */
export interface SoftphoneContact {
  id: string;
  name: string;
  phones: Array<{ raw: string; e164: string | null }>;
}

/** What the pane reports of a call the softphone placed or took: matched to the call's activity by `callId`. */
export interface SoftphoneCallInput {
  callId: string;
  direction?: string;
  counterpartNumber?: string;
  occurredAt?: string;
  durationSeconds?: number;
  disposition?: string;
  notes?: string;
}

export interface SoftphoneSmsInput {
  messageId: string;
  direction: string;
  counterpartNumber: string;
  body: string;
  occurredAt?: string;
}

export type CallDirection = 'INBOUND' | 'OUTBOUND';

export const SOFTPHONE_CONFIG = gql`
  query SoftphoneConfig {
    softphone {
      smartEmbedUrl
      smartEmbedOrigin
    }
  }
`;

export const CALL_DISPOSITIONS = gql`
  query CallDispositions {
    callDispositions
  }
`;

export const SET_CALL_DISPOSITIONS = gql`
  mutation SetCallDispositions($values: [String!]!) {
    setCallDispositions(values: $values)
  }
`;

export const UPDATE_CALL_LOG = gql`
  ${ACTIVITY_FIELDS}
  mutation UpdateCallLog($activityId: ID!, $disposition: String, $notes: String) {
    updateCallLog(activityId: $activityId, disposition: $disposition, notes: $notes) {
      ...ActivityFields
    }
  }
`;

export const LOG_CALL = gql`
  ${ACTIVITY_FIELDS}
  mutation LogCall($input: LogCallInput!) {
    logCall(input: $input) {
      ...ActivityFields
    }
  }
`;

export const RECORD_SOFTPHONE_CALL = gql`
  mutation RecordSoftphoneCall($input: SoftphoneCallInput!) {
    recordSoftphoneCall(input: $input) {
      id
    }
  }
`;

export const RECORD_SOFTPHONE_SMS = gql`
  mutation RecordSoftphoneSms($input: SoftphoneSmsInput!) {
    recordSoftphoneSms(input: $input) {
      id
    }
  }
`;

const SOFTPHONE_CONTACT = gql`
  fragment SoftphoneContact on Contact {
    id
    name
    phones {
      raw
      e164
    }
  }
`;

export const CONTACTS_WITH_NUMBER = gql`
  ${SOFTPHONE_CONTACT}
  query ContactsWithNumber($number: String!) {
    contactByPhone(number: $number) {
      ...SoftphoneContact
    }
  }
`;

export const CONTACTS_MATCHING = gql`
  ${SOFTPHONE_CONTACT}
  query ContactsMatching($search: String!) {
    contacts(search: $search, first: 10) {
      edges {
        node {
          ...SoftphoneContact
        }
      }
    }
  }
`;

export const SMS_THREAD = gql`
  ${ACTIVITY_FIELDS}
  query SmsThread($contactId: ID!, $first: Int) {
    activities(contactId: $contactId, types: [SMS], first: $first) {
      edges {
        node {
          ...ActivityFields
        }
      }
    }
  }
`;
