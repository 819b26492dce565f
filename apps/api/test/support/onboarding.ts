import type { TestApi } from './test-api';

/** The product's own way in (the first-run page and the invite page), as the web app calls it. */
export const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { token user { id email name role organisation { name defaultRegion } } }
}`;
export const INVITE = 'mutation($email: String!, $role: Role!) { inviteUser(email: $email, role: $role) { id email role url expiresAt delivery status } }';
export const ACCEPT = 'mutation($token: String!, $name: String!, $password: String!) { acceptInvite(token: $token, name: $name, password: $password) { token user { id email name role } } }';

export interface SignedInUser {
  token: string;
  user: { id: string; email: string; name: string; role: string };
}

export interface Invite {
  id: string;
  email: string;
  role: string;
  url: string;
  expiresAt: string;
  delivery: string;
  status: string;
}

/** The secret part of an invite link, PUBLIC_URL/invite/<token>. */
export const inviteTokenOf = (invite: Pick<Invite, 'url'>) => invite.url.split('/invite/')[1];

async function mutate<T>(api: TestApi, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const result = await api.graphql<T>(query, variables, token);
  if (!result.data) throw new Error(`${query.slice(0, 40)}… failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** An organisation and its first admin, made through createOrganisation (open sign-up), signed in. */
export async function signUpOrganisation(
  api: TestApi,
  input: { organisationName: string; name: string; email: string; password: string; defaultRegion?: string },
): Promise<SignedInUser> {
  return (await mutate<{ createOrganisation: SignedInUser }>(api, CREATE_ORGANISATION, { input })).createOrganisation;
}

export async function invite(api: TestApi, adminToken: string, email: string, role: 'agent' | 'admin'): Promise<Invite> {
  return (await mutate<{ inviteUser: Invite }>(api, INVITE, { email, role }, adminToken)).inviteUser;
}

/** An admin invites `person`, who accepts the link and is signed in. */
export async function inviteAndAccept(
  api: TestApi,
  adminToken: string,
  person: { email: string; role: 'agent' | 'admin'; name: string; password: string },
): Promise<SignedInUser> {
  const link = inviteTokenOf(await invite(api, adminToken, person.email, person.role));
  return (await mutate<{ acceptInvite: SignedInUser }>(api, ACCEPT, { token: link, name: person.name, password: person.password })).acceptInvite;
}
