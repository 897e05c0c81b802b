import { DataSource } from 'typeorm';
import {
  ADD_CARE_TEAM_MEMBER,
  addCareTeamMember,
  collectPlanEvents,
  connectRealtime,
  END_CARE_TEAM_MEMBERSHIP,
  errorCode,
  inviteStaffMember,
  joinPlan,
  signIn,
  signInDemoPeople,
  startTestApp,
  waitFor,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/**
 * Finding 4 of issue 13, from the attacker's side over real HTTP: who may change a care team
 * (PRODUCT.md rule 10, ARCHITECTURE.md "Separation of duties"), and the participant's record
 * of every change.
 */
const PLAN = 'query P($id: ID!) { plan(participantId: $id) { goals { text label } } }';
const TEAM = 'query T($id: ID!) { participant(id: $id) { careTeam { membershipId accountId displayName teamRole } } }';
const CHANGES = `query C($id: ID!) {
  careTeamChanges(participantId: $id) {
    id kind changedAt effectiveAt membershipId teamRole discipline defaultLabels grantedLabels
    member { accountId displayName } changedBy { displayName }
  }
}`;
const UNKNOWN_ID = '6f1c2f0e-5b7a-4c1e-9a55-2d3c4b5a6e7f';

interface ChangeView {
  id: string;
  kind: string;
  membershipId: string;
  teamRole: string;
  discipline: string | null;
  defaultLabels: string[];
  grantedLabels: string[];
  member: { accountId: string; displayName: string };
  changedBy: { displayName: string } | null;
}

describe('care team: who may change it, and the participant sees every change (finding 4)', () => {
  let t: TestApp;
  const as: Record<string, SignedIn> = {};
  const people = ['cm', 'md', 'housing', 'peer', 'supervisor', 'admin', 'sam'];
  let samId: string;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    db = t.app.get(DataSource);
  });
  beforeEach(async () => ({ participantId: samId } = await signInDemoPeople(t.gql, people, as)));
  afterAll(() => t.close());

  const add = (who: SignedIn, accountId: string, extra: Record<string, unknown> = {}) =>
    t.gql.request<{ addCareTeamMember: { membershipId: string } }>(
      ADD_CARE_TEAM_MEMBER,
      { input: { participantId: samId, accountId, ...extra } },
      { token: who.accessToken },
    );
  const end = (who: SignedIn, membershipId: string) =>
    t.gql.request(END_CARE_TEAM_MEMBERSHIP, { input: { membershipId } }, { token: who.accessToken });
  const team = async () =>
    (
      await t.gql.data<{ participant: { careTeam: { membershipId: string; accountId: string; teamRole: string }[] } }>(
        TEAM,
        { id: samId },
        { token: as.sam.accessToken },
      )
    ).participant.careTeam;
  const membershipOf = async (accountId: string) => (await team()).find((m) => m.accountId === accountId)!.membershipId;
  const changes = async (who: SignedIn) =>
    (await t.gql.data<{ careTeamChanges: ChangeView[] }>(CHANGES, { id: samId }, { token: who.accessToken }))
      .careTeamChanges;

  let staffCount = 0;
  const newStaff = (discipline: string, programRole = 'STAFF') =>
    inviteStaffMember(t.gql, as.admin.accessToken, {
      email: `staff-${++staffCount}@demo.test`,
      discipline,
      programRole,
    });

  it('housing cannot add someone to the team or end the physician’s membership (FORBIDDEN, nothing changes)', async () => {
    const friend = await newStaff('HOUSING');
    const added = await add(as.housing, friend.account.id);
    expect(errorCode(added)).toBe('FORBIDDEN');
    const mdMembership = await membershipOf(as.md.account.id);
    expect(errorCode(await end(as.housing, mdMembership))).toBe('FORBIDDEN');
    // Nor can the physician or the peer worker: only the primary case manager or a supervisor.
    expect(errorCode(await add(as.md, friend.account.id))).toBe('FORBIDDEN');
    expect(errorCode(await end(as.peer, mdMembership))).toBe('FORBIDDEN');
    const now = await team();
    expect(now.map((m) => m.accountId)).toContain(as.md.account.id);
    expect(now.map((m) => m.accountId)).not.toContain(friend.account.id);
    expect(errorCode(await t.gql.request(PLAN, { id: samId }, { token: friend.accessToken }))).toBe('NOT_FOUND');
  });

  it('an administrator cannot put an account they minted on the team, so it never reads health content', async () => {
    const minted = await newStaff('MEDICAL');
    const byAdmin = await add(as.admin, minted.account.id);
    expect(errorCode(byAdmin)).toBe('FORBIDDEN');
    expect(errorCode(await end(as.admin, await membershipOf(as.md.account.id)))).toBe('FORBIDDEN');
    const read = await t.gql.request(PLAN, { id: samId }, { token: minted.accessToken });
    expect(errorCode(read)).toBe('NOT_FOUND');
    expect(JSON.stringify(read)).not.toMatch(/Never use alone|HEALTH/);
    // The administrator never joins, whoever asks.
    expect((await add(as.cm, as.admin.account.id)).errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.accountId',
    });
  });

  it('nobody adds themselves: not a supervisor, not the primary case manager, not an ended member', async () => {
    expect(errorCode(await add(as.supervisor, as.supervisor.account.id))).toBe('FORBIDDEN');
    expect(errorCode(await add(as.cm, as.cm.account.id))).toBe('FORBIDDEN');

    // A nurse is added by the case manager, then ended; they cannot come back on their own.
    const nurse = await newStaff('NURSING');
    const added = await addCareTeamMember(t.gql, as.cm.accessToken, {
      participantId: samId,
      accountId: nurse.account.id,
    });
    t.clock.advance(1000);
    expect(errorCode(await end(as.cm, added.membershipId))).toBeUndefined();
    const back = await add(nurse, nurse.account.id);
    const unknown = await t.gql.request(
      ADD_CARE_TEAM_MEMBER,
      { input: { participantId: UNKNOWN_ID, accountId: nurse.account.id } },
      { token: nurse.accessToken },
    );
    expect(errorCode(back)).toBe('NOT_FOUND');
    expect(back.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('a case manager who is not the primary case manager cannot change the team', async () => {
    const secondCm = await newStaff('CASE_MANAGEMENT');
    await addCareTeamMember(t.gql, as.cm.accessToken, { participantId: samId, accountId: secondCm.account.id });
    const friend = await newStaff('PEER_SUPPORT');
    expect(errorCode(await add(secondCm, friend.account.id))).toBe('FORBIDDEN');
    expect(errorCode(await end(secondCm, await membershipOf(as.md.account.id)))).toBe('FORBIDDEN');
    // Nor can the primary case manager make a second primary: that is a supervisor's call.
    expect(errorCode(await add(as.cm, friend.account.id, { teamRole: 'PRIMARY_CASE_MANAGER' }))).toBe('FORBIDDEN');
  });

  it('a supervisor of another program is answered as for an unknown participant', async () => {
    const other = await newStaff('CASE_MANAGEMENT', 'SUPERVISOR');
    await db.query(
      `WITH p AS (INSERT INTO program (name, created_at) VALUES ('Elsewhere', now()) RETURNING id)
       UPDATE account SET program_id = (SELECT id FROM p) WHERE id = $1`,
      [other.account.id],
    );
    const friend = await newStaff('PEER_SUPPORT');
    const attempt = await add(other, friend.account.id);
    const unknown = await t.gql.request(
      ADD_CARE_TEAM_MEMBER,
      { input: { participantId: UNKNOWN_ID, accountId: friend.account.id } },
      { token: other.accessToken },
    );
    expect(attempt.errors!.map(({ message, extensions }) => ({ message, extensions }))).toEqual(
      unknown.errors!.map(({ message, extensions }) => ({ message, extensions })),
    );
    expect(errorCode(await end(other, await membershipOf(as.md.account.id)))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.request(CHANGES, { id: samId }, { token: other.accessToken }))).toBe('NOT_FOUND');
  });

  it('the person added must be an active staff account of the same program', async () => {
    // Invited but never accepted: not active yet.
    const { inviteStaff } = await t.gql.data<{ inviteStaff: { account: { id: string } } }>(
      'mutation I($input: InviteStaffInput!) { inviteStaff(input: $input) { account { id } } }',
      { input: { email: 'not-yet@demo.test', displayName: 'Not Yet', discipline: 'NURSING', programRole: 'STAFF' } },
      { token: as.admin.accessToken },
    );
    expect((await add(as.cm, inviteStaff.account.id)).errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.accountId',
    });
    // The participant's own account, and an unknown account, are not staff of the program.
    expect((await add(as.cm, as.sam.account.id)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await add(as.cm, UNKNOWN_ID)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('the primary case manager and a supervisor change the team; Sam sees who, when, the role and what the member sees, live', async () => {
    const socket = await connectRealtime(t.url, as.sam.accessToken);
    try {
      const events = collectPlanEvents(socket);
      await joinPlan(socket, samId);
      const nurse = await newStaff('NURSING');
      const added = await addCareTeamMember(t.gql, as.supervisor.accessToken, {
        participantId: samId,
        accountId: nurse.account.id,
      });
      await waitFor(() => events.some((e) => e.type === 'CARE_TEAM_CHANGED' && e.itemId === added.membershipId));
      const live = events.find((e) => e.type === 'CARE_TEAM_CHANGED' && e.itemId === added.membershipId)!;
      expect(live.label).toBe('GENERAL');
      expect(live.summary).toBe(`${nurse.account.displayName} (nursing) joined the care team, added by Dana Whitfield`);

      // Sam grants the nurse legal content: Sam's change list says so; the team's does not.
      await t.gql.data(
        'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
        { input: { participantId: samId, label: 'LEGAL', accountId: nurse.account.id, endEvent: 'when I say' } },
        { token: as.sam.accessToken },
      );
      t.clock.advance(60_000);
      await end(as.cm, added.membershipId);
      await waitFor(() => events.filter((e) => e.itemId === added.membershipId).length === 2);

      const mine = (await changes(as.sam)).filter((c) => c.membershipId === added.membershipId);
      expect(mine.map((c) => c.kind)).toEqual(['LEFT', 'JOINED']);
      expect(mine[1]).toMatchObject({
        teamRole: 'CARE_TEAM_MEMBER',
        discipline: 'NURSING',
        member: { accountId: nurse.account.id },
        changedBy: { displayName: 'Dana Whitfield' },
        defaultLabels: ['GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH'],
      });
      expect(mine[0].changedBy).toEqual({ displayName: 'Alex Rivera' });
      // Ended: the grant no longer reaches them, so nothing is listed as seen through grants.
      expect(mine[0].grantedLabels).toEqual([]);

      // A current member's grants show to Sam only: md was granted substance use in the demo.
      const mdJoin = (await changes(as.sam)).find((c) => c.member.accountId === as.md.account.id)!;
      expect(mdJoin.grantedLabels).toContain('SUBSTANCE_USE');
      const housingView = (await changes(as.housing)).find((c) => c.member.accountId === as.md.account.id)!;
      expect(housingView.grantedLabels).toEqual([]);
    } finally {
      socket.close();
    }
  });

  it('the change list answers anyone off the team exactly like an unknown participant, and names no one', async () => {
    const outsider = await newStaff('HOUSING');
    for (const who of [outsider, as.supervisor, as.admin]) {
      const hidden = await t.gql.request(CHANGES, { id: samId }, { token: who.accessToken });
      const unknown = await t.gql.request(CHANGES, { id: UNKNOWN_ID }, { token: who.accessToken });
      expect(hidden.errors!.map(({ message, extensions }) => ({ message, extensions }))).toEqual(
        unknown.errors!.map(({ message, extensions }) => ({ message, extensions })),
      );
      expect(JSON.stringify(hidden)).not.toMatch(/Alex Rivera|Priya|Marcus/);
    }
    // A member who was ended is off the team too.
    const temp = await newStaff('PEER_SUPPORT');
    const added = await addCareTeamMember(t.gql, as.cm.accessToken, {
      participantId: samId,
      accountId: temp.account.id,
    });
    expect((await changes(temp)).length).toBeGreaterThan(0);
    t.clock.advance(1000);
    await end(as.cm, added.membershipId);
    const afterEnd = await signIn(t.gql, temp.account.displayName);
    expect(errorCode(await t.gql.request(CHANGES, { id: samId }, { token: afterEnd.accessToken }))).toBe('NOT_FOUND');
  });
});
