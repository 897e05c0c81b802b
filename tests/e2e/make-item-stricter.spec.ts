import {
  allTimelineEvents,
  connectRealtime,
  errorCode,
  joinPlan,
  LIVE_FROM_NOW,
  startDemoApp,
  waitFor,
  watchSocket,
  type SignedIn,
  type TestApp,
  type WatchedSocket,
} from '@roundtable/testing';

const STRICTER =
  'mutation S($input: MakeItemStricterInput!) { makeItemStricter(input: $input) { id kind label version } }';
const ADD_STEP = 'mutation A($input: AddStepInput!) { addStep(input: $input) { id label version } }';
const SET_DONE = 'mutation D($input: SetStepDoneInput!) { setStepDone(input: $input) { id version } }';
const PROPOSE = 'mutation P($input: ProposeGoalInput!) { proposeGoal(input: $input) { id label version } }';
const MAKE_OFFER = 'mutation O($input: MakeOfferInput!) { makeOffer(input: $input) { id label version } }';
const PROPOSE_WIN = 'mutation W($input: ProposeWinInput!) { proposeWin(input: $input) { id } }';
const PLAN = `query P($id: ID!) { plan(participantId: $id) {
  goals { id label steps { id label } } looseSteps { id label } offers { id label } } }`;
const ACCESS_LOG =
  'query L($id: ID!) { accessLog(participantId: $id, first: 50) { edges { node { action kind labels } } } }';

interface Item {
  id: string;
  label: string;
  version: number;
}
interface PlanView {
  plan: {
    goals: { id: string; label: string; steps: { id: string; label: string }[] }[];
    looseSteps: { id: string; label: string }[];
    offers: { id: string; label: string }[];
  };
}

/** Every item id in a plan as someone sees it. */
const idsIn = ({ plan }: PlanView) => [
  ...plan.goals.flatMap((goal) => [goal.id, ...goal.steps.map((step) => step.id)]),
  ...plan.looseSteps.map((step) => step.id),
  ...plan.offers.map((offer) => offer.id),
];

/**
 * Making an item already in the plan stricter (PRODUCT.md rule 10: the participant decides who
 * sees what, and an author may only make a label stricter; rule 14: staff who notice
 * substance-use words in general text can fix it after saving; rule 11: who may not see the
 * item afterwards gets nothing of it). Real PostgreSQL and socket.io.
 */
