import type { GraphQLTestClient } from './graphql-client';
import { signIn, type SignedIn } from './sign-in';
import { DEMO_PASSWORD } from './test-app';

export const ADD_CARE_TEAM_MEMBER = `mutation AddMember($input: AddCareTeamMemberInput!) {
  addCareTeamMember(input: $input) { membershipId accountId displayName teamRole since until }
}`;
export const END_CARE_TEAM_MEMBERSHIP = `mutation EndMember($input: EndCareTeamMembershipInput!) {
  endCareTeamMembership(input: $input) { membershipId until }
}`;

export interface AddedMember {
  membershipId: string;
  accountId: string;
  displayName: string;
  teamRole: string;
}

/**
 * Adds a staff member to a care team. `token` must be the participant's primary case
 * manager or a supervisor of the program (PRODUCT.md rule 10): other team members, the
 * person added and administrators are refused.
 */
export async function addCareTeamMember(
  gql: GraphQLTestClient,
  token: string,
  input: { participantId: string; accountId: string; teamRole?: string },
): Promise<AddedMember> {
  const data = await gql.data<{ addCareTeamMember: AddedMember }>(ADD_CARE_TEAM_MEMBER, { input }, { token });
  return data.addCareTeamMember;
}

/**
 * A new staff account in the administrator's program: invited by the administrator, the
 * invitation accepted, confirmed by the demo program's supervisor (a supervisor other than
 * the inviter: separation of duties), signed in.
 */
export async function inviteStaffMember(
  gql: GraphQLTestClient,
  adminToken: string,
  input: { email: string; discipline: string; programRole?: string; displayName?: string },
  password = DEMO_PASSWORD,
): Promise<SignedIn> {
  const { inviteStaff } = await gql.data<{ inviteStaff: { account: { id: string }; invitation: { code: string } } }>(
    'mutation I($input: InviteStaffInput!) { inviteStaff(input: $input) { account { id } invitation { code } } }',
    {
      input: {
        email: input.email,
        displayName: input.displayName ?? input.email,
        discipline: input.discipline,
        programRole: input.programRole ?? 'STAFF',
      },
    },
    { token: adminToken },
  );
  await gql.data(
    'mutation A($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { accessToken } }',
    { input: { code: inviteStaff.invitation.code, password } },
  );
  const supervisor = await signIn(gql, 'supervisor@demo.test', DEMO_PASSWORD);
  await gql.data(
    'mutation C($input: AccountIdInput!) { confirmStaffAccount(input: $input) { id } }',
    { input: { accountId: inviteStaff.account.id } },
    { token: supervisor.accessToken },
  );
  return signIn(gql, input.email, password);
}
