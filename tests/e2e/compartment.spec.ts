import {
  approveSetupCode,
  errorCode,
  signIn,
  signInDemoPeople,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const PARTICIPANT = `query P($id: ID!) {
  participant(id: $id) { id preferredName careTeam { accountId displayName teamRole } }
}`;
const HISTORY = `query H($id: ID!) {
  participant(id: $id) { careTeamHistory { kind at changedBy member { displayName teamRole } } }
}`;
const ADD_MEMBER = `mutation A($input: AddCareTeamMemberInput!) {
  addCareTeamMember(input: $input) { membershipId displayName until }
}`;
const END_MEMBER =
  'mutation E($input: EndCareTeamMembershipInput!) { endCareTeamMembership(input: $input) { membershipId until } }';
const UNKNOWN_ID = '6f1c2f0e-5b7a-4c1e-9a55-2d3c4b5a6e7f';
const DAY = 86_400_000;

describe('the compartment: who can see which participant', () => {
  let t: TestApp, samId: string;
  const as: Record<string, SignedIn> = {};
  const people = ['cm', 'md', 'housing', 'supervisor', 'admin', 'sam'];
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => ({ participantId: samId } = await signInDemoPeople(t.gql, people, as)));
  afterAll(() => t.close());

  const read = (who: string, id: string) =>
    t.gql.request<{ participant: { id: string } }>(PARTICIPANT, { id }, { token: as[who].accessToken });

  it('team members and the participant read the record', async () => {
    for (const who of ['cm', 'md', 'housing', 'sam']) {
      const response = await read(who, samId);
      expect(response.data?.participant.id).toBe(samId);
    }
  });

  it('staff outside the team, a supervisor and an administrator get exactly the unknown-id answer', async () => {
    const unknown = await read('cm', UNKNOWN_ID);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    for (const who of ['supervisor', 'admin']) {
      const hidden = await read(who, samId);
      expect(hidden.errors!.map(({ message, extensions }) => ({ message, extensions }))).toEqual(
        unknown.errors!.map(({ message, extensions }) => ({ message, extensions })),
      );
      expect(JSON.stringify(hidden)).not.toContain('Sam');
    }
  });

  it('a participant reads only their own record', async () => {
    const riley = await t.gql.data<{ createParticipant: { id: string } }>(
      'mutation { createParticipant(input: { preferredName: "Riley" }) { id } }',
      {},
      { token: as.cm.accessToken },
    );
    const response = await read('sam', riley.createParticipant.id);
    expect(errorCode(response)).toBe('NOT_FOUND');
    // Housing is on Sam's team, not Riley's.
    expect(errorCode(await read('housing', riley.createParticipant.id))).toBe('NOT_FOUND');
    const caseload = await t.gql.data<{ caseload: { participant: { preferredName: string } }[] }>(
      '{ caseload { participant { preferredName } } }',
      {},
      { token: as.housing.accessToken },
    );
    expect(caseload.caseload.map((entry) => entry.participant.preferredName)).toEqual(['Sam']);
  });

  it('supervisors and administrators see the roster (names and teams) but no caseload of others', async () => {
    for (const who of ['supervisor', 'admin']) {
      const roster = await t.gql.data<{
        programRoster: { preferredName: string; careTeam: { displayName: string }[] }[];
      }>('{ programRoster { preferredName careTeam { displayName } } }', {}, { token: as[who].accessToken });
      const sam = roster.programRoster.find((entry) => entry.preferredName === 'Sam');
      expect(sam?.careTeam.map((m) => m.displayName)).toContain('Alex Rivera');
    }
    expect(
      errorCode(await t.gql.request('{ programRoster { preferredName } }', {}, { token: as.cm.accessToken })),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await t.gql.request('{ programRoster { preferredName } }', {}, { token: as.sam.accessToken })),
    ).toBe('FORBIDDEN');
  });

  it('an administrator neither joins nor changes the team; the primary case manager adds and ends', async () => {
    const self = await t.gql.request(
      ADD_MEMBER,
      { input: { participantId: samId, accountId: as.admin.account.id } },
      { token: as.cm.accessToken },
    );
    expect(self.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.accountId' });
    // Separation of duties: the administrator mints accounts, so never gives them access.
    expect(
      errorCode(
        await t.gql.request(
          ADD_MEMBER,
          { input: { participantId: samId, accountId: as.supervisor.account.id } },
          { token: as.admin.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');

    const added = await t.gql.data<{ addCareTeamMember: { membershipId: string } }>(
      ADD_MEMBER,
      { input: { participantId: samId, accountId: as.supervisor.account.id } },
      { token: as.cm.accessToken },
    );
    expect((await read('supervisor', samId)).data?.participant.id).toBe(samId);
    expect(
      errorCode(
        await t.gql.request(
          END_MEMBER,
          { input: { membershipId: added.addCareTeamMember.membershipId } },
          { token: as.admin.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    t.clock.advance(1000);
    await t.gql.data(
      END_MEMBER,
      { input: { membershipId: added.addCareTeamMember.membershipId } },
      { token: as.cm.accessToken },
    );
    expect(errorCode(await read('supervisor', samId))).toBe('NOT_FOUND');
    // Still no plan content for the administrator.
    expect(errorCode(await read('admin', samId))).toBe('NOT_FOUND');
  });

  it('the participant sees every team change, with who made it', async () => {
    const added = await t.gql.data<{ addCareTeamMember: { membershipId: string } }>(
      ADD_MEMBER,
      { input: { participantId: samId, accountId: as.supervisor.account.id, teamRole: 'CARE_TEAM_MEMBER' } },
      { token: as.cm.accessToken },
    );
    t.clock.advance(60_000);
    await t.gql.data(
      END_MEMBER,
      { input: { membershipId: added.addCareTeamMember.membershipId } },
      { token: as.cm.accessToken },
    );

    const { participant } = await t.gql.data<{
      participant: { careTeamHistory: { kind: string; changedBy: string; member: { displayName: string } }[] };
    }>(HISTORY, { id: samId }, { token: as.sam.accessToken });
    const dana = participant.careTeamHistory.filter((change) => change.member.displayName === 'Dana Whitfield');
    expect(dana.slice(0, 2)).toEqual([
      {
        kind: 'LEFT',
        changedBy: 'Alex Rivera',
        member: { displayName: 'Dana Whitfield', teamRole: 'CARE_TEAM_MEMBER' },
        at: expect.any(String),
      },
      {
        kind: 'JOINED',
        changedBy: 'Alex Rivera',
        member: { displayName: 'Dana Whitfield', teamRole: 'CARE_TEAM_MEMBER' },
        at: expect.any(String),
      },
    ]);
  });

  it('a membership with an end date ends by itself (injectable clock)', async () => {
    const until = new Date(t.clock.now().getTime() + DAY).toISOString();
    await t.gql.data(
      ADD_MEMBER,
      { input: { participantId: samId, accountId: as.supervisor.account.id, until } },
      { token: as.cm.accessToken },
    );
    expect((await read('supervisor', samId)).data?.participant.id).toBe(samId);
    t.clock.advance(2 * DAY);
    as.supervisor = await signIn(t.gql, 'supervisor@demo.test');
    expect(errorCode(await read('supervisor', samId))).toBe('NOT_FOUND');
  });

  it('the participant cannot change the staff team, and staff outside it cannot either', async () => {
    const bySam = await t.gql.request(
      ADD_MEMBER,
      { input: { participantId: samId, accountId: as.supervisor.account.id } },
      { token: as.sam.accessToken },
    );
    expect(errorCode(bySam)).toBe('FORBIDDEN');
    const bySupervisor = await t.gql.request(
      ADD_MEMBER,
      { input: { participantId: samId, accountId: as.supervisor.account.id } },
      { token: as.supervisor.accessToken },
    );
    // A supervisor of the program may manage the team, but never adds themselves (separation of duties).
    expect(errorCode(bySupervisor)).toBe('FORBIDDEN');
  });

  it('the participant invites a support person, who signs in with a username and sees the team', async () => {
    const invited = await t.gql.data<{
      inviteSupportPerson: { member: { teamRole: string }; setup: { code: string }; setupCodeId: string };
    }>(
      'mutation I($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { member { teamRole } setup { code } setupCodeId } }',
      { input: { participantId: samId, displayName: 'Jo (my sister)' } },
      { token: as.sam.accessToken },
    );
    expect(invited.inviteSupportPerson.member.teamRole).toBe('SUPPORT_PERSON');
    // Rule 1: a staff member approves the support person's set-up code before it works.
    await approveSetupCode(t.gql, as.cm.accessToken, invited.inviteSupportPerson.setupCodeId);
    await t.gql.data(
      'mutation C($input: CompleteSignInSetupInput!) { completeSignInSetup(input: $input) { accessToken } }',
      {
        input: { code: invited.inviteSupportPerson.setup.code, username: 'jo', passphrase: 'lighthouse at dusk' },
      },
    );
    const jo = await signIn(t.gql, 'jo', 'lighthouse at dusk');
    const seen = await t.gql.data<{ participant: { careTeam: { displayName: string }[] } }>(
      PARTICIPANT,
      { id: samId },
      { token: jo.accessToken },
    );
    expect(seen.participant.careTeam.map((m) => m.displayName)).toContain('Jo (my sister)');
  });

  it('caseload shows last contact, mine and anyone’s, and never an overdue flag', async () => {
    await t.gql.data(
      'mutation C($input: RecordContactInput!) { recordContact(input: $input) { at } }',
      { input: { participantId: samId, mode: 'PHONE' } },
      { token: as.md.accessToken },
    );
    const { caseload } = await t.gql.data<{ caseload: { lastContactAt: string; myLastContactAt: string }[] }>(
      '{ caseload { lastContactAt myLastContactAt } }',
      {},
      { token: as.md.accessToken },
    );
    expect(caseload).toHaveLength(1);
    expect(caseload[0].lastContactAt).toBe(t.clock.now().toISOString());
    expect(caseload[0].myLastContactAt).toBe(t.clock.now().toISOString());
  });
});