describe('makeItemStricter: an item already saved made stricter, never looser', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  beforeAll(async () => ({ t, as, participantId } = await startDemoApp(['cm', 'md', 'housing', 'sam'])), 120_000);
  afterAll(() => t.close());

  const call = <T>(who: string, query: string, input: Record<string, unknown>) =>
    t.gql.data<T>(query, { input }, { token: as[who].accessToken });
  const attempt = (who: string, input: Record<string, unknown>) =>
    t.gql.request(STRICTER, { input }, { token: as[who].accessToken });
  const stricter = (who: string, input: Record<string, unknown>) =>
    call<{ makeItemStricter: Item & { kind: string } }>(who, STRICTER, input).then((d) => d.makeItemStricter);
  const addStep = (who: string, text: string, extra: Record<string, unknown> = {}) =>
    call<{ addStep: Item }>(who, ADD_STEP, { participantId, text, ...extra }).then((d) => d.addStep);
  const planOf = (who: string) => t.gql.data<PlanView>(PLAN, { id: participantId }, { token: as[who].accessToken });

  it('the author (Alex) makes their saved GENERAL step SUBSTANCE_USE: housing no longer sees it; a retry changes nothing twice', async () => {
    const step = await addStep('cm', 'Talk about the methadone dose with Sam');
    expect(step.label).toBe('GENERAL');
    expect(idsIn(await planOf('housing'))).toContain(step.id);
    const input = {
      itemId: step.id,
      expectedVersion: step.version,
      label: 'SUBSTANCE_USE',
      idempotencyKey: 'stricter-1',
    };
    const made = await stricter('cm', input);
    expect(made).toEqual({ id: step.id, kind: 'STEP', label: 'SUBSTANCE_USE', version: step.version + 1 });
    // The same key again answers with the item as it is now, and bumps nothing.
    expect(await stricter('cm', input)).toEqual(made);
    expect(idsIn(await planOf('housing'))).not.toContain(step.id);
    expect(idsIn(await planOf('md'))).toContain(step.id);
    // Audited like every other change (rule 12): Sam sees who changed what.
    const log = await t.gql.data<{ accessLog: { edges: { node: { action: string; kind: string } }[] } }>(
      ACCESS_LOG,
      { id: participantId },
      { token: as.sam.accessToken },
    );
    expect(log.accessLog.edges.map((edge) => edge.node)).toContainEqual(
      expect.objectContaining({ action: 'makeItemStricter', kind: 'CHANGE' }),
    );
  });

  it('a team member who did not write the item is refused (FORBIDDEN), even one who can see it', async () => {
    const step = await addStep('cm', 'Bring the bus pass form');
    const byMd = await attempt('md', { itemId: step.id, expectedVersion: step.version, label: 'HEALTH' });
    expect(errorCode(byMd)).toBe('FORBIDDEN');
    const offer = await call<{ makeOffer: Item }>('cm', MAKE_OFFER, {
      participantId,
      text: 'Food bank hours',
      kind: 'INFORMATION',
    });
    const onOffer = await attempt('housing', {
      itemId: offer.makeOffer.id,
      expectedVersion: offer.makeOffer.version,
      label: 'HOUSING',
    });
    expect(errorCode(onOffer)).toBe('FORBIDDEN');
    // Nothing changed for anyone.
    expect((await planOf('housing')).plan.offers.find((o) => o.id === offer.makeOffer.id)?.label).toBe('GENERAL');
  });

  it('the participant makes any item stricter: a step Alex wrote, an offer Alex made', async () => {
    const step = await addStep('cm', 'Look at the lease together');
    expect(await stricter('sam', { itemId: step.id, expectedVersion: step.version, label: 'LEGAL' })).toMatchObject({
      kind: 'STEP',
      label: 'LEGAL',
    });
    const offer = await call<{ makeOffer: Item }>('cm', MAKE_OFFER, {
      participantId,
      text: 'Clinic walk-in times',
      kind: 'INFORMATION',
    });
    expect(
      await stricter('sam', { itemId: offer.makeOffer.id, expectedVersion: offer.makeOffer.version, label: 'HEALTH' }),
    ).toMatchObject({ kind: 'OFFER', label: 'HEALTH', version: offer.makeOffer.version + 1 });
    expect((await planOf('housing')).plan.offers.map((o) => o.id)).not.toContain(offer.makeOffer.id);
  });

  it('never looser, never the same: BAD_USER_INPUT on input.label; a stale version answers CONFLICT', async () => {
    const step = await addStep('cm', 'Viewing the flat on Tuesday', { label: 'HOUSING' });
    for (const label of ['GENERAL', 'HOUSING']) {
      const refused = await attempt('cm', { itemId: step.id, expectedVersion: step.version, label });
      expect(refused.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.label' });
    }
    const bySam = await attempt('sam', { itemId: step.id, expectedVersion: step.version, label: 'GENERAL' });
    expect(bySam.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.label' });
    const stale = await attempt('cm', { itemId: step.id, expectedVersion: step.version + 5, label: 'LEGAL' });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect((await planOf('cm')).plan.looseSteps.find((s) => s.id === step.id)?.label).toBe('HOUSING');
  });

  it('only to a label the writer can see: Marcus (housing) cannot make his own step HEALTH', async () => {
    const step = await addStep('housing', 'Ask the landlord about the heating');
    const refused = await attempt('housing', { itemId: step.id, expectedVersion: step.version, label: 'HEALTH' });
    expect(refused.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.label' });
    expect(
      await stricter('housing', { itemId: step.id, expectedVersion: step.version, label: 'HOUSING' }),
    ).toMatchObject({ label: 'HOUSING' });
  });

  it('an item the caller cannot see answers exactly like an id that does not exist', async () => {
    const step = await addStep('cm', 'Naloxone kit refill', { label: 'SUBSTANCE_USE' });
    const hidden = await attempt('housing', { itemId: step.id, expectedVersion: step.version, label: 'LEGAL' });
    const unknown = await attempt('housing', {
      itemId: '7b0c9d52-3f7e-4d6a-9a51-2f7d8c1e0a44',
      expectedVersion: step.version,
      label: 'LEGAL',
    });
    expect(errorCode(hidden)).toBe('NOT_FOUND');
    expect(hidden.errors).toEqual(unknown.errors);
    // Even a stale version or a looser label answers the same: nothing about the item leaks.
    const hiddenStale = await attempt('housing', { itemId: step.id, expectedVersion: 99, label: 'GENERAL' });
    expect(hiddenStale.errors).toEqual(unknown.errors);
  });

  it('a team member may not show an item to anyone new: labels are compartments, not rungs (rule 10)', async () => {
    // Sam shows Marcus (housing) legal matters only; Alex writes a mental-health step.
    const { grantVisibility } = await call<{ grantVisibility: { id: string } }>(
      'sam',
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      { participantId, label: 'LEGAL', accountId: as.housing.account.id, endEvent: 'after court' },
    );
    try {
      const step = await addStep('cm', 'Talk about the panic attacks at night', { label: 'MENTAL_HEALTH' });
      const moved = await attempt('cm', { itemId: step.id, expectedVersion: step.version, label: 'LEGAL' });
      expect(moved.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.label' });
      expect(JSON.stringify(moved)).not.toContain('Marcus');
      expect(idsIn(await planOf('housing'))).not.toContain(step.id);
      // Where nobody new gains sight it goes through (everyone who sees SUBSTANCE_USE sees MENTAL_HEALTH).
      const made = await stricter('cm', { itemId: step.id, expectedVersion: step.version, label: 'SUBSTANCE_USE' });
      expect(made.label).toBe('SUBSTANCE_USE');
      // The participant decides who sees what: the same move is theirs to make.
      const theirs = await addStep('cm', 'Sleep clinic referral', { label: 'MENTAL_HEALTH' });
      expect(
        (await stricter('sam', { itemId: theirs.id, expectedVersion: theirs.version, label: 'LEGAL' })).label,
      ).toBe('LEGAL');
    } finally {
      await call('sam', 'mutation R($input: GrantIdInput!) { revokeVisibility(input: $input) { id } }', {
        grantId: grantVisibility.id,
      });
    }
  });

  it('once Sam has taken up a goal Alex suggested, only Sam changes who sees it and what grew from it', async () => {
    const { proposeGoal: goal } = await call<{ proposeGoal: Item }>('cm', PROPOSE, {
      participantId,
      text: 'Find a GP who listens',
      domain: 'OTHER',
    });
    const { acceptGoal } = await call<{ acceptGoal: Item }>(
      'sam',
      'mutation A($input: GoalVersionInput!) { acceptGoal(input: $input) { id label version } }',
      { goalId: goal.id, expectedVersion: goal.version },
    );
    const refused = await attempt('cm', { itemId: goal.id, expectedVersion: acceptGoal.version, label: 'HEALTH' });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(
      (await stricter('sam', { itemId: goal.id, expectedVersion: acceptGoal.version, label: 'HEALTH' })).label,
    ).toBe('HEALTH');
  });

  it('what waits for Sam’s confirmation follows the goal it is about: a goal written with Sam, a hard day that names it', async () => {
    const SETBACKS = 'query S($id: ID!) { setbacks(participantId: $id) { id label reflection } }';
    const WAITING = 'query W($id: ID!) { plan(participantId: $id) { entriesWaiting { id text version } } }';
    const { expressGoal: goal } = await call<{ expressGoal: Item }>(
      'cm',
      'mutation E($input: ExpressGoalInput!) { expressGoal(input: $input) { id label version } }',
      {
        participantId,
        text: 'Keep my flat after the eviction hearing',
        domain: 'HOUSING',
        writtenWithParticipant: true,
      },
    );
    const { recordSetback } = await call<{ recordSetback: { id: string } }>(
      'housing',
      'mutation R($input: RecordSetbackInput!) { recordSetback(input: $input) { id } }',
      { participantId, reflection: 'Missed rent after the court date', goalIds: [goal.id], withParticipant: true },
    );
    const waitingFor = async (who: string) =>
      JSON.stringify(await t.gql.data(WAITING, { id: participantId }, { token: as[who].accessToken }));
    expect(await waitingFor('housing')).toContain('Missed rent');
    await stricter('sam', { itemId: goal.id, expectedVersion: goal.version, label: 'LEGAL' });
    for (const words of ['Keep my flat', 'Missed rent']) expect(await waitingFor('housing')).not.toContain(words);
    expect(await waitingFor('cm')).toContain('Missed rent');

    // Sam confirms the hard day: it is recorded as strict as the goal is now, so Marcus never reads it.
    const { plan } = await t.gql.data<{ plan: { entriesWaiting: { id: string; version: number }[] } }>(
      WAITING,
      { id: participantId },
      { token: as.sam.accessToken },
    );
    const entry = plan.entriesWaiting.find((e) => e.id === recordSetback.id)!;
    await call(
      'sam',
      'mutation C($input: ConfirmWrittenWithYouInput!) { confirmWrittenWithYou(input: $input) { id } }',
      {
        entryId: entry.id,
        expectedVersion: entry.version,
        accept: true,
      },
    );
    const setbacksOf = async (who: string) =>
      (
        await t.gql.data<{ setbacks: { id: string; label: string }[] }>(
          SETBACKS,
          { id: participantId },
          { token: as[who].accessToken },
        )
      ).setbacks;
    expect((await setbacksOf('sam')).find((s) => s.id === recordSetback.id)?.label).toBe('LEGAL');
    expect((await setbacksOf('housing')).some((s) => s.id === recordSetback.id)).toBe(false);
  });

  describe('live: Marcus (housing) has Sam’s plan open', () => {
    let marcus: WatchedSocket;
    let alex: WatchedSocket;
    beforeAll(async () => {
      marcus = watchSocket('housing', await connectRealtime(t.url, as.housing.accessToken));
      alex = watchSocket('cm', await connectRealtime(t.url, as.cm.accessToken));
      expect(await joinPlan(marcus.socket, participantId, LIVE_FROM_NOW)).toMatchObject({ ok: true });
      expect(await joinPlan(alex.socket, participantId, LIVE_FROM_NOW)).toMatchObject({ ok: true });
    });
    afterAll(() => {
      marcus.socket.close();
      alex.socket.close();
    });

    /** A GENERAL win both sockets must receive: after it, anything earlier has been delivered (one socket, one order). */
    async function sentinel(text: string): Promise<void> {
      const { proposeWin } = await call<{ proposeWin: { id: string } }>('sam', PROPOSE_WIN, { participantId, text });
      await waitFor(() => [marcus, alex].every((s) => s.events.some((e) => e.itemId === proposeWin.id)), 10_000);
    }

    it('receives the step’s removal at once, and nothing of its later edits', async () => {
      const text = 'Ask about the opioid agonist clinic';
      const step = await addStep('cm', text);
      await waitFor(() => marcus.events.some((e) => e.itemId === step.id), 10_000);
      const made = await stricter('cm', { itemId: step.id, expectedVersion: step.version, label: 'SUBSTANCE_USE' });
      await call('cm', SET_DONE, { stepId: step.id, expectedVersion: made.version, done: true });
      await sentinel('A good week');

      const aboutStep = marcus.events.filter((e) => e.itemId === step.id);
      expect(aboutStep.map((e) => [e.type, e.label])).toEqual([
        ['STEP_ADDED', 'GENERAL'],
        // The notice: under the label he saw it by, with nothing of the item in it (rule 11).
        ['ITEM_RESTRICTED', 'GENERAL'],
      ]);
      expect(aboutStep[1].summary).toBe('An item was made more private');
      expect(JSON.stringify(marcus.events)).not.toContain('SUBSTANCE');
      // Alex, who still sees it, gets it under its new label, done included.
      expect(alex.events.filter((e) => e.itemId === step.id).map((e) => [e.type, e.label])).toEqual([
        ['STEP_ADDED', 'GENERAL'],
        ['ITEM_RESTRICTED', 'GENERAL'],
        ['ITEM_LABEL_TIGHTENED', 'SUBSTANCE_USE'],
        ['STEP_DONE', 'SUBSTANCE_USE'],
      ]);
      // The win its being done made is as strict as the step (rule 10: derived items follow).
      const wins = marcus.events.filter((e) => e.summary.includes(text));
      expect(wins.map((e) => e.type)).toEqual(['STEP_ADDED']);
    });

    it('a goal made stricter by its proposer carries its steps along, and Marcus loses all of it', async () => {
      const { proposeGoal: goal } = await call<{ proposeGoal: Item }>('cm', PROPOSE, {
        participantId,
        text: 'See a doctor about my sleep',
        domain: 'OTHER',
      });
      const step = await addStep('sam', 'Write down how I slept', { goalId: goal.id });
      await waitFor(() => marcus.events.some((e) => e.itemId === step.id), 10_000);
      expect(goal.label).toBe('GENERAL');
      const made = await stricter('cm', { itemId: goal.id, expectedVersion: goal.version, label: 'HEALTH' });
      expect(made).toMatchObject({ kind: 'GOAL', label: 'HEALTH' });
      // A team member who did not propose it is refused.
      expect(errorCode(await attempt('md', { itemId: goal.id, expectedVersion: made.version, label: 'LEGAL' }))).toBe(
        'FORBIDDEN',
      );
      // The step moved with its goal (its version too): Sam marks that version done.
      await call('sam', SET_DONE, { stepId: step.id, expectedVersion: step.version + 1, done: true });
      await sentinel('Slept through');

      const mdPlan = await planOf('md');
      expect(mdPlan.plan.goals.find((g) => g.id === goal.id)?.steps).toEqual([{ id: step.id, label: 'HEALTH' }]);
      expect(idsIn(await planOf('housing'))).not.toContain(goal.id);
      expect(idsIn(await planOf('housing'))).not.toContain(step.id);
      expect(marcus.events.filter((e) => e.itemId === goal.id).map((e) => e.type)).toEqual([
        'GOAL_PROPOSED',
        'ITEM_RESTRICTED',
      ]);
      expect(marcus.events.filter((e) => e.itemId === step.id).map((e) => e.type)).toEqual(['STEP_ADDED']);
    });

    it('what was written about those items before goes with them: not in Marcus’s timeline, not in a replay from an old cursor', async () => {
      const words = [
        'Talk about the methadone dose with Sam',
        'Ask about the opioid agonist clinic',
        'See a doctor about my sleep',
        'Write down how I slept',
      ];
      // The whole history, page by page (the demo's own events fill more than one page).
      const timelineOf = (who: string) => allTimelineEvents(t.gql, as[who].accessToken, participantId);
      const marcusTimeline = await timelineOf('housing');
      for (const text of words) expect(JSON.stringify(marcusTimeline)).not.toContain(text);
      // The content-free notice stays: it is what told his open screen to drop the item.
      expect(marcusTimeline.filter((node) => node.type === 'ITEM_RESTRICTED').length).toBeGreaterThanOrEqual(3);
      // Those who still see the items keep their whole history.
      const mdTimeline = JSON.stringify(await timelineOf('md'));
      for (const text of words) expect(mdTimeline).toContain(text);

      // A phone that was offline the whole time reconnects from the start of the plan.
      const late = watchSocket('housing', await connectRealtime(t.url, as.housing.accessToken));
      try {
        const zero = { GENERAL: 0, HOUSING: 0, HEALTH: 0, MENTAL_HEALTH: 0, LEGAL: 0, SUBSTANCE_USE: 0 };
        expect(await joinPlan(late.socket, participantId, zero)).toMatchObject({ ok: true });
        await sentinel('Back online');
        await waitFor(() => late.events.some((e) => e.summary.includes('Back online')), 10_000);
        expect(late.events.filter((e) => e.type === 'ITEM_RESTRICTED').length).toBeGreaterThanOrEqual(3);
        for (const text of words) expect(JSON.stringify(late.events)).not.toContain(text);
      } finally {
        late.socket.close();
      }
    });
  });
});
