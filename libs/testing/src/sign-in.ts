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

/** Every demo account's email address (README "Demo accounts"); all sign in with DEMO_PASSWORD. */
export const DEMO_EMAILS = [
  'cm@demo.test',
  'md@demo.test',
  'housing@demo.test',
  'peer@demo.test',
  'participant@demo.test',
  'admin@demo.test',
  'supervisor@demo.test',
] as const;

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

export const APPROVE_SETUP_CODE =
  'mutation A($input: SetupCodeIdInput!) { approveSignInSetupCode(input: $input) { id status } }';
export const CREATE_SETUP_CODE =
  'mutation S($input: CreateSignInSetupCodeInput!) { createSignInSetupCode(input: $input) { id code status expiresAt } }';
export const COMPLETE_SETUP = `mutation C($input: CompleteSignInSetupInput!) {
  completeSignInSetup(input: $input) { accessToken refreshToken recoveryCodes account { id username participantId } }
}`;

/** A second staff member approves a set-up code from their own session (PRODUCT.md rule 1). */
export async function approveSetupCode(
  gql: GraphQLTestClient,
  approverToken: string,
  setupCodeId: string,
): Promise<void> {
  await gql.data(APPROVE_SETUP_CODE, { input: { setupCodeId } }, { token: approverToken });
}

/** One team member asks for a set-up code and a second approves it; returns the code to hand over. */
export async function approvedSetupCode(
  gql: GraphQLTestClient,
  requesterToken: string,
  approverToken: string,
  participantId: string,
): Promise<string> {
  const { createSignInSetupCode } = await gql.data<{ createSignInSetupCode: { id: string; code: string } }>(
    CREATE_SETUP_CODE,
    { input: { participantId } },
    { token: requesterToken },
  );
  await approveSetupCode(gql, approverToken, createSignInSetupCode.id);
  return createSignInSetupCode.code;
}

/**
 * The participant invites a support person, a staff member approves the set-up code (by
 * default the demo case manager), and the support person sets up a username and passphrase.
 */
export async function inviteSupportPerson(
  gql: GraphQLTestClient,
  participantToken: string,
  participantId: string,
  username: string,
  passphrase = 'harbour lights at night',
  approverToken?: string,
): Promise<SupportPerson> {
  const invited = await gql.data<{
    inviteSupportPerson: { member: { teamRole: string }; setup: { code: string }; setupCodeId: string };
  }>(
    'mutation I($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { member { teamRole } setup { code } setupCodeId } }',
    { input: { participantId, displayName: username } },
    { token: participantToken },
  );
  const approver = approverToken ?? (await signIn(gql, 'cm@demo.test')).accessToken;
  await approveSetupCode(gql, approver, invited.inviteSupportPerson.setupCodeId);
  await gql.data(
    'mutation C($input: CompleteSignInSetupInput!) { completeSignInSetup(input: $input) { accessToken } }',
    {
      input: { code: invited.inviteSupportPerson.setup.code, username, passphrase },
    },
  );
  return { ...(await signIn(gql, username, passphrase)), teamRole: invited.inviteSupportPerson.member.teamRole };
}
