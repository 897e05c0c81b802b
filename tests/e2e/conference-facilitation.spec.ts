import {
  collectPlanEvents,
  END_CARE_TEAM_MEMBERSHIP,
  errorCode,
  joinPlan,
  signInDemoPeople,
  SocketPool,
  startTestApp,
  waitFor,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const PERSON = 'accountId displayName';
const CONFERENCE = `id status version currentItemId
  facilitator { ${PERSON} } coFacilitator { ${PERSON} } attendees { ${PERSON} }
  agenda { id title }`;

interface ConferenceView {
  id: string;
  status: string;
  version: number;
  currentItemId: string | null;
  facilitator: { accountId: string; displayName: string };
  coFacilitator: { accountId: string; displayName: string } | null;
  attendees: { accountId: string; displayName: string }[];
  agenda: { id: string; title: string }[];
}

const SCHEDULE = `mutation S($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { ${CONFERENCE} } }`;
const ADD_ITEM = `mutation A($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { ${CONFERENCE} } }`;
const INVITE = `mutation I($input: InviteToConferenceInput!) { inviteToConference(input: $input) { ${CONFERENCE} } }`;
const NAME = `mutation N($input: NameCoFacilitatorInput!) { nameCoFacilitator(input: $input) { ${CONFERENCE} } }`;
const START = `mutation S($input: ConferenceStepInput!) { startConference(input: $input) { ${CONFERENCE} } }`;
const ADVANCE = `mutation A($input: AdvanceConferenceInput!) { advanceConference(input: $input) { ${CONFERENCE} } }`;
const CLOSE = `mutation C($input: ConferenceStepInput!) { closeConference(input: $input) { ${CONFERENCE} } }`;
const ADD_MEMBER = `mutation A($input: AddCareTeamMemberInput!) { addCareTeamMember(input: $input) { membershipId } }`;

const ONLY_THEM = 'Only the facilitator or the co-facilitator they named runs the room';
const UNKNOWN_ACCOUNT = '6f1c2f0e-5b7a-4c1e-9a55-2d3c4b5a6e7f';

/**
 * Issue 17: the facilitator, and a co-facilitator they name, start, move and close the room,
 * enforced by the API. Everyone else who may see the conference gets FORBIDDEN and changes
 * nothing; whoever may not see it still gets NOT_FOUND; the co-facilitator's care-team
 * membership is checked at call time.
 */
describe('conference facilitation: the facilitator and the co-facilitator they name run the room', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  let substanceGoalId: string;
  const pool = new SocketPool();
  const connect = (who: string) => pool.connect(t.url, as[who].accessToken);
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => {
    ({ participantId } = await signInDemoPeople(t.gql, ['cm', 'md', 'housing', 'peer', 'supervisor', 'sam'], as));
    const { plan } = await t.gql.data<{ plan: { goals: { id: string; label: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id label } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    substanceGoalId = plan.goals.find((goal) => goal.label === 'SUBSTANCE_USE')!.id;
  });
  afterEach(() => {
    pool.closeAll();
  });
  afterAll(() => t.close());

  const token = (who: string) => ({ token: as[who].accessToken });
  const idOf = (who: string) => as[who].account.id;
  const call = async <K extends string>(who: string, query: string, key: K, input: Record<string, unknown>) =>
    (await t.gql.data<Record<K, ConferenceView>>(query, { input }, token(who)))[key];
  const tryCall = (who: string, query: string, input: Record<string, unknown>) =>
    t.gql.request<Record<string, ConferenceView>>(query, { input }, token(who));
  const view = async (who: string, id: string) =>
    (
      await t.gql.data<{ conference: ConferenceView }>(
        `query C($id: ID!) { conference(id: $id) { ${CONFERENCE} } }`,
        { id },
        token(who),
      )
    ).conference;
  type Response = Awaited<ReturnType<typeof tryCall>>;
  const refusal = (response: Response) => ({
    code: errorCode(response),
    message: response.errors?.[0]?.message,
  });
  /** What an answer says (message and extensions), to compare two refusals exactly. */
  const said = (response: Response) =>
    response.errors?.map(({ message, extensions }) => ({ message, extensions })) ?? response.data;
  const forbidden = { code: 'FORBIDDEN', message: ONLY_THEM };

  /** Alex (cm) schedules and so facilitates; md, housing and peer attend; two topics, one only cm sees. */
  async function schedule(extra: Record<string, unknown> = {}): Promise<ConferenceView> {
    const scheduled = await call('cm', SCHEDULE, 'scheduleConference', {
      participantId,
      title: 'Rounds with Sam',
      scheduledFor: '2026-12-03T18:30:00Z',
      timeZone: 'America/Los_Angeles',
      participantAttends: false,
      teamMemberIds: [idOf('md'), idOf('housing'), idOf('peer')],
      ...extra,
    });
    await call('cm', ADD_ITEM, 'addAgendaItem', { conferenceId: scheduled.id, title: 'Keys and lease' });
    await call('cm', ADD_ITEM, 'addAgendaItem', {
      conferenceId: scheduled.id,
      title: 'Safer use',
      goalId: substanceGoalId,
    });
    return call('cm', ADD_ITEM, 'addAgendaItem', { conferenceId: scheduled.id, title: 'Benefits' });
  }
  const name = (who: string, conferenceId: string, accountId: string | null) =>
    call(who, NAME, 'nameCoFacilitator', { conferenceId, accountId });
  const step = async (who: string, query: string, conferenceId: string, input: Record<string, unknown> = {}) =>
    tryCall(who, query, { conferenceId, expectedVersion: (await view(who, conferenceId)).version, ...input });
  const ok = async (who: string, query: string, conferenceId: string, input: Record<string, unknown> = {}) => {
    const response = await step(who, query, conferenceId, input);
    expect(response.errors).toBeUndefined();
    return Object.values(response.data!)[0];
  };
  /** What each of these people sees of the room: status, where it is, and their version. */
  const roomAsSeenBy = async (conferenceId: string, who: string[]) =>
    Promise.all(
      who.map(async (person) => {
        const { status, currentItemId, version } = await view(person, conferenceId);
        return { person, status, currentItemId, version };
      }),
    );

  /** Dana (a supervisor) joins Sam's care team as a staff member, so her membership can end. */
  async function danaJoinsTheTeam(): Promise<string> {
    t.clock.advance(1000);
    const { addCareTeamMember } = await t.gql.data<{ addCareTeamMember: { membershipId: string } }>(
      ADD_MEMBER,
      { input: { participantId, accountId: idOf('supervisor'), teamRole: 'CARE_TEAM_MEMBER' } },
      token('cm'),
    );
    return addCareTeamMember.membershipId;
  }
  async function danaLeavesTheTeam(membershipId: string): Promise<void> {
    t.clock.advance(1000);
    await t.gql.data(END_CARE_TEAM_MEMBERSHIP, { input: { membershipId } }, token('cm'));
  }

  it('housing, peer, the physician and the participant get FORBIDDEN for start, advance and close, and nothing changes', async () => {
    const conference = await schedule();
    const everyone = ['cm', 'md', 'housing', 'peer', 'sam'];
    const before = await roomAsSeenBy(conference.id, everyone);
    for (const who of ['md', 'housing', 'peer', 'sam']) {
      expect(refusal(await step(who, START, conference.id))).toEqual(forbidden);
    }
    expect(await roomAsSeenBy(conference.id, everyone)).toEqual(before);

    await ok('cm', START, conference.id);
    await ok('cm', ADVANCE, conference.id);
    const live = await roomAsSeenBy(conference.id, everyone);
    expect(live.every((seen) => seen.status === 'IN_PROGRESS')).toBe(true);
    const hiddenTopic = conference.agenda.find((item) => item.title === 'Safer use')!.id;
    for (const who of ['md', 'housing', 'peer', 'sam']) {
      expect(refusal(await step(who, ADVANCE, conference.id))).toEqual(forbidden);
      // Moving to a given item: the same answer whether or not they may see it (nothing to learn).
      for (const toItemId of [conference.agenda[0].id, hiddenTopic, UNKNOWN_ACCOUNT]) {
        expect(refusal(await step(who, ADVANCE, conference.id, { toItemId }))).toEqual(forbidden);
      }
      expect(refusal(await step(who, CLOSE, conference.id))).toEqual(forbidden);
    }
    expect(await roomAsSeenBy(conference.id, everyone)).toEqual(live);

    // Someone who may not see the conference still gets NOT_FOUND, as for an unknown id (visibility first).
    for (const query of [START, ADVANCE, CLOSE]) {
      const hidden = await tryCall('supervisor', query, { conferenceId: conference.id, expectedVersion: 1 });
      const unknown = await tryCall('cm', query, { conferenceId: UNKNOWN_ACCOUNT, expectedVersion: 1 });
      expect(errorCode(hidden)).toBe('NOT_FOUND');
      expect(said(hidden)).toEqual(said(unknown));
    }
    expect(await roomAsSeenBy(conference.id, everyone)).toEqual(live);
  });

  it('the co-facilitator starts, advances and closes; every viewer’s version moves once and open rooms hear it', async () => {
    const conference = await schedule();
    const viewers = ['cm', 'md', 'housing', 'sam'];
    const before = await roomAsSeenBy(conference.id, viewers);
    const socket = await connect('sam');
    const events = collectPlanEvents(socket);
    await joinPlan(socket, participantId, { GENERAL: 1e6 });

    const named = await name('cm', conference.id, idOf('housing'));
    expect(named.coFacilitator).toEqual({ accountId: idOf('housing'), displayName: 'Marcus Lee' });
    expect(named.facilitator.displayName).toBe('Alex Rivera');
    // General content, like the facilitator: every viewer sees it and every version moves once.
    const after = await roomAsSeenBy(conference.id, viewers);
    expect(after.map((seen) => seen.version)).toEqual(before.map((seen) => seen.version + 1));
    expect((await view('sam', conference.id)).coFacilitator?.displayName).toBe('Marcus Lee');
    await waitFor(() => events.some((event) => event.type === 'CONFERENCE_CHANGED'));
    expect(events.find((event) => event.type === 'CONFERENCE_CHANGED')!.summary).toBe(
      'Marcus Lee co-facilitates Rounds with Sam',
    );

    // Marcus runs the room; the others still may not.
    await ok('housing', START, conference.id);
    const moved = await ok('housing', ADVANCE, conference.id);
    expect(moved.currentItemId).toBe(conference.agenda.find((item) => item.title === 'Keys and lease')!.id);
    expect(refusal(await step('md', ADVANCE, conference.id))).toEqual(forbidden);
    // Past the topic hidden from him: the room goes forward to the next one he can see.
    const onward = await ok('housing', ADVANCE, conference.id);
    expect(onward.currentItemId).toBe(conference.agenda.find((item) => item.title === 'Benefits')!.id);
    const closed = await ok('housing', CLOSE, conference.id);
    expect(closed.status).toBe('CLOSED');
    // The minutes are closed: nobody names a co-facilitator any more.
    expect(errorCode(await tryCall('cm', NAME, { conferenceId: conference.id, accountId: idOf('peer') }))).toBe(
      'FORBIDDEN',
    );
  });

  it('clearing the co-facilitator removes it; naming the same person again changes nothing', async () => {
    const conference = await schedule();
    const named = await name('cm', conference.id, idOf('peer'));
    expect(named.coFacilitator?.displayName).toBe('Jordan Blake');
    const again = await name('cm', conference.id, idOf('peer'));
    expect(again.version).toBe(named.version);
    await ok('peer', START, conference.id);

    const cleared = await name('cm', conference.id, null);
    expect(cleared.coFacilitator).toBeNull();
    expect(cleared.version).toBe(named.version + 2);
    expect((await view('peer', conference.id)).coFacilitator).toBeNull();
    const before = await roomAsSeenBy(conference.id, ['cm', 'peer']);
    expect(refusal(await step('peer', ADVANCE, conference.id))).toEqual(forbidden);
    expect(refusal(await step('peer', CLOSE, conference.id))).toEqual(forbidden);
    expect(await roomAsSeenBy(conference.id, ['cm', 'peer'])).toEqual(before);
    // Clearing when there is none changes nothing either.
    expect((await name('cm', conference.id, null)).version).toBe(cleared.version);
  });

  it('the facilitator changes the co-facilitator while the room is open: the previous one’s move is refused', async () => {
    const conference = await schedule();
    await name('cm', conference.id, idOf('housing'));
    await ok('housing', START, conference.id);
    // Marcus reads the room; meanwhile Alex names Jordan instead.
    const marcusRead = await view('housing', conference.id);
    const switched = await name('cm', conference.id, idOf('peer'));
    expect(switched.coFacilitator?.displayName).toBe('Jordan Blake');
    expect(switched.status).toBe('IN_PROGRESS');
    const late = await tryCall('housing', ADVANCE, {
      conferenceId: conference.id,
      expectedVersion: marcusRead.version,
    });
    expect(refusal(late)).toEqual(forbidden);
    expect(refusal(await step('housing', ADVANCE, conference.id))).toEqual(forbidden);
    const moved = await ok('peer', ADVANCE, conference.id);
    expect(moved.currentItemId).toBe(conference.agenda.find((item) => item.title === 'Keys and lease')!.id);
    await ok('cm', ADVANCE, conference.id);
  });

  it('a co-facilitator whose care-team membership ended may no longer run the room', async () => {
    const membershipId = await danaJoinsTheTeam();
    const conference = await schedule();
    await call('cm', INVITE, 'inviteToConference', { conferenceId: conference.id, accountId: idOf('supervisor') });
    const named = await name('cm', conference.id, idOf('supervisor'));
    expect(named.coFacilitator?.displayName).toBe('Dana Whitfield');
    await ok('supervisor', START, conference.id);
    const danaRead = await view('supervisor', conference.id);

    await danaLeavesTheTeam(membershipId);
    const before = await roomAsSeenBy(conference.id, ['cm', 'housing', 'sam']);
    // Checked when she calls, not from the stored id: she no longer sees Sam at all.
    for (const query of [ADVANCE, CLOSE]) {
      const refused = await tryCall('supervisor', query, {
        conferenceId: conference.id,
        expectedVersion: danaRead.version,
      });
      expect(errorCode(refused)).toBe('NOT_FOUND');
    }
    expect(await roomAsSeenBy(conference.id, ['cm', 'housing', 'sam'])).toEqual(before);
    // The naming still reads as it was; the facilitator clears it.
    expect((await view('cm', conference.id)).coFacilitator?.displayName).toBe('Dana Whitfield');
    expect((await name('cm', conference.id, null)).coFacilitator).toBeNull();
  });

  it('only the facilitator names a co-facilitator', async () => {
    const conference = await schedule();
    await name('cm', conference.id, idOf('housing'));
    const before = await view('cm', conference.id);
    // The co-facilitator, other attendees and the participant: FORBIDDEN.
    for (const who of ['housing', 'md', 'peer', 'sam']) {
      const refused = await tryCall(who, NAME, { conferenceId: conference.id, accountId: idOf('md') });
      expect(refusal(refused)).toEqual({ code: 'FORBIDDEN', message: 'Only the facilitator names a co-facilitator' });
    }
    // Someone who may not see the conference: NOT_FOUND, as for an unknown conference.
    const hidden = await tryCall('supervisor', NAME, { conferenceId: conference.id, accountId: null });
    const unknown = await tryCall('cm', NAME, { conferenceId: UNKNOWN_ACCOUNT, accountId: null });
    expect(errorCode(hidden)).toBe('NOT_FOUND');
    expect(said(hidden)).toEqual(said(unknown));
    expect(await view('cm', conference.id)).toEqual(before);
  });

  it('naming someone off the team, not attending, or unknown answers one BAD_USER_INPUT on input.accountId', async () => {
    const conference = await schedule({ teamMemberIds: [idOf('md')] });
    const before = await view('cm', conference.id);
    const attempt = (accountId: string) => tryCall('cm', NAME, { conferenceId: conference.id, accountId }).then(said);
    const unknown = await attempt(UNKNOWN_ACCOUNT);
    expect(unknown).toEqual([
      {
        message: 'input.accountId: name a staff member of this care team who attends this conference',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.accountId' },
      },
    ]);
    expect(JSON.stringify(unknown)).toMatch(/input\.accountId/);
    // Dana (not on Sam's team), Sam themself, and Marcus (on the team, not invited): the very same answer.
    for (const accountId of [idOf('supervisor'), idOf('sam'), idOf('housing')]) {
      expect(await attempt(accountId)).toEqual(unknown);
    }
    expect(errorCode(await tryCall('cm', NAME, { conferenceId: conference.id, accountId: idOf('cm') }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await tryCall('cm', NAME, { conferenceId: conference.id, accountId: 'not-an-id' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await view('cm', conference.id)).toEqual(before);
    // Invited, Marcus may be named.
    await call('cm', INVITE, 'inviteToConference', { conferenceId: conference.id, accountId: idOf('housing') });
    expect((await name('cm', conference.id, idOf('housing'))).coFacilitator?.displayName).toBe('Marcus Lee');
  });

  it('when the facilitator leaves the team, their co-facilitator still runs the room; with none, nobody can (documented gap)', async () => {
    const membershipId = await danaJoinsTheTeam();
    const team = { facilitatorId: idOf('supervisor'), teamMemberIds: [idOf('cm'), idOf('housing')] };
    const withCo = await schedule(team);
    const withoutCo = await schedule(team);
    expect(withCo.facilitator.displayName).toBe('Dana Whitfield');
    await name('supervisor', withCo.id, idOf('cm'));
    await danaLeavesTheTeam(membershipId);

    // Dana no longer sees Sam: NOT_FOUND, whatever the conference says.
    expect(errorCode(await tryCall('supervisor', NAME, { conferenceId: withCo.id, accountId: null }))).toBe(
      'NOT_FOUND',
    );
    // Alex, her co-facilitator, runs it to the close; he cannot name anyone (only the facilitator does).
    await ok('cm', START, withCo.id);
    await ok('cm', ADVANCE, withCo.id);
    expect(errorCode(await tryCall('cm', NAME, { conferenceId: withCo.id, accountId: idOf('housing') }))).toBe(
      'FORBIDDEN',
    );
    expect((await ok('cm', CLOSE, withCo.id)).status).toBe('CLOSED');

    // No co-facilitator named: nobody on the team may run the room (a reassignment path is not built yet).
    for (const who of ['cm', 'housing']) {
      expect(refusal(await step(who, START, withoutCo.id))).toEqual(forbidden);
    }
  });
});
