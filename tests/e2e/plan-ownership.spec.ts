import {
  errorCode,
  EXPRESS_GOAL,
  expressGoal,
  GOAL_FIELDS,
  PROPOSE_GOAL,
  signIn,
  startTestApp,
  type GoalView,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const UPDATE_GOAL = `mutation U($input: UpdateGoalInput!) { updateGoal(input: $input) { ${GOAL_FIELDS} } }`;
const ACCEPT = `mutation A($input: GoalVersionInput!) { acceptGoal(input: $input) { ${GOAL_FIELDS} } }`;
const DECLINE = `mutation D($input: GoalVersionInput!) { declineGoal(input: $input) { ${GOAL_FIELDS} } }`;
const CONFIRM = `mutation C($input: GoalVersionInput!) { confirmGoal(input: $input) { ${GOAL_FIELDS} } }`;
const LIFECYCLE = `mutation L($input: SetGoalLifecycleInput!) { setGoalLifecycle(input: $input) { ${GOAL_FIELDS} } }`;
const RANK = 'mutation R($input: RankGoalsInput!) { rankGoals(input: $input) { version goals { id rank } } }';
const RATE = `mutation S($input: RateStageInput!) { rateStage(input: $input) { ${GOAL_FIELDS} } }`;
const PLAN = `query P($id: ID!) { plan(participantId: $id) { rankingVersion goals { ${GOAL_FIELDS} } } }`;
const WAITING = `{ waitingForYou { goalsToAnswer { id } entriesToConfirm { id } offersToAnswer { id } stepsForYou { id } } }`;

describe('the agenda belongs to the participant', () => {
  let t: TestApp;
  let sam: SignedIn;
  let cm: SignedIn;
  let md: SignedIn;
  let participantId: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  });
  beforeEach(async () => {
    sam = await signIn(t.gql, 'participant@demo.test');
    cm = await signIn(t.gql, 'cm@demo.test');
    md = await signIn(t.gql, 'md@demo.test');
    participantId = sam.account.participantId!;
  });
  afterAll(() => t.close());

  const samsGoal = () =>
    expressGoal(t.gql, sam.accessToken, {
      participantId,
      text: 'Cook dinner for my sister',
      domain: 'RELATIONSHIPS_AND_SUPPORT',
    });
  const propose = (token: string, extra: Record<string, unknown> = {}) =>
    t.gql
      .data<{ proposeGoal: GoalView }>(
        PROPOSE_GOAL,
        { input: { participantId, text: 'See a dentist', domain: 'HEALTH', ...extra } },
        { token },
      )
      .then((d) => d.proposeGoal);

  it('a participant’s goal is active at once and shows whose it is', async () => {
    const goal = await samsGoal();
    expect(goal).toMatchObject({
      lifecycle: 'ACTIVE',
      expressedByKind: 'PARTICIPANT',
      expressedBy: { displayName: 'Sam', isParticipant: true },
      writtenWith: null,
      languageHints: [],
    });
  });

  it('only the participant rewords, retires or re-ranks their goal', async () => {
    const goal = await samsGoal();
    for (const token of [cm.accessToken, md.accessToken]) {
      expect(
        errorCode(
          await t.gql.request(
            UPDATE_GOAL,
            { input: { goalId: goal.id, expectedVersion: goal.version, text: 'Staff words' } },
            { token },
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await t.gql.request(
            LIFECYCLE,
            { input: { goalId: goal.id, expectedVersion: goal.version, lifecycle: 'RETIRED' } },
            { token },
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await t.gql.request(RANK, { input: { participantId, expectedVersion: 1, goalIds: [goal.id] } }, { token }),
        ),
      ).toBe('FORBIDDEN');
    }
    const reworded = await t.gql.data<{ updateGoal: GoalView }>(
      UPDATE_GOAL,
      { input: { goalId: goal.id, expectedVersion: goal.version, text: 'Cook a Sunday dinner for my sister' } },
      { token: sam.accessToken },
    );
    expect(reworded.updateGoal.text).toBe('Cook a Sunday dinner for my sister');
    const onHold = await t.gql.data<{ setGoalLifecycle: GoalView }>(
      LIFECYCLE,
      { input: { goalId: goal.id, expectedVersion: reworded.updateGoal.version, lifecycle: 'ON_HOLD' } },
      { token: sam.accessToken },
    );
    expect(onHold.setGoalLifecycle.lifecycle).toBe('ON_HOLD');

    const { plan } = await t.gql.data<{ plan: { rankingVersion: number; goals: GoalView[] } }>(
      PLAN,
      { id: participantId },
      { token: sam.accessToken },
    );
    const ids = plan.goals
      .filter((g) => g.lifecycle !== 'PROPOSED' && !g.declined)
      .map((g) => g.id)
      .reverse();
    const ranked = await t.gql.data<{ rankGoals: { goals: { id: string; rank: number }[] } }>(
      RANK,
      { input: { participantId, expectedVersion: plan.rankingVersion, goalIds: ids } },
      { token: sam.accessToken },
    );
    expect(ranked.rankGoals.goals.filter((g) => g.rank !== null).map((g) => g.id)).toEqual(ids);
    expect(ranked.rankGoals.goals.filter((g) => g.rank !== null).map((g) => g.rank)).toEqual(ids.map((_, i) => i + 1));
  });

  it('staff cannot write a goal in the participant’s name unless sitting with them', async () => {
    const alone = await t.gql.request(
      EXPRESS_GOAL,
      { input: { participantId, text: 'Get a job', domain: 'INCOME' } },
      { token: cm.accessToken },
    );
    expect(errorCode(alone)).toBe('FORBIDDEN');
  });

  it('an entry written with the participant is marked, waits for them, and they confirm it', async () => {
    const written = await expressGoal(t.gql, cm.accessToken, {
      participantId,
      text: 'Go to the Tuesday drop-in',
      domain: 'RELATIONSHIPS_AND_SUPPORT',
      writtenWithParticipant: true,
    });
    expect(written).toMatchObject({
      expressedByKind: 'PARTICIPANT',
      expressedBy: { displayName: 'Sam' },
      writtenWith: { displayName: 'Alex Rivera' },
      awaitingConfirmation: true,
      // Until the participant confirms, words written for them are not an active goal (rule 1).
      lifecycle: 'PROPOSED',
    });
    const waiting = await t.gql.data<{ waitingForYou: { entriesToConfirm: { id: string }[] } }>(
      WAITING,
      {},
      { token: sam.accessToken },
    );
    expect(waiting.waitingForYou.entriesToConfirm.map((g) => g.id)).toContain(written.id);
    // Staff cannot confirm for them.
    expect(
      errorCode(
        await t.gql.request(
          CONFIRM,
          { input: { goalId: written.id, expectedVersion: written.version } },
          { token: cm.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    const confirmed = await t.gql.data<{ confirmGoal: GoalView }>(
      CONFIRM,
      { input: { goalId: written.id, expectedVersion: written.version } },
      { token: sam.accessToken },
    );
    expect(confirmed.confirmGoal.awaitingConfirmation).toBe(false);
    expect(confirmed.confirmGoal.lifecycle).toBe('ACTIVE');
    expect(confirmed.confirmGoal.writtenWith).toEqual({ displayName: 'Alex Rivera' });
  });

  it('a proposal becomes active only when the participant accepts the version they read', async () => {
    const proposal = await propose(md.accessToken);
    expect(proposal).toMatchObject({
      lifecycle: 'PROPOSED',
      expressedByKind: 'TEAM_MEMBER',
      expressedBy: { displayName: 'Dr. Priya Natarajan', isParticipant: false },
    });
    expect(
      errorCode(
        await t.gql.request(
          ACCEPT,
          { input: { goalId: proposal.id, expectedVersion: proposal.version } },
          { token: md.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');

    // The proposer rewords it after Sam read it: Sam's acceptance of the old words is refused.
    const reworded = await t.gql.data<{ updateGoal: GoalView }>(
      UPDATE_GOAL,
      {
        input: {
          goalId: proposal.id,
          expectedVersion: proposal.version,
          text: 'See a dentist about the tooth that hurts',
        },
      },
      { token: md.accessToken },
    );
    const stale = await t.gql.request(
      ACCEPT,
      { input: { goalId: proposal.id, expectedVersion: proposal.version } },
      { token: sam.accessToken },
    );
    expect(stale.errors![0].extensions).toEqual({ code: 'CONFLICT', currentVersion: reworded.updateGoal.version });
    const { plan } = await t.gql.data<{ plan: { goals: GoalView[] } }>(
      PLAN,
      { id: participantId },
      { token: sam.accessToken },
    );
    expect(plan.goals.find((g) => g.id === proposal.id)!.lifecycle).toBe('PROPOSED');

    const accepted = await t.gql.data<{ acceptGoal: GoalView }>(
      ACCEPT,
      { input: { goalId: proposal.id, expectedVersion: reworded.updateGoal.version } },
      { token: sam.accessToken },
    );
    expect(accepted.acceptGoal).toMatchObject({
      lifecycle: 'ACTIVE',
      text: 'See a dentist about the tooth that hurts',
    });
    // Once accepted, it is on the participant's agenda: the proposer can no longer reword it.
    expect(
      errorCode(
        await t.gql.request(
          UPDATE_GOAL,
          { input: { goalId: proposal.id, expectedVersion: accepted.acceptGoal.version, text: 'x' } },
          { token: md.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('a declined proposal stays visible as declined, never as failed', async () => {
    const proposal = await propose(cm.accessToken, { text: 'Attend a budgeting class', domain: 'INCOME' });
    const declined = await t.gql.data<{ declineGoal: GoalView }>(
      DECLINE,
      { input: { goalId: proposal.id, expectedVersion: proposal.version } },
      { token: sam.accessToken },
    );
    expect(declined.declineGoal).toMatchObject({ lifecycle: 'RETIRED', declined: true });
  });

  it('a staff proposal to reduce a way of coping must name a replacement strategy', async () => {
    // Rule 9 is judged by the options proposed (abstinence, taper, moderation), not by a flag.
    const response = await t.gql.request(
      PROPOSE_GOAL,
      {
        input: {
          participantId,
          text: 'Stop drinking at the park at night',
          domain: 'SUBSTANCE_USE',
          options: ['MODERATION'],
        },
      },
      { token: cm.accessToken },
    );
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.replacementStrategyIds' });
  });

  it('stages are rated by the participant, may move backwards, and staff views are kept apart', async () => {
    const goal = await samsGoal();
    const rated = await t.gql.data<{ rateStage: GoalView }>(
      RATE,
      { input: { goalId: goal.id, stage: 'ACTION', expectedVersion: goal.version } },
      { token: sam.accessToken },
    );
    const back = await t.gql.data<{ rateStage: GoalView }>(
      RATE,
      { input: { goalId: goal.id, stage: 'CONTEMPLATION', expectedVersion: rated.rateStage.version } },
      { token: sam.accessToken },
    );
    expect(back.rateStage.stage).toBe('CONTEMPLATION');
    // A rating on a stale read changes nothing (finding 9: rateStage had no expectedVersion).
    const stale = await t.gql.request(
      RATE,
      { input: { goalId: goal.id, stage: 'MAINTENANCE', expectedVersion: rated.rateStage.version } },
      { token: sam.accessToken },
    );
    expect(stale.errors![0].extensions).toEqual({ code: 'CONFLICT', currentVersion: back.rateStage.version });
    const staff = await t.gql.data<{ rateStage: GoalView }>(
      RATE,
      { input: { goalId: goal.id, stage: 'PREPARATION', expectedVersion: back.rateStage.version } },
      { token: cm.accessToken },
    );
    expect(staff.rateStage.stage).toBe('CONTEMPLATION');
    expect(staff.rateStage.version).toBe(back.rateStage.version);
    expect(staff.rateStage.staffStages).toEqual([{ stage: 'PREPARATION', ratedBy: { displayName: 'Alex Rivera' } }]);
  });

  it('language hints land on staff text, never on the participant’s own words', async () => {
    const mine = await expressGoal(t.gql, sam.accessToken, {
      participantId,
      text: 'Stay clean for my birthday, no relapse',
      domain: 'OTHER',
    });
    expect(mine.languageHints).toEqual([]);
    const staff = await propose(cm.accessToken, { text: 'Address non-compliant behaviour', domain: 'OTHER' });
    expect(staff.languageHints).toEqual([
      { term: 'non-compliant', suggestion: 'chose not to / did not fit their situation' },
    ]);
  });
});
