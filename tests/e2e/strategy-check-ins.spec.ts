import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PlanEventMessage } from '@roundtable/contracts';
import {
  collectPlanEvents,
  joinPlan,
  LIVE_FROM_NOW,
  signInDemo,
  signInDemoPeople,
  SocketPool,
  startTestApp,
  waitFor,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/**
 * Strategy check-ins (PRODUCT.md rule 8): "how is this working for you?", answered by the
 * participant alone, read by whoever may see the strategy and by nobody else (rules 10, 11),
 * and "when you're ready" once the participant's own rhythm comes round (never overdue, rule 6).
 */
const CHECK_IN = `mutation C($input: CheckInOnStrategyInput!) {
  checkInOnStrategy(input: $input) { id version lastCheckInAt lastCheckInAnswer lastCheckInNote }
}`;
const STRATEGIES = `query P($id: ID!) { plan(participantId: $id) {
  strategies { id text label version lastCheckInAt lastCheckInAnswer lastCheckInNote } } }`;
/** Everything a viewer may see of the plan that carries a version, a count or a position. */
const WHOLE_PLAN = `query P($id: ID!, $first: Int!) { plan(participantId: $id) {
  version rankingVersion vision { text updatedAt }
  goals { id rank version steps { id version } } looseSteps { id version }
  strategies { id version lastCheckInAt lastCheckInAnswer lastCheckInNote } offers { id version } entriesWaiting { id version } }
  timeline(participantId: $id, first: $first) { edges { node { id type label sequence summary } } pageInfo { hasNextPage } } }`;
const DUE = '{ waitingForYou { checkInsDue { id text lastCheckInAt } } }';
const ADD_STRATEGY = 'mutation A($input: AddStrategyInput!) { addStrategy(input: $input) { id version } }';
const UPDATE_STRATEGY = 'mutation U($input: UpdateStrategyInput!) { updateStrategy(input: $input) { id version } }';

interface StrategyView {
  id: string;
  text: string;
  label: string;
  version: number;
  lastCheckInAt: string | null;
  lastCheckInAnswer: string | null;
  lastCheckInNote: string | null;
}

describe('strategy check-ins', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  const people = ['cm', 'md', 'housing', 'peer', 'supervisor', 'admin', 'sam'];
  const pool = new SocketPool();
  const connect = (who: string) => pool.connect(t.url, as[who].accessToken);
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  // Fresh sign-ins per test: the manual clock moves past an access token's life.
  beforeEach(async () => ({ participantId } = await signInDemoPeople(t.gql, people, as)));
  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  const strategiesAs = async (who: string) =>
    (
      await t.gql.data<{ plan: { strategies: StrategyView[] } }>(
        STRATEGIES,
        { id: participantId },
        { token: as[who].accessToken },
      )
    ).plan.strategies;
  const naloxone = async () => (await strategiesAs('sam')).find((s) => s.text.startsWith('Carry naloxone'))!;
  const checkIn = (who: string, input: Record<string, unknown>) =>
    t.gql.request<{ checkInOnStrategy: StrategyView }>(CHECK_IN, { input }, { token: as[who].accessToken });
  /** Moves the manual clock on; the people this test needs sign in again (their tokens expired). */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    Object.assign(as, await signInDemo(t.gql, ['cm', 'housing', 'sam']));
  };
  const dueFor = async (who: string) =>
    (await t.gql.data<{ waitingForYou: { checkInsDue: { id: string }[] } }>(DUE, {}, { token: as[who].accessToken }))
      .waitingForYou.checkInsDue;

  it('the participant records a check-in: stored with the clock, shown as the last check-in, once per key', async () => {
    const before = await naloxone();
    expect(before).toMatchObject({ label: 'SUBSTANCE_USE', lastCheckInAt: null, lastCheckInAnswer: null });
    t.clock.advance(60_000);
    const key = `check-in-${randomUUID()}`;
    const input = {
      strategyId: before.id,
      expectedVersion: before.version,
      answer: 'WORKING',
      note: '  My friend knows where it is now  ',
      idempotencyKey: key,
    };
    const first = await checkIn('sam', input);
    expect(first.errors).toBeUndefined();
    expect(first.data!.checkInOnStrategy).toEqual({
      id: before.id,
      version: before.version + 1,
      lastCheckInAt: t.clock.now().toISOString(),
      lastCheckInAnswer: 'WORKING',
      lastCheckInNote: 'My friend knows where it is now',
    });

    // A retry from a flaky phone connection returns the first answer and records nothing more.
    const retry = await checkIn('sam', input);
    expect(retry.data!.checkInOnStrategy).toEqual(first.data!.checkInOnStrategy);
    const rows: { n: string }[] = await t.app
      .get(DataSource)
      .query('SELECT count(*) AS n FROM strategy_check_in WHERE strategy_id = $1', [before.id]);
    expect(Number(rows[0].n)).toBe(1);

    // A stale version answers CONFLICT with the current one and records nothing.
    const stale = await checkIn('sam', { strategyId: before.id, expectedVersion: before.version, answer: 'SOMEWHAT' });
    expect(stale.errors![0].extensions).toEqual({ code: 'CONFLICT', currentVersion: before.version + 1 });
    expect(await naloxone()).toMatchObject({ version: before.version + 1, lastCheckInAnswer: 'WORKING' });

    // The team members who may see the strategy read the latest check-in; the timeline says it plainly.
    expect((await strategiesAs('cm')).find((s) => s.id === before.id)).toMatchObject({
      lastCheckInAnswer: 'WORKING',
      lastCheckInNote: 'My friend knows where it is now',
    });
    const timeline = await t.gql.data<{ timeline: { edges: { node: { type: string; summary: string } }[] } }>(
      'query T($id: ID!) { timeline(participantId: $id, first: 1) { edges { node { type summary } } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    expect(timeline.timeline.edges[0].node).toEqual({
      type: 'STRATEGY_CHECKED_IN',
      summary: 'Checked in on Carry naloxone and show a friend how to use it: working for me',
    });
  });

  it('staff cannot check in for the participant: FORBIDDEN for those who may see the strategy, NOT_FOUND for everyone else', async () => {
    const strategy = await naloxone();
    const unknown = await checkIn('sam', { strategyId: randomUUID(), answer: 'WORKING' });
    expect(unknown.errors![0].extensions).toEqual({ code: 'NOT_FOUND' });
    for (const who of ['cm', 'md']) {
      const refused = await checkIn(who, { strategyId: strategy.id, answer: 'WORKING' });
      expect({ who, extensions: refused.errors![0].extensions }).toEqual({ who, extensions: { code: 'FORBIDDEN' } });
    }
    // Housing, peer support, a supervisor and an administrator may not see the strategy at all:
    // exactly the unknown-id answer (rule 11).
    for (const who of ['housing', 'peer', 'supervisor', 'admin']) {
      const refused = await checkIn(who, { strategyId: strategy.id, answer: 'WORKING' });
      expect({
        who,
        error: { message: refused.errors![0].message, extensions: refused.errors![0].extensions },
      }).toEqual({ who, error: { message: unknown.errors![0].message, extensions: unknown.errors![0].extensions } });
    }
    expect(await naloxone()).toEqual(strategy);
  });

  it('housing learns nothing of a substance-use strategy’s check-in: no field, no event on a real socket, no version, count or sequence moves', async () => {
    const strategy = await naloxone();
    const housingBefore = await t.gql.data(
      WHOLE_PLAN,
      { id: participantId, first: 50 },
      { token: as.housing.accessToken },
    );
    expect(JSON.stringify(housingBefore)).not.toContain(strategy.id);

    const housing = await connect('housing');
    const cm = await connect('cm');
    const toHousing: PlanEventMessage[] = collectPlanEvents(housing);
    const toCm: PlanEventMessage[] = collectPlanEvents(cm);
    // Cursors at the present: only what happens from now on arrives.
    expect(await joinPlan(housing, participantId, { GENERAL: 1e6, HOUSING: 1e6 })).toMatchObject({ ok: true });
    expect(await joinPlan(cm, participantId, LIVE_FROM_NOW)).toMatchObject({ ok: true });

    t.clock.advance(60_000);
    const done = await checkIn('sam', { strategyId: strategy.id, answer: 'SOMEWHAT', note: 'Harder on weekends' });
    expect(done.errors).toBeUndefined();
    await waitFor(() => toCm.some((event) => event.type === 'STRATEGY_CHECKED_IN'));
    expect(toCm.find((event) => event.type === 'STRATEGY_CHECKED_IN')).toMatchObject({
      participantId,
      label: 'SUBSTANCE_USE',
      itemId: strategy.id,
      summary: 'Checked in on Carry naloxone and show a friend how to use it: working somewhat',
    });

    // A general change after it is the barrier: once housing has that, the check-in would have come first.
    const step = await t.gql.data<{ addStep: { id: string } }>(
      'mutation S($input: AddStepInput!) { addStep(input: $input) { id } }',
      { input: { participantId, text: 'Pick up my mail on Friday', label: 'GENERAL' } },
      { token: as.sam.accessToken },
    );
    await waitFor(() => toHousing.some((event) => event.itemId === step.addStep.id));
    expect(toHousing.map((event) => event.type)).toEqual(['STEP_ADDED']);
    expect(JSON.stringify(toHousing)).not.toMatch(/naloxone|Harder on weekends|SUBSTANCE_USE|CHECKED_IN/);

    // Over GraphQL: the same plan as before, but for the general step (every version, sequence and count;
    // one more timeline entry is asked for, to make room for the step's).
    const housingAfter = await t.gql.data<{
      plan: { looseSteps: { id: string }[] };
      timeline: { edges: { node: { id: string } }[] };
    }>(WHOLE_PLAN, { id: participantId, first: 51 }, { token: as.housing.accessToken });
    const withoutStep = {
      ...housingAfter,
      plan: { ...housingAfter.plan, looseSteps: housingAfter.plan.looseSteps.filter((s) => s.id !== step.addStep.id) },
      timeline: {
        ...housingAfter.timeline,
        edges: housingAfter.timeline.edges.filter((edge) => edge.node.id !== toHousing[0].id),
      },
    };
    expect(withoutStep).toEqual(housingBefore);
    expect(JSON.stringify(housingAfter)).not.toMatch(/naloxone|Harder on weekends|CHECKED_IN/);
  });

  it('a check-in is due once the participant’s rhythm has passed (by the clock), and not after checking in', async () => {
    const added = await t.gql.data<{ addStrategy: { id: string; version: number } }>(
      ADD_STRATEGY,
      { input: { participantId, text: 'Eat something before I go out', status: 'ALREADY_DOING' } },
      { token: as.sam.accessToken },
    );
    const id = added.addStrategy.id;
    await t.gql.data(
      UPDATE_STRATEGY,
      { input: { strategyId: id, expectedVersion: added.addStrategy.version, checkInRhythm: 'DAILY' } },
      { token: as.sam.accessToken },
    );
    // Choosing a rhythm counts from now: nothing is due at once.
    expect((await dueFor('sam')).map((s) => s.id)).not.toContain(id);
    await advance(23 * 60 * 60 * 1000);
    expect((await dueFor('sam')).map((s) => s.id)).not.toContain(id);
    await advance(60 * 60 * 1000);
    expect((await dueFor('sam')).map((s) => s.id)).toContain(id);
    // Staff are never handed the participant's check-ins (and there is no "overdue" anywhere).
    for (const who of ['cm', 'housing']) expect(await dueFor(who)).toEqual([]);

    expect((await checkIn('sam', { strategyId: id, answer: 'NOT_WORKING' })).errors).toBeUndefined();
    expect((await dueFor('sam')).map((s) => s.id)).not.toContain(id);
    await advance(24 * 60 * 60 * 1000);
    expect((await dueFor('sam')).map((s) => s.id)).toContain(id);

    // "Not for me": nobody keeps asking how it is working.
    const current = (await strategiesAs('sam')).find((s) => s.id === id)!;
    await t.gql.data(
      UPDATE_STRATEGY,
      { input: { strategyId: id, expectedVersion: current.version, status: 'NOT_FOR_ME' } },
      { token: as.sam.accessToken },
    );
    expect((await dueFor('sam')).map((s) => s.id)).not.toContain(id);
  });

  it.each([
    ['a NUL in the note', { note: 'Fine\u0000mostly' }, 'input.note'],
    ['a whitespace-only note', { note: ' \t\n ' }, 'input.note'],
    ['a note over 2000 characters', { note: 'x'.repeat(2001) }, 'input.note'],
    ['an unknown answer', { answer: 'MAYBE' }, 'input.answer'],
    ['a malformed strategy id', { strategyId: 'not-a-uuid' }, 'input.strategyId'],
    ['a version below 1', { expectedVersion: 0 }, 'input.expectedVersion'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and records nothing', async (_name, bad, field) => {
    const strategy = await naloxone();
    const response = await checkIn('sam', { strategyId: strategy.id, answer: 'WORKING', ...bad });
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await naloxone()).toEqual(strategy);
  });
});
