import { DataSource } from 'typeorm';
import { SensitivityLabel } from '@roundtable/contracts';
import { PlanAccess, PlanReader, type PlanViewer } from '@roundtable/plan';
import type { Actor } from '@roundtable/identity';
import {
  actorsFromAccounts,
  countSqlStatements,
  seededRandom,
  signInDemo,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const LABELS = Object.values(SensitivityLabel);
const DEMO = ['sam', 'cm', 'md', 'housing', 'peer', 'supervisor', 'admin'] as const;

/**
 * The plan read in one statement (issue 18) against the table-by-table read it replaced, over
 * random plans: every field, the same absence of hidden items and links, the same ranks and
 * names, for every set of labels a viewer can hold (2^6, as the participant and as staff) and
 * for every demo person as access actually answers for them, before and after random grants.
 */
describe('plan reader: one statement, the same plan as reading table by table', () => {
  let t: TestApp;
  let db: DataSource;
  let reader: PlanReader;
  let access: PlanAccess;
  const as: Record<string, SignedIn> = {};
  let participantId: string;
  const random = seededRandom('plan-reader differential');

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    db = t.app.get(DataSource);
    reader = t.app.get(PlanReader);
    access = t.app.get(PlanAccess);
    Object.assign(as, await signInDemo(t.gql, [...DEMO]));
    participantId = as.sam.account.participantId!;
    await growRandomPlan();
    // Enough of the random writes went through to make a plan worth comparing.
    expect(made).toBeGreaterThan(15);
  }, 180_000);
  afterAll(() => t.close());

  const call = <T>(who: string, document: string, input: Record<string, unknown>) =>
    t.gql.data<T>(document, { input: { participantId, ...input } }, { token: as[who].accessToken });
  /** A random write the rules may refuse (a label too lax for its goal, one staff may not see): skipped then. */
  let made = 0;
  const attempt = <T>(who: string, document: string, input: Record<string, unknown>) =>
    call<T>(who, document, input).then(
      (answer) => {
        made++;
        return answer;
      },
      () => null,
    );

  async function growRandomPlan(): Promise<void> {
    const label = () => random.pick(LABELS);
    const goals: { id: string; version: number }[] = [];
    for (let i = 0; i < 8; i++) {
      const byStaff = random.next() < 0.5;
      const answer = await attempt<{ goal: { id: string; version: number } }>(
        byStaff ? 'cm' : 'sam',
        byStaff
          ? 'mutation G($input: ProposeGoalInput!) { goal: proposeGoal(input: $input) { id version } }'
          : 'mutation G($input: ExpressGoalInput!) { goal: expressGoal(input: $input) { id version } }',
        { text: `Goal ${i} of the differential`, domain: random.pick(['HEALTH', 'HOUSING', 'OTHER']), label: label() },
      );
      if (answer) goals.push(answer.goal);
    }
    // Words a team member wrote down with Sam, waiting for them.
    await attempt('cm', 'mutation G($input: ExpressGoalInput!) { expressGoal(input: $input) { id } }', {
      text: 'Get my ID back, written with Sam',
      domain: 'OTHER',
      label: label(),
      writtenWithParticipant: true,
    });
    for (let i = 0; i < 12; i++) {
      // Steps under any label, some toward a goal under a stricter one (a link that must hide).
      await attempt(random.pick(['cm', 'sam']), 'mutation S($input: AddStepInput!) { addStep(input: $input) { id } }', {
        text: `Step ${i} of the differential`,
        label: label(),
        goalId: goals.length && random.next() < 0.7 ? random.pick(goals).id : null,
        assigneeAccountId: random.next() < 0.5 ? as[random.pick(['cm', 'md', 'housing'])].account.id : null,
      });
    }
    for (let i = 0; i < 4; i++) {
      await attempt('sam', 'mutation S($input: AddStrategyInput!) { addStrategy(input: $input) { id } }', {
        text: `Strategy ${i} of the differential`,
        label: label(),
      });
      await attempt('cm', 'mutation O($input: MakeOfferInput!) { makeOffer(input: $input) { id } }', {
        text: `Offer ${i} of the differential`,
        kind: random.pick(['INFORMATION', 'REFERRAL', 'RESOURCE']),
        label: label(),
        goalId: goals.length && random.next() < 0.5 ? random.pick(goals).id : null,
      });
    }
    for (const goal of goals.slice(0, 4)) {
      const rated = await call<{ rateStage: { version: number } }>(
        'cm',
        'mutation R($input: RateStageInput!) { rateStage(input: $input) { version } }',
        {
          goalId: goal.id,
          expectedVersion: goal.version,
          stage: random.pick(['CONTEMPLATION', 'PREPARATION', 'ACTION']),
        },
      ).catch(() => null);
      if (rated) goal.version = rated.rateStage.version;
    }
  }

  async function actorOf(who: (typeof DEMO)[number]): Promise<Actor> {
    const [actor] = await actorsFromAccounts(db, [as[who].account.id]);
    return actor;
  }

  const expectSame = async (viewer: PlanViewer, what: string) => {
    const once = await reader.load(viewer);
    const tableByTable = await reader.loadTableByTable(viewer);
    expect({ what, plan: once }).toEqual({ what, plan: tableByTable });
  };

  it('reads the same plan for every set of labels, as the participant and as staff', async () => {
    const actor = await actorOf('sam');
    for (let mask = 0; mask < 2 ** LABELS.length; mask++) {
      const labels = new Set(LABELS.filter((_, bit) => mask & (1 << bit)));
      for (const isParticipant of [true, false]) {
        await expectSame(
          { actor, participantId, labels, isParticipant },
          `labels ${[...labels].join(',')} ${isParticipant}`,
        );
      }
    }
  }, 180_000);

  it('reads the same plan for every demo person, before and after random grants', async () => {
    const compareEveryone = async (moment: string) => {
      for (const who of DEMO) {
        const actor = await actorOf(who);
        const viewer = await access.viewer(actor, participantId).catch(() => null);
        if (viewer) await expectSame(viewer, `${who} ${moment}`);
      }
    };
    await compareEveryone('before grants');
    for (const who of ['housing', 'peer', 'md'] as const) {
      await attempt('sam', 'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }', {
        accountId: as[who].account.id,
        label: random.pick(LABELS),
        endEvent: 'until Sam says otherwise',
      });
    }
    await compareEveryone('after grants');
  }, 180_000);

  it('reads the plan in one statement whatever its size', async () => {
    const viewer = await access.viewer(await actorOf('sam'), participantId);
    expect(await countSqlStatements(t.app, () => reader.load(viewer))).toBe(1);
    expect((await reader.load(viewer)).goals.length).toBeGreaterThan(4);
  });
});
