import { gql } from '@apollo/client';
import { type ContactStage, type ContactSummary, CONTACT_SUMMARY } from '../graphql';

export type ContactOrder = 'NAME' | 'LAST_CONTACTED' | 'CREATED';
export type ContactImportStatus = 'CREATED' | 'WOULD_CREATE' | 'DUPLICATE' | 'INVALID';

export interface ContactListItem extends ContactSummary {
  tags: string[];
  leadSource: string | null;
  lastContactedAt: string | null;
  createdAt: string;
  owner: { id: string; name: string } | null;
}

export interface ContactFormValues extends ContactSummary {
  notes: string | null;
  tags: string[];
  leadSource: string | null;
}

export interface ContactListFilters {
  search: string | null;
  stage: ContactStage | null;
  ownerId: string | null;
  tag: string | null;
  orderBy: ContactOrder;
}

export interface ContactImportReport {
  created: number;
  updated: number;
  skipped: number;
  ignoredColumns: string[];
  rows: Array<{ line: number; status: ContactImportStatus; name: string; contactId: string | null; errors: string[] }>;
}

export const CONTACT_LIST = gql`
  ${CONTACT_SUMMARY}
  query ContactList($search: String, $stage: ContactStage, $ownerId: ID, $tag: String, $orderBy: ContactOrder, $first: Int, $after: String) {
    contacts(search: $search, stage: $stage, ownerId: $ownerId, tag: $tag, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...ContactSummary
          tags
          leadSource
          lastContactedAt
          createdAt
          owner {
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

export const CONTACT_FOR_FORM = gql`
  ${CONTACT_SUMMARY}
  query ContactForForm($id: ID!) {
    contact(id: $id) {
      ...ContactSummary
      notes
      tags
      leadSource
    }
  }
`;

export const CONTACT_DUPLICATES = gql`
  query ContactDuplicates($emails: [String!], $phones: [String!], $excludeId: ID) {
    contactDuplicates(emails: $emails, phones: $phones, excludeId: $excludeId) {
      id
      name
      emails
      phones {
        raw
        e164
      }
    }
  }
`;

export const DELETE_CONTACT = gql`
  mutation DeleteContact($id: ID!, $activities: ContactActivitiesOnDelete!) {
    deleteContact(id: $id, activities: $activities) {
      id
    }
  }
`;

export const IMPORT_CONTACTS = gql`
  mutation ImportContacts($csv: String!, $dryRun: Boolean!) {
    importContacts(csv: $csv, dryRun: $dryRun) {
      created
      updated
      skipped
      ignoredColumns
      rows {
        line
        status
        name
        contactId
        errors
      }
    }
  }
`;

export const CONTACT_DELETED = gql`
  subscription ContactDeleted {
    contactDeleted {
      contactId
    }
  }
`;
