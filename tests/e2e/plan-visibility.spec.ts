import {
  allTimelineEvents,
  countSqlStatements,
  errorCode,
  expressGoal,
  GOAL_FIELDS,
  signInDemoPeople,
  startTestApp,
  type GoalView,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const PLAN = `query P($id: ID!) {
  plan(participantId: $id) {
    version vision { text }
    goals { ${GOAL_FIELDS} steps { id text label } }
    looseSteps { id }
    strategies { id text label checkInRhythm reminders version }
    offers { id text status hiddenByParticipant withheldReason reasonCitesDrugUse version languageHints { term } }
  }
}`;

interface PlanView {
  version: number;
  vision: { text: string };
  goals: (GoalView & { steps: { id: string; text: string; label: string }[] })[];
  strategies: { id: string; text: string; label: string; checkInRhythm: string; reminders: boolean; version: number }[];
  offers: {
    id: string;
    text: string;
    status: string;
    hiddenByParticipant: boolean;
    withheldReason: string | null;
    reasonCitesDrugUse: boolean;
    version: number;
  }[];
}

describe('the plan as each viewer may see it', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => {
    ({ participantId } = await signInDemoPeople(t.gql, ['cm', 'md', 'housing', 'peer', 'sam'], as));
  });
  afterAll(() => t.close());

  const planAs = (who: string) =>
    t.gql.data<{ plan: PlanView }>(PLAN, { id: participantId }, { token: as[who].accessToken }).then((d) => d.plan);

  it('the demo plan shows the participant’s words, goals, a proposal, steps, strategies and an offer', async () => {
    const plan = await planAs('sam');
    expect(plan.vision.text).toMatch(/door that locks/);
    expect(plan.goals.map((g) => [g.text, g.lifecycle])).toEqual(
      expect.arrayContaining([
        ['Get my own place where Biscuit can live with me', 'ACTIVE'],
        ['Never use alone', 'ACTIVE'],
        ['Feel less alone in the evenings', 'ACTIVE'],
        ['Apply for disability income support', 'PROPOSED'],
      ]),
    );
    // Three steps from the plan, two agreed as action items in the demo conference.
    expect(plan.goals.flatMap((g) => g.steps)).toHaveLength(5);
    expect(plan.strategies.map((s) => s.text)).toContain('Carry naloxone and show a friend how to use it');
    expect(plan.offers.map((o) => o.status)).toEqual(['OFFERED']);
    expect((await allTimelineEvents(t.gql, as.sam.accessToken, participantId)).length).toBeGreaterThan(10);
  });

  it('housing and peer staff see no substance-use item, and the ranking has no gap where one was', async () => {
    const sams = await planAs('sam');
    expect(sams.goals.filter((g) => g.rank !== null).map((g) => [g.text, g.rank])).toEqual([
      ['Get my own place where Biscuit can live with me', 1],
      ['Never use alone', 2],
      ['Feel less alone in the evenings', 3],
    ]);
    for (const who of ['housing', 'peer']) {
      const plan = await planAs(who);
      const body = JSON.stringify(plan);
      expect(body).not.toMatch(/Never use alone|naloxone|fentanyl|SUBSTANCE_USE/);
      expect(plan.strategies).toEqual([]);
      expect(plan.goals.filter((g) => g.rank !== null).map((g) => [g.text, g.rank])).toEqual([
        ['Get my own place where Biscuit can live with me', 1],
        ['Feel less alone in the evenings', 2],
      ]);
    }
  });

  it('a hidden goal answers exactly like an unknown one on every path', async () => {
    const sams = await planAs('sam');
    const hidden = sams.goals.find((g) => g.text === 'Never use alone')!;
    const unknownId = '9b2f7c1e-3d4a-4e5f-8a6b-7c8d9e0f1a2b';
    const attempts = [
      ['mutation M($id: ID!) { rateStage(input: { goalId: $id, stage: ACTION, expectedVersion: 1 }) { id } }', {}],
      ['mutation M($id: ID!) { updateGoal(input: { goalId: $id, expectedVersion: 1, text: "x" }) { id } }', {}],
      ['mutation M($id: ID!) { addStep(input: { participantId: "PID", goalId: $id, text: "x" }) { id } }', {}],
    ] as const;
    for (const [query] of attempts) {
      const q = query.replace('PID', participantId);
      const forHidden = await t.gql.request(q, { id: hidden.id }, { token: as.housing.accessToken });
      const forUnknown = await t.gql.request(q, { id: unknownId }, { token: as.housing.accessToken });
      const strip = (r: typeof forHidden) => r.errors?.map(({ message, extensions }) => ({ message, extensions }));
      expect(strip(forHidden)).toEqual(strip(forUnknown));
      expect(JSON.stringify(forHidden)).not.toContain('Never use alone');
    }
  });

  it('the timeline shows housing no substance-use event, and pages only over what they see', async () => {
    const everything = await allTimelineEvents(t.gql, as.sam.accessToken, participantId);
    const housing = await allTimelineEvents(t.gql, as.housing.accessToken, participantId, 2);
    expect(everything.some((e) => e.label === 'SUBSTANCE_USE')).toBe(true);
    expect(housing.some((e) => e.label === 'SUBSTANCE_USE')).toBe(false);
    expect(JSON.stringify(housing)).not.toMatch(/naloxone|fentanyl|Never use alone/);
    // Same visible events whether paged by 2 or all at once; nothing hidden in between.
    expect(housing.map((e) => e.id)).toEqual(
      everything.filter((e) => ['GENERAL', 'HOUSING'].includes(e.label)).map((e) => e.id),
    );
    // The goal ranking revealed a substance-use goal, so its event carries that label.
    expect(everything.find((e) => e.type === 'GOALS_RANKED')!.label).toBe('SUBSTANCE_USE');
  });

  it('timeline pages are newest first with opaque cursors; bad input is refused', async () => {
    t.clock.advance(1000);
    const first = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Plant tomatoes',
      domain: 'QUALITY_OF_LIFE',
    });
    t.clock.advance(1000);
    const second = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Call my brother',
      domain: 'RELATIONSHIPS_AND_SUPPORT',
    });
    const events = await allTimelineEvents(t.gql, as.sam.accessToken, participantId, 1);
    expect(events.slice(0, 2).map((e) => e.itemId)).toEqual([second.id, first.id]);
    expect(events[0].summary).toBe('Goal added: Call my brother');
    const bad = await t.gql.request(
      'query { timeline(participantId: "' +
        participantId +
        '", first: 5, after: "not-a-cursor") { pageInfo { hasNextPage } } }',
      {},
      { token: as.sam.accessToken },
    );
    expect(bad.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    const tooMany = await t.gql.request(
      'query { timeline(participantId: "' + participantId + '", first: 1000) { pageInfo { hasNextPage } } }',
      {},
      { token: as.sam.accessToken },
    );
    expect(tooMany.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('offers: accepted at the version read; hidden from the participant only; withheld with a flagged reason', async () => {
    const offer = (await planAs('sam')).offers[0];
    const stale = await t.gql.request(
      'mutation R($input: RespondToOfferInput!) { respondToOffer(input: $input) { status } }',
      { input: { offerId: offer.id, expectedVersion: offer.version + 1, response: 'ACCEPT' } },
      { token: as.sam.accessToken },
    );
    expect(errorCode(stale)).toBe('CONFLICT');
    const accepted = await t.gql.data<{ respondToOffer: { status: string } }>(
      'mutation R($input: RespondToOfferInput!) { respondToOffer(input: $input) { status } }',
      { input: { offerId: offer.id, expectedVersion: offer.version, response: 'ACCEPT' } },
      { token: as.sam.accessToken },
    );
    expect(accepted.respondToOffer.status).toBe('ACCEPTED');

    const made = await t.gql.data<{ makeOffer: { id: string } }>(
      'mutation M($input: MakeOfferInput!) { makeOffer(input: $input) { id } }',
      { input: { participantId, text: 'Food bank on Fridays', kind: 'INFORMATION' } },
      { token: as.cm.accessToken },
    );
    // The clock moves so the timeline's newest-first order is not a tie between the offer and its hiding.
    t.clock.advance(1000);
    await t.gql.data(
      'mutation H($input: HideOfferInput!) { hideOffer(input: $input) { id } }',
      { input: { offerId: made.makeOffer.id } },
      { token: as.sam.accessToken },
    );
    expect((await planAs('sam')).offers.map((o) => o.id)).not.toContain(made.makeOffer.id);
    expect((await planAs('cm')).offers.find((o) => o.id === made.makeOffer.id)).toMatchObject({
      hiddenByParticipant: true,
    });
    // Hiding goes through the event log like every change: one OFFER_HIDDEN under the offer's
    // label, in the timeline of those who see the offer; a retry adds nothing.
    await t.gql.data(
      'mutation H($input: HideOfferInput!) { hideOffer(input: $input) { id } }',
      { input: { offerId: made.makeOffer.id } },
      { token: as.sam.accessToken },
    );
    const offerEvents = (await allTimelineEvents(t.gql, as.cm.accessToken, participantId)).filter(
      (event) => event.itemId === made.makeOffer.id,
    );
    expect(offerEvents.map((event) => [event.type, event.summary])).toEqual([
      ['OFFER_HIDDEN', 'Offer put out of view by the participant: Food bank on Fridays'],
      ['OFFER_MADE', 'Offered: Food bank on Fridays'],
    ]);

    const withheld = await t.gql.data<{
      recordWithheldResource: { reasonCitesDrugUse: boolean; withheldReason: string };
    }>(
      'mutation W($input: RecordWithheldResourceInput!) { recordWithheldResource(input: $input) { reasonCitesDrugUse withheldReason } }',
      { input: { participantId, resource: 'Transitional housing place', reason: 'Not while using drugs' } },
      { token: as.cm.accessToken },
    );
    expect(withheld.recordWithheldResource.reasonCitesDrugUse).toBe(true);
    expect((await planAs('sam')).offers.find((o) => o.status === 'WITHHELD')).toMatchObject({
      withheldReason: 'Not while using drugs',
      reasonCitesDrugUse: true,
    });
  });

  it('only the participant sets a strategy’s check-ins and reminders', async () => {
    const strategy = (await planAs('sam')).strategies[0];
    const UPDATE = 'mutation U($input: UpdateStrategyInput!) { updateStrategy(input: $input) { checkInRhythm } }';
    const input = { strategyId: strategy.id, expectedVersion: strategy.version, checkInRhythm: 'DAILY' };
    // The case manager was granted substance use in the demo: they see it but may not set Sam's rhythm.
    expect(errorCode(await t.gql.request(UPDATE, { input }, { token: as.cm.accessToken }))).toBe('FORBIDDEN');
    // Housing was not: for them it does not exist.
    expect(errorCode(await t.gql.request(UPDATE, { input }, { token: as.housing.accessToken }))).toBe('NOT_FOUND');
    const bySam = await t.gql.data<{ updateStrategy: { checkInRhythm: string } }>(
      UPDATE,
      { input },
      { token: as.sam.accessToken },
    );
    expect(bySam.updateStrategy.checkInRhythm).toBe('DAILY');
  });

  it('staff see the steps waiting for them', async () => {
    const waiting = await t.gql.data<{ waitingForYou: { stepsForYou: { text: string }[] } }>(
      '{ waitingForYou { stepsForYou { text } } }',
      {},
      { token: as.peer.accessToken },
    );
    expect(waiting.waitingForYou.stepsForYou.map((s) => s.text)).toEqual(['Try the Thursday drop-in art group']);
  });

  it('steps added at the same instant stay in the order they were added, on every read', async () => {
    // The test clock is frozen: every step below has the same creation time, so only the
    // order of insertion can decide (a printed plan must not reorder itself between downloads).
    const goal = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Learn to cook',
      domain: 'OTHER',
    });
    const texts = ['Buy a pan', 'Find a recipe', 'Ask Marcus about the stove', 'Cook on Friday', 'Invite Jordan'];
    for (const text of texts) {
      await t.gql.data(
        'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }',
        { input: { participantId, goalId: goal.id, text } },
        { token: as.sam.accessToken },
      );
    }
    for (let read = 0; read < 3; read++) {
      const plan = await planAs('sam');
      expect(plan.goals.find((g) => g.id === goal.id)!.steps.map((s) => s.text)).toEqual(texts);
    }
  });

  it('reading a whole plan costs the same number of SQL statements with 4 goals or 40', async () => {
    const count = () => countSqlStatements(t.app, () => planAs('sam'));
    const before = await count();
    for (let i = 0; i < 36; i++) {
      const goal = await expressGoal(t.gql, as.sam.accessToken, {
        participantId,
        text: `Goal number ${i}`,
        domain: i % 2 ? 'HEALTH' : 'OTHER',
      });
      await t.gql.data(
        'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }',
        { input: { participantId, goalId: goal.id, text: `Step for ${i}` } },
        { token: as.sam.accessToken },
      );
    }
    const after = await count();
    expect(before).toBeGreaterThan(0);
    expect(after).toBe(before);
    console.log(`plan read: ${after} SQL statements (4 goals and 40 goals alike)`);
  });
});
