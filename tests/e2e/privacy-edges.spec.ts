import {
  errorCode,
  expressGoal,
  inviteSupportPerson,
  signInDemoPeople,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const PLAN = `query P($id: ID!) { plan(participantId: $id) {
  version rankingVersion vision { text } goals { id text label } looseSteps { id text goalId } offers { text goalId }
} }`;

interface PlanView {
  version: number | null;
  rankingVersion: number | null;
  vision: { text: string } | null;
  goals: { id: string; text: string; label: string }[];
  looseSteps: { id: string; text: string; goalId: string | null }[];
  offers: { text: string; goalId: string | null }[];
}

/** Edge cases where a viewer could learn of something hidden, or a request could misbehave. */
describe('privacy edges', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => {
    ({ participantId } = await signInDemoPeople(t.gql, ['cm', 'md', 'housing', 'admin', 'sam'], as));
  });
  afterAll(() => t.close());

  const planAs = (who: string) =>
    t.gql.data<{ plan: PlanView }>(PLAN, { id: participantId }, { token: as[who].accessToken }).then((d) => d.plan);

  it('when a goal becomes substance-use, what hangs off it disappears for housing too', async () => {
    const goal = await expressGoal(t.gql, as.sam.accessToken, { participantId, text: 'Sleep better', domain: 'OTHER' });
    await t.gql.data(
      'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }',
      { input: { participantId, goalId: goal.id, text: 'Ask about the night shelter quiet room' } },
      { token: as.housing.accessToken },
    );
    await t.gql.data(
      'mutation O($input: MakeOfferInput!) { makeOffer(input: $input) { id } }',
      { input: { participantId, goalId: goal.id, text: 'Earplugs from the clinic', kind: 'RESOURCE' } },
      { token: as.cm.accessToken },
    );
    await t.gql.data(
      'mutation U($input: UpdateGoalInput!) { updateGoal(input: $input) { label } }',
      { input: { goalId: goal.id, expectedVersion: goal.version, options: ['SAFER_USE'] } },
      { token: as.sam.accessToken },
    );
    const body = JSON.stringify(await planAs('housing'));
    for (const leak of [goal.id, 'Sleep better', 'night shelter quiet room', 'Earplugs'])
      expect(body).not.toContain(leak);
    expect(JSON.stringify(await planAs('cm'))).toContain('Earplugs'); // granted substance use in the demo
  });

  it('re-ranking goals housing cannot see moves no number housing can see', async () => {
    const before = await planAs('housing');
    const sams = await planAs('sam');
    const suGoals = sams.goals.filter((g) => g.label === 'SUBSTANCE_USE').map((g) => g.id);
    await t.gql.data(
      'mutation R($input: RankGoalsInput!) { rankGoals(input: $input) { rankingVersion } }',
      { input: { participantId, expectedVersion: sams.rankingVersion, goalIds: suGoals } },
      { token: as.sam.accessToken },
    );
    const after = await planAs('housing');
    expect(after.version).toBe(before.version);
    expect(after.rankingVersion).toBeNull();
  });

  it('a team member cannot be backdated onto the team (it would slip them under earlier grants)', async () => {
    const response = await t.gql.request(
      'mutation A($input: AddCareTeamMemberInput!) { addCareTeamMember(input: $input) { membershipId } }',
      { input: { participantId, accountId: as.admin.account.id, since: '2001-01-01T00:00:00.000Z' } },
      { token: as.cm.accessToken },
    );
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.since' });
  });

  it('a support person with general access gets the unknown-id answer for a hidden goal, not a refusal', async () => {
    const robin = await inviteSupportPerson(t.gql, as.sam.accessToken, participantId, 'robin-support');
    // Before any grant the support person sees no vision and no version either.
    const nothing = await t.gql.data<{ plan: PlanView }>(PLAN, { id: participantId }, { token: robin.accessToken });
    expect(nothing.plan).toMatchObject({ version: null, vision: null, goals: [] });

    await t.gql.data(
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      {
        input: {
          participantId,
          label: 'GENERAL',
          accountId: robin.account.id,
          endEvent: 'until I say',
        },
      },
      { token: as.sam.accessToken },
    );
    const hiddenGoal = (await planAs('sam')).goals.find((g) => g.label === 'SUBSTANCE_USE')!;
    const LIFECYCLE =
      'mutation L($id: ID!) { setGoalLifecycle(input: { goalId: $id, expectedVersion: 1, lifecycle: ON_HOLD }) { id } }';
    const hidden = await t.gql.request(LIFECYCLE, { id: hiddenGoal.id }, { token: robin.accessToken });
    const unknown = await t.gql.request(
      LIFECYCLE,
      { id: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9' },
      { token: robin.accessToken },
    );
    expect(errorCode(hidden)).toBe('NOT_FOUND');
    expect(hidden.errors![0].message).toBe(unknown.errors![0].message);
  });

  it.each([
    ['participant', '{ participant(id: "not-a-uuid") { id } }', 'NOT_FOUND'],
    ['plan', '{ plan(participantId: "x") { version } }', 'NOT_FOUND'],
    ['timeline', '{ timeline(participantId: "x", first: 5) { pageInfo { hasNextPage } } }', 'NOT_FOUND'],
    ['waitingForYou', '{ waitingForYou(participantId: "x") { stepsForYou { id } } }', 'NOT_FOUND'],
    ['hideWin', 'mutation { hideWin(winId: "x") }', 'NOT_FOUND'],
    [
      'refresh',
      `mutation { refresh(refreshToken: "${'-'.repeat(36)}.${'A'.repeat(43)}") { accessToken } }`,
      'UNAUTHENTICATED',
    ],
  ])('a malformed id in %s answers cleanly, never with a server error', async (_name, query, code) => {
    const response = await t.gql.request(query, {}, { token: as.cm.accessToken });
    expect(errorCode(response)).toBe(code);
  });

  it('a cursor naming a malformed id is refused as bad input', async () => {
    const cursor = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', '0'.repeat(36)])).toString('base64url');
    const response = await t.gql.request(
      'query T($id: ID!, $after: String) { timeline(participantId: $id, first: 5, after: $after) { pageInfo { hasNextPage } } }',
      { id: participantId, after: cursor },
      { token: as.sam.accessToken },
    );
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
