import { startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

const CONFERENCE = 'id version currentItemId agenda { id title }';
const SCHEDULE = `mutation S($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { ${CONFERENCE} } }`;
const ADD_ITEM = `mutation A($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { ${CONFERENCE} } }`;
const START = `mutation S($input: ConferenceStepInput!) { startConference(input: $input) { ${CONFERENCE} } }`;
const ADVANCE = `mutation A($input: AdvanceConferenceInput!) { advanceConference(input: $input) { ${CONFERENCE} } }`;
const INVITE = `mutation I($input: InviteToConferenceInput!) { inviteToConference(input: $input) { id } }`;
const NAME_CO_FACILITATOR = `mutation N($input: NameCoFacilitatorInput!) { nameCoFacilitator(input: $input) { id } }`;
const RANK = 'mutation R($input: RankGoalsInput!) { rankGoals(input: $input) { rankingVersion } }';
const PLAN =
  'query P($id: ID!) { plan(participantId: $id) { rankingVersion goals { id label version updatedAt rank } } }';

interface ConferenceView {
  id: string;
  version: number;
  currentItemId: string | null;
  agenda: { id: string; title: string }[];
}
interface PlanView {
  rankingVersion: number | null;
  goals: { id: string; label: string; version: number; updatedAt: string; rank: number | null }[];
}

/**
 * Issue 13, finding 6, from housing's side: versions a viewer sees are computed from what
 * they can see, so nothing hidden moves them, and CONFLICT carries the viewer's own version.
 */
describe('versions per viewer: nothing hidden moves a version housing sees', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  beforeAll(async () => ({ t, as, participantId } = await startDemoApp(['cm', 'housing', 'sam'])));
  afterAll(() => t.close());

  const planAs = (who: string) =>
    t.gql.data<{ plan: PlanView }>(PLAN, { id: participantId }, { token: as[who].accessToken }).then((d) => d.plan);
  const call = <T>(who: string, query: string, input: Record<string, unknown>) =>
    t.gql.data<T>(query, { input }, { token: as[who].accessToken });
  const conferenceAs = (who: string, id: string) =>
    t.gql
      .data<{ conference: ConferenceView }>(
        `query C($id: ID!) { conference(id: $id) { ${CONFERENCE} } }`,
        { id },
        { token: as[who].accessToken },
      )
      .then((d) => d.conference);

  it('Sam re-ranking goals, a hidden one included, moves no version, time or rank housing sees', async () => {
    const sams = await planAs('sam');
    const hidden = sams.goals.find((goal) => goal.label === 'SUBSTANCE_USE')!;
    const visible = sams.goals.filter((goal) => goal.label === 'GENERAL' || goal.label === 'HOUSING');
    expect(visible.length).toBeGreaterThanOrEqual(2);
    const rank = async (goalIds: string[]) => {
      const { rankingVersion } = await planAs('sam');
      await call('sam', RANK, { participantId, expectedVersion: rankingVersion, goalIds });
    };
    await rank([visible[0].id, hidden.id, visible[1].id]);
    const before = await planAs('housing');
    expect(before.goals.some((goal) => goal.id === hidden.id)).toBe(false);

    t.clock.advance(60_000);
    // The same ranking again, then only the hidden goal moving: housing's view is unchanged.
    await rank([visible[0].id, hidden.id, visible[1].id]);
    await rank([hidden.id, visible[0].id, visible[1].id]);
    await rank([visible[0].id, visible[1].id, hidden.id]);
    expect(await planAs('housing')).toEqual(before);
  });

  it('moving the room to a substance-use topic leaves housing’s Conference.version alone; CONFLICT carries housing’s version', async () => {
    const { scheduleConference: scheduled } = await call<{ scheduleConference: ConferenceView }>('cm', SCHEDULE, {
      participantId,
      title: 'Rounds',
      scheduledFor: '2026-12-03T10:30:00-08:00',
      timeZone: 'America/Vancouver',
      participantAttends: true,
    });
    const substanceGoalId = (await planAs('sam')).goals.find((goal) => goal.label === 'SUBSTANCE_USE')!.id;
    await call('cm', ADD_ITEM, { conferenceId: scheduled.id, title: 'Keys and lease' });
    await call('cm', ADD_ITEM, { conferenceId: scheduled.id, title: 'Safer use', goalId: substanceGoalId });
    const { addAgendaItem: planned } = await call<{ addAgendaItem: ConferenceView }>('cm', ADD_ITEM, {
      conferenceId: scheduled.id,
      title: 'Benefits',
    });
    const id = (title: string) => planned.agenda.find((item) => item.title === title)!.id;
    // Only the facilitator and their co-facilitator move the room (issue 17): Alex invites
    // Marcus and names him, so housing's own moves below are allowed.
    await call('cm', INVITE, { conferenceId: scheduled.id, accountId: as.housing.account.id });
    await call('cm', NAME_CO_FACILITATOR, { conferenceId: scheduled.id, accountId: as.housing.account.id });
    const move = (who: string, expectedVersion: number, toItemId?: string) =>
      t.gql.request<{ advanceConference: ConferenceView }>(
        ADVANCE,
        { input: { conferenceId: scheduled.id, expectedVersion, toItemId } },
        { token: as[who].accessToken },
      );
    await call('cm', START, {
      conferenceId: scheduled.id,
      expectedVersion: (await conferenceAs('cm', scheduled.id)).version,
    });
    await move('cm', (await conferenceAs('cm', scheduled.id)).version, id('Keys and lease'));

    const housingBefore = await conferenceAs('housing', scheduled.id);
    expect(housingBefore.currentItemId).toBe(id('Keys and lease'));
    const cmBefore = await conferenceAs('cm', scheduled.id);

    // The room moves to the hidden topic: cm's version moves, housing's does not, nor its position.
    const toHidden = await move('cm', cmBefore.version, id('Safer use'));
    expect(toHidden.errors).toBeUndefined();
    const housingDuring = await conferenceAs('housing', scheduled.id);
    expect(housingDuring).toEqual(housingBefore);
    expect((await conferenceAs('cm', scheduled.id)).version).toBe(cmBefore.version + 1);

    // Housing, still on "Keys and lease" as far as it can see, may move the room on with its own version.
    const moved = await move('housing', housingBefore.version);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.advanceConference.currentItemId).toBe(id('Benefits'));
    expect(moved.data!.advanceConference.version).toBe(housingBefore.version + 1);

    // A stale version answers CONFLICT with housing's own current version (never cm's).
    const stale = await move('housing', housingBefore.version, id('Keys and lease'));
    expect(stale.errors![0].extensions).toEqual({ code: 'CONFLICT', currentVersion: housingBefore.version + 1 });
    expect(stale.errors![0].extensions!.currentVersion).not.toBe((await conferenceAs('cm', scheduled.id)).version);
  });
});
