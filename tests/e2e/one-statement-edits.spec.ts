import { DataSource } from 'typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { GoalLifecycle, PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import { PLAN_EVENTS_COMMITTED, PlanEventLog, type PlanEventEntity } from '@roundtable/plan';
import { seededRandom, signIn, sqlStatements, startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

const ADD_STEP = 'mutation A($input: AddStepInput!) { addStep(input: $input) { id version label text } }';
const SET_DONE = 'mutation S($input: SetStepDoneInput!) { setStepDone(input: $input) { id version done } }';
const DEFINE = 'mutation D($input: DefineMetricInput!) { defineMetric(input: $input) { id } }';
const RECORD =
  'mutation R($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id value win { id text } } }';

/** The write's own statements: transaction control, and any statement that writes these rows. */
const WRITES =
  /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)\b|plan_event|plan_label_sequence|INSERT INTO "?(win|measurement)\b|UPDATE "?step\b/i;

/**
 * Issue 18, "an edit costs at most six statements": setStepDone and recordMeasurement write
 * with ONE data-modifying statement (no BEGIN/COMMIT): the versioned row change or the new
 * row, its plan event, the win it causes and the win's event. Everything the transaction
 * guaranteed still holds: CONFLICT on a stale version with nothing written, gapless
 * sequences per (participant, label) under concurrent writers, the same win and events, and
 * PLAN_EVENTS_COMMITTED with the stored events after the statement.
 */
