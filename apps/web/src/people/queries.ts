import { gql } from '@apollo/client';
import { SIGNUP_STATUS_DOCUMENT } from '../auth/documents';
import type { Role } from '../graphql';

/** Organisations and people: the first-run page, invites and Settings > People. */
export type MailDelivery = 'SENT' | 'OUTBOX' | 'FAILED';
export type InviteStatus = 'PENDING' | 'ACCEPTED' | 'EXPIRED' | 'REVOKED';

export interface SignupStatus {
  open: boolean;
  firstRun: boolean;
}
export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  deactivatedAt: string | null;
}
export interface Invite {
  id: string;
  email: string;
  role: Role;
  url: string | null;
  expiresAt: string;
  createdAt: string;
  delivery: MailDelivery;
  status: InviteStatus;
  invitedBy: { id: string; name: string } | null;
}
export interface InvitationPreview {
  email: string;
  role: Role;
  organisationName: string;
  invitedByName: string | null;
  status: InviteStatus;
  expiresAt: string;
}

export const SIGNUP_STATUS = gql(SIGNUP_STATUS_DOCUMENT);

export const CREATE_ORGANISATION = gql`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      token
      user {
        id
      }
    }
  }
`;

export const INVITATION = gql`
  query Invitation($token: String!) {
    invitation(token: $token) {
      email
      role
      organisationName
      invitedByName
      status
      expiresAt
    }
  }
`;

export const ACCEPT_INVITE = gql`
  mutation AcceptInvite($token: String!, $name: String!, $password: String!) {
    acceptInvite(token: $token, name: $name, password: $password) {
      token
      user {
        id
      }
    }
  }
`;

const PERSON = gql`
  fragment Person on User {
    id
    email
    name
    role
    active
    createdAt
    deactivatedAt
  }
`;

const INVITE = gql`
  fragment Invite on Invite {
    id
    email
    role
    url
    expiresAt
    createdAt
    delivery
    status
    invitedBy {
      id
      name
    }
  }
`;

export const PEOPLE = gql`
  query People {
    users {
      ...Person
    }
    invites {
      ...Invite
    }
  }
  ${PERSON}
  ${INVITE}
`;

export const INVITE_USER = gql`
  mutation InviteUser($email: String!, $role: Role!) {
    inviteUser(email: $email, role: $role) {
      ...Invite
    }
  }
  ${INVITE}
`;

export const REVOKE_INVITE = gql`
  mutation RevokeInvite($id: ID!) {
    revokeInvite(id: $id) {
      id
      status
    }
  }
`;

export const SET_USER_ROLE = gql`
  mutation SetUserRole($id: ID!, $role: Role!) {
    setUserRole(id: $id, role: $role) {
      ...Person
    }
  }
  ${PERSON}
`;

export const DEACTIVATE_USER = gql`
  mutation DeactivateUser($id: ID!) {
    deactivateUser(id: $id) {
      ...Person
    }
  }
  ${PERSON}
`;

export const REACTIVATE_USER = gql`
  mutation ReactivateUser($id: ID!) {
    reactivateUser(id: $id) {
      ...Person
    }
  }
  ${PERSON}
`;
