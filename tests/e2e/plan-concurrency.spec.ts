import {
  allTimelineEvents,
  expressGoal,
  GOAL_FIELDS,
  seededRandom,
  signIn,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const UPDATE_GOAL = `mutation U($input: UpdateGoalInput!) { updateGoal(input: $input) { ${GOAL_FIELDS} } }`;

describe('concurrent writers', () => {
  let t: TestApp;
  let sam: SignedIn;
  let participantId: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    sam = await signIn(t.gql, 'participant@demo.test');
    participantId = sam.account.participantId!;
  });
  afterAll(() => t.close());

  const signInTimes = async (count: number) => {
    const sessions: SignedIn[] = [];
    for (let i = 0; i < count; i++) sessions.push(await signIn(t.gql, 'participant@demo.test'));
    return sessions;
  };

  it('many clients editing the same goal at the same version: exactly one wins, the rest get CONFLICT and lose nothing', async () => {
    const goal = await expressGoal(t.gql, sam.accessToken, { participantId, text: 'Original words', domain: 'OTHER' });
    // Signed in one after another: sign-ins in flight at once count against the guess limit
    // until they succeed (SignInThrottle.begin), and this test is about concurrent writes.
    const sessions = await signInTimes(8);
    const results = await Promise.all(
      sessions.map((session, i) =>
        t.gql.request<{ updateGoal: { text: string; version: number } }>(
          UPDATE_GOAL,
          { input: { goalId: goal.id, expectedVersion: goal.version, text: `Edit from device ${i}` } },
          { token: session.accessToken },
        ),
      ),
    );
    const winners = results.filter((r) => r.data?.updateGoal);
    const conflicts = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(7);
    for (const conflict of conflicts) expect(conflict.errors![0].extensions!.currentVersion).toBe(goal.version + 1);

    const { plan } = await t.gql.data<{ plan: { goals: { id: string; text: string; version: number }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id text version } } }',
      { id: participantId },
      { token: sam.accessToken },
    );
    expect(plan.goals.find((g) => g.id === goal.id)).toEqual({
      id: goal.id,
      text: winners[0].data!.updateGoal.text,
      version: goal.version + 1,
    });
  });

  it('each label’s sequence is gapless and unique under concurrent writers', async () => {
    const random = seededRandom('plan-event sequences');
    const domains = ['HOUSING', 'HEALTH', 'EMOTIONAL_WELLBEING', 'SUBSTANCE_USE', 'OTHER', 'INCOME'];
    const writers = await signInTimes(6);
    const writes = Array.from({ length: 60 }, (_, i) => ({
      writer: random.pick(writers),
      domain: random.pick(domains),
      i,
    }));
    const results = await Promise.all(
      writes.map(({ writer, domain, i }) =>
        expressGoal(t.gql, writer.accessToken, { participantId, text: `Concurrent goal ${i}`, domain }),
      ),
    );
    expect(results).toHaveLength(60);

    const all = await allTimelineEvents(t.gql, sam.accessToken, participantId, 25);
    const byLabel = new Map<string, number[]>();
    for (const event of all) byLabel.set(event.label, [...(byLabel.get(event.label) ?? []), event.sequence]);
    for (const [label, sequences] of byLabel) {
      const sorted = [...sequences].sort((a, b) => a - b);
      expect({ label, sequences: sorted }).toEqual({ label, sequences: sorted.map((_, i) => i + 1) });
    }
  });
});
