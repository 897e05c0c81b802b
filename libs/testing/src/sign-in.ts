import type { GraphQLTestClient } from './graphql-client';
import { DEMO_PASSWORD } from './test-app';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  account: { id: string; participantId: string | null; displayName: string };
}

export const LOGIN = `mutation Login($identifier: String!, $password: String!) {
  login(identifier: $identifier, password: $password) {
    accessToken refreshToken account { id participantId displayName }
  }
}`;

/** Signs in through the real login mutation. */
export async function signIn(
  gql: GraphQLTestClient,
  identifier: string,
  password = DEMO_PASSWORD,
  headers?: Record<string, string>,
): Promise<SignedIn> {
  const data = await gql.data<{ login: SignedIn }>(LOGIN, { identifier, password }, { headers });
  return data.login;
}

/** Signs in demo people by key: 'sam' is the participant, any other key is `<key>@demo.test`. */
export async function signInDemo(gql: GraphQLTestClient, keys: readonly string[]): Promise<Record<string, SignedIn>> {
  const sessions: Record<string, SignedIn> = {};
  for (const key of keys)
    sessions[key] = await signIn(gql, key === 'sam' ? 'participant@demo.test' : `${key}@demo.test`);
  return sessions;
}

export interface SupportPerson extends SignedIn {
  teamRole: string;
}

/** The participant invites a support person, who sets up a username and passphrase and signs in. */
export async function inviteSupportPerson(
  gql: GraphQLTestClient,
  participantToken: string,
  participantId: string,
  username: string,
  passphrase = 'harbour lights at night',
): Promise<SupportPerson> {
  const invited = await gql.data<{ inviteSupportPerson: { member: { teamRole: string }; setup: { code: string } } }>(
    'mutation I($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { member { teamRole } setup { code } } }',
    { input: { participantId, displayName: username } },
    { token: participantToken },
  );
  await gql.data(
    'mutation C($input: CompleteSignInSetupInput!) { completeSignInSetup(input: $input) { accessToken } }',
    {
      input: { code: invited.inviteSupportPerson.setup.code, username, passphrase },
    },
  );
  return { ...(await signIn(gql, username, passphrase)), teamRole: invited.inviteSupportPerson.member.teamRole };
}