describe('an edit is one write statement', () => {
  let t: TestApp;
  let as: Record<string, SignedIn>;
  let participantId: string;
  let db: DataSource;
  let committed: PlanEventEntity[][];

  beforeAll(async () => {
    ({ t, as, participantId } = await startDemoApp(['cm', 'sam']));
    db = t.app.get(DataSource);
    t.app.get(EventEmitter2).on(PLAN_EVENTS_COMMITTED, (events: PlanEventEntity[]) => committed.push(events));
  });
  beforeEach(() => (committed = []));
  afterAll(() => t.close());

  const addStep = async (text: string, label?: string) =>
    (
      await t.gql.data<{ addStep: { id: string; version: number; label: string; text: string } }>(
        ADD_STEP,
        { input: { participantId, text, label } },
        { token: as.cm.accessToken },
      )
    ).addStep;

  const eventsOf = (itemIds: string[]) =>
    db.query<{ id: string; type: string; label: string; seq: number; item_id: string; access_epoch: string }[]>(
      'SELECT id, type, label, seq, item_id, access_epoch FROM plan_event WHERE item_id = ANY($1) ORDER BY label, seq',
      [itemIds],
    );

  const sequencesAreGapless = async () => {
    const rows = await db.query<{ label: string; seqs: number[]; last_seq: number }[]>(
      `SELECT e.label, array_agg(e.seq ORDER BY e.seq) AS seqs, s.last_seq
         FROM plan_event e JOIN plan_label_sequence s USING (participant_id, label)
        WHERE e.participant_id = $1 GROUP BY e.label, s.last_seq`,
      [participantId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { label, seqs, last_seq } of rows) {
      expect({ label, seqs }).toEqual({ label, seqs: seqs.map((_, i) => i + 1) });
      expect({ label, last: last_seq }).toEqual({ label, last: seqs.length });
    }
  };

  it('a step done: one write statement, at most six in all; the win and both events as before', async () => {
    const step = await addStep('Call the housing office');
    committed = [];
    let answer: { setStepDone: { id: string; version: number; done: boolean } } | undefined;
    const statements = await sqlStatements(t.app, async () => {
      answer = await t.gql.data(
        SET_DONE,
        { input: { stepId: step.id, expectedVersion: step.version, done: true } },
        { token: as.cm.accessToken },
      );
    });
    expect(statements.filter((sql) => WRITES.test(sql))).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(6);
    expect(answer!.setStepDone).toEqual({ id: step.id, version: step.version + 1, done: true });

    const [win] = await db.query<Record<string, unknown>[]>(
      'SELECT id, participant_id, source, label, text, proposed_by, confirmed_at, hidden_at, version FROM win WHERE source_id = $1',
      [step.id],
    );
    expect(win).toEqual({
      id: expect.any(String),
      participant_id: participantId,
      source: 'STEP_DONE',
      label: step.label,
      text: 'Done: Call the housing office',
      proposed_by: null,
      confirmed_at: null,
      hidden_at: null,
      version: 1,
    });
    const events = await eventsOf([step.id, win.id as string]);
    const done = events.find((event) => event.type === 'STEP_DONE')!;
    const recorded = events.find((event) => event.type === 'WIN_RECORDED')!;
    expect(recorded).toMatchObject({ label: step.label, seq: done.seq + 1, item_id: win.id });
    const [payload] = await db.query<{ payload: unknown }[]>('SELECT payload FROM plan_event WHERE id = $1', [
      recorded.id,
    ]);
    expect(payload.payload).toEqual({ text: 'Done: Call the housing office', source: 'STEP_DONE' });
    // Published after the statement, with the stored events (ids, numbers, access epochs).
    expect(committed).toHaveLength(1);
    expect(committed[0].map((e) => [e.id, e.type, e.seq, e.accessEpoch, e.itemId])).toEqual([
      [done.id, 'STEP_DONE', done.seq, Number(done.access_epoch), step.id],
      [recorded.id, 'WIN_RECORDED', recorded.seq, Number(recorded.access_epoch), win.id],
    ]);
  });

  it('the audit row commits with the edit it records: no INSERT of its own, none for a stale version (rule 12)', async () => {
    const step = await addStep('Pick up the new glasses');
    const changesOf = (action: string) =>
      db.query<{ kind: string; action: string; labels: string[]; actor: string }[]>(
        'SELECT kind, action, labels, actor FROM audit_event WHERE participant_id = $1 AND action = $2 ORDER BY at, id',
        [participantId, action],
      );
    // addStep writes in a transaction: its row comes from the end of the field, as before.
    const [added] = (await changesOf('addStep')).slice(-1);
    const before = (await changesOf('setStepDone')).length;
    const statements = await sqlStatements(t.app, () =>
      t.gql.data(
        SET_DONE,
        { input: { stepId: step.id, expectedVersion: step.version, done: true } },
        { token: as.cm.accessToken },
      ),
    );
    const auditing = statements.filter((sql) => /INSERT INTO audit_event/i.test(sql));
    expect(auditing).toHaveLength(1);
    expect(auditing[0]).toMatch(/UPDATE step SET done_at/);
    expect(statements.length).toBeLessThanOrEqual(3);
    // The same row the end of the field would have written: who, what, every label reached.
    expect((await changesOf('setStepDone')).slice(before)).toEqual([
      { kind: 'CHANGE', action: 'setStepDone', labels: added.labels, actor: as.cm.account.id },
    ]);

    // A stale version writes nothing, its audit row included; CONFLICT is not audited, as before.
    const stale = await t.gql.request(
      SET_DONE,
      { input: { stepId: step.id, expectedVersion: step.version, done: false } },
      { token: as.cm.accessToken },
    );
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await changesOf('setStepDone')).toHaveLength(before + 1);

    // A replayed measurement (the key already used) writes nothing: its row comes from the field's end.
    const { defineMetric: metric } = await t.gql.data<{ defineMetric: { id: string } }>(
      DEFINE,
      {
        input: { participantId, kind: 'CLINICAL', name: 'Meals', domain: 'HEALTH', scale: 'COUNT', better: 'HIGHER' },
      },
      { token: as.cm.accessToken },
    );
    const record = () =>
      t.gql.data(
        RECORD,
        { input: { metricId: metric.id, value: 3, source: 'CLINICIAN', idempotencyKey: 'audit-replay-0001' } },
        { token: as.cm.accessToken },
      );
    await record();
    const replay = await sqlStatements(t.app, record);
    expect(replay.filter((sql) => /^INSERT INTO audit_event/i.test(sql))).toHaveLength(1);
    expect((await changesOf('recordMeasurement')).map((row) => row.kind)).toEqual(['CHANGE', 'CHANGE']);
  });

  it('answers with the step exactly as a fresh read shows it (nothing read back after the write)', async () => {
    const STEP = `id text label done doneAt forParticipant goalId targetDate version
      assignee { accountId displayName isParticipant } createdBy { accountId displayName isParticipant }
      languageHints { term suggestion why }`;
    const plan = async () =>
      (
        await t.gql.data<{ plan: { goals: { id: string; steps: Record<string, unknown>[] }[] } }>(
          `query P($participantId: ID!) { plan(participantId: $participantId) { goals { id steps { ${STEP} } } } }`,
          { participantId },
          { token: as.cm.accessToken },
        )
      ).plan;
    const goalId = (await plan()).goals[0].id;
    const added = await t.gql.data<{ addStep: { id: string; version: number } }>(
      ADD_STEP,
      {
        input: {
          participantId,
          goalId,
          text: 'Bring the lease to the clinic',
          assigneeAccountId: as.cm.account.id,
          targetDate: '2026-12-24',
        },
      },
      { token: as.cm.accessToken },
    );
    for (const [done, version] of [
      [true, added.addStep.version],
      [false, added.addStep.version + 1],
    ] as const) {
      const answer = await t.gql.data<{ setStepDone: Record<string, unknown> }>(
        `mutation S($input: SetStepDoneInput!) { setStepDone(input: $input) { ${STEP} } }`,
        { input: { stepId: added.addStep.id, expectedVersion: version, done } },
        { token: as.cm.accessToken },
      );
      const fresh = (await plan()).goals.flatMap((goal) => goal.steps).find((step) => step.id === added.addStep.id);
      expect(answer.setStepDone).toEqual(fresh);
      expect(answer.setStepDone).toMatchObject({ done, version: version + 1, goalId, targetDate: '2026-12-24' });
    }
  });

  it('a step reopened: one write statement and one event, no win; a stale version writes nothing', async () => {
    const step = await addStep('Bring the ID papers');
    await t.gql.data(
      SET_DONE,
      { input: { stepId: step.id, expectedVersion: step.version, done: true } },
      { token: as.cm.accessToken },
    );
    committed = [];
    const statements = await sqlStatements(t.app, () =>
      t.gql.data(
        SET_DONE,
        { input: { stepId: step.id, expectedVersion: step.version + 1, done: false } },
        { token: as.cm.accessToken },
      ),
    );
    expect(statements.filter((sql) => WRITES.test(sql))).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(6);
    expect(committed.map((events) => events.map((e) => e.type))).toEqual([['STEP_REOPENED']]);
    expect(await db.query('SELECT id FROM win WHERE source_id = $1', [step.id])).toHaveLength(1);

    // Two devices send the same edit from the same version: one writes, the other is told
    // the current version and writes nothing (no event, no win).
    const before = await eventsOf([step.id]);
    const results = await Promise.all(
      [as.cm.accessToken, as.cm.accessToken].map((token) =>
        t.gql.request(
          SET_DONE,
          { input: { stepId: step.id, expectedVersion: step.version + 2, done: true } },
          { token },
        ),
      ),
    );
    const refused = results.filter((result) => result.errors);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: step.version + 3 });
    expect((await eventsOf([step.id])).length).toBe(before.length + 1);
    expect(await db.query('SELECT id FROM win WHERE source_id = $1', [step.id])).toHaveLength(2);
  });

  it('a measurement: one write statement, at most six in all, with or without a win; a retry racing its first attempt records once', async () => {
    const { defineMetric: metric } = await t.gql.data<{ defineMetric: { id: string } }>(
      DEFINE,
      {
        input: {
          participantId,
          kind: 'CLINICAL',
          name: 'Nights indoors',
          domain: 'HOUSING',
          scale: 'COUNT',
          better: 'HIGHER',
          unit: 'nights',
        },
      },
      { token: as.cm.accessToken },
    );
    const record = (value: number, idempotencyKey?: string) =>
      t.gql.data<{ recordMeasurement: { id: string; value: number; win: { id: string; text: string } | null } }>(
        RECORD,
        { input: { metricId: metric.id, value, source: 'CLINICIAN', idempotencyKey } },
        { token: as.cm.accessToken },
      );
    const first = await sqlStatements(t.app, () => record(2));
    expect(first.filter((sql) => WRITES.test(sql))).toHaveLength(1);
    expect(first.length).toBeLessThanOrEqual(6);

    t.clock.advance(1000);
    committed = [];
    let answer: Awaited<ReturnType<typeof record>> | undefined;
    const statements = await sqlStatements(t.app, async () => (answer = await record(5)));
    expect(statements.filter((sql) => WRITES.test(sql))).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(6);
    expect(answer!.recordMeasurement.win!.text).toBe('Nights indoors: 2 → 5 nights');
    const [win] = await db.query<Record<string, unknown>[]>(
      'SELECT id, source, label, text, proposed_by, version FROM win WHERE source_id = $1',
      [answer!.recordMeasurement.id],
    );
    expect(win).toMatchObject({
      id: answer!.recordMeasurement.win!.id,
      source: 'MEASUREMENT',
      text: 'Nights indoors: 2 → 5 nights',
      proposed_by: null,
      version: 1,
    });
    const events = await eventsOf([answer!.recordMeasurement.id, win.id as string]);
    expect(events.map((event) => event.type)).toEqual(['MEASUREMENT_RECORDED', 'WIN_RECORDED']);
    expect(events[1].seq).toBe(events[0].seq + 1);
    expect(committed[0].map((e) => [e.id, e.seq, e.accessEpoch])).toEqual(
      events.map((e) => [e.id, e.seq, Number(e.access_epoch)]),
    );

    // The same key twice at once: one measurement, one win, both answers the same.
    t.clock.advance(1000);
    const [a, b] = await Promise.all([record(9, 'race-key-0001'), record(9, 'race-key-0001')]);
    expect(a).toEqual(b);
    expect(a.recordMeasurement.win).not.toBeNull();
    const [{ n }] = await db.query<{ n: string }[]>('SELECT count(*) AS n FROM measurement WHERE metric_id = $1', [
      metric.id,
    ]);
    expect(n).toBe('3');
    await sequencesAreGapless();
  });

  it('a narrowing of access in flight holds the one-statement write, which then carries the newer epoch (epoch before sequence)', async () => {
    const step = await addStep('Ask about the bus pass');
    // A narrowing transaction (what a revoke's trigger does) holds the participant's epoch row.
    const narrowing = db.createQueryRunner();
    await narrowing.connect();
    await narrowing.startTransaction();
    try {
      await narrowing.query('SELECT bump_participant_access_epoch(ARRAY[$1]::uuid[])', [participantId]);
      const [{ epoch }] = (await narrowing.query(
        'SELECT epoch FROM participant_access_epoch WHERE participant_id = $1',
        [participantId],
      )) as { epoch: string }[];
      const edit = t.gql.data(
        SET_DONE,
        { input: { stepId: step.id, expectedVersion: step.version, done: true } },
        { token: as.cm.accessToken },
      );
      // The write waits for the epoch's row (its BEFORE INSERT trigger on the sequence row).
      const waiting = async () =>
        (
          await db.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH gate0 AS (UPDATE step%'`,
          )
        )[0].n === '1';
      while (!(await waiting()));
      await narrowing.commitTransaction();
      await edit;
      const events = await db.query<{ type: string; access_epoch: string }[]>(
        `SELECT type, access_epoch FROM plan_event
          WHERE item_id = $1 OR item_id IN (SELECT id FROM win WHERE source_id = $1) ORDER BY seq`,
        [step.id],
      );
      expect(events).toEqual([
        { type: 'STEP_ADDED', access_epoch: String(Number(epoch) - 1) },
        { type: 'STEP_DONE', access_epoch: epoch },
        { type: 'WIN_RECORDED', access_epoch: epoch },
      ]);
    } finally {
      if (narrowing.isTransactionActive) await narrowing.rollbackTransaction();
      await narrowing.release();
    }
  });

  it('refuses to write in one statement an event a handler follows in a transaction (nothing is written)', async () => {
    const before = await db.query('SELECT count(*) AS n FROM plan_event WHERE participant_id = $1', [participantId]);
    await expect(
      t.app.get(PlanEventLog).writeOne({
        events: [
          {
            participantId,
            label: SensitivityLabel.GENERAL,
            type: PlanEventType.GOAL_UPDATED,
            itemId: null,
            actor: null,
            payload: { text: 'x', lifecycle: GoalLifecycle.ACTIVE, previousLifecycle: GoalLifecycle.ACTIVE },
          },
        ],
      }),
    ).rejects.toThrow(/followed in a transaction/);
    expect(await db.query('SELECT count(*) AS n FROM plan_event WHERE participant_id = $1', [participantId])).toEqual(
      before,
    );
  });

  it('concurrent edits under one label keep every sequence gapless and unique (randomised)', async () => {
    const random = seededRandom('one-statement edits');
    const writers = [as.cm];
    for (let i = 0; i < 3; i++) writers.push(await signIn(t.gql, 'cm@demo.test'));
    const steps = await Promise.all(Array.from({ length: 12 }, (_, i) => addStep(`Concurrent step ${i}`, 'HEALTH')));
    const { defineMetric: metric } = await t.gql.data<{ defineMetric: { id: string } }>(
      DEFINE,
      {
        input: {
          participantId,
          kind: 'CLINICAL',
          name: 'Meals',
          domain: 'HEALTH',
          scale: 'COUNT',
          better: 'HIGHER',
          label: 'HEALTH',
        },
      },
      { token: as.cm.accessToken },
    );
    const versions = new Map(steps.map((step) => [step.id, { version: step.version, done: false }]));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        ...steps.map(async (step) => {
          const state = versions.get(step.id)!;
          const answer = await t.gql.data<{ setStepDone: { version: number; done: boolean } }>(
            SET_DONE,
            { input: { stepId: step.id, expectedVersion: state.version, done: !state.done } },
            { token: random.pick(writers).accessToken },
          );
          versions.set(step.id, answer.setStepDone);
          return answer;
        }),
        ...Array.from({ length: 6 }, () =>
          t.gql.data(
            RECORD,
            { input: { metricId: metric.id, value: Math.floor(random.next() * 20), source: 'CLINICIAN' } },
            { token: random.pick(writers).accessToken },
          ),
        ),
      ]);
      expect(results).toHaveLength(steps.length + 6);
    }
    const [{ done, wins, measured }] = await db.query<{ done: string; wins: string; measured: string }[]>(
      `SELECT count(*) FILTER (WHERE type = 'STEP_DONE') AS done, count(*) FILTER (WHERE type = 'WIN_RECORDED') AS wins,
              count(*) FILTER (WHERE type = 'MEASUREMENT_RECORDED') AS measured
         FROM plan_event WHERE participant_id = $1 AND item_id = ANY($2::uuid[])
            OR item_id IN (SELECT id FROM win WHERE source_id = ANY($2::uuid[]))
            OR item_id IN (SELECT id FROM measurement WHERE metric_id = $3)
            OR item_id IN (SELECT w.id FROM win w JOIN measurement m ON m.id = w.source_id WHERE m.metric_id = $3)`,
      [participantId, steps.map((step) => step.id), metric.id],
    );
    // Each step was done twice (rounds 1 and 3): a win each time; every measurement an event.
    expect(Number(done)).toBe(steps.length * 2);
    expect(Number(measured)).toBe(18);
    const [{ n: winRows }] = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM win WHERE source_id = ANY($1::uuid[])
          OR source_id IN (SELECT id FROM measurement WHERE metric_id = $2)`,
      [steps.map((step) => step.id), metric.id],
    );
    expect(Number(wins)).toBe(Number(winRows));
    await sequencesAreGapless();
  });
});
