import { DataSource, In } from 'typeorm';
import { PlanEventType, type SensitivityLabel } from '@roundtable/contracts';
import { versionedUpdatePart } from '@roundtable/platform';
import { PlanEventEntity, PlanEventLog, PlanOutbox } from '@roundtable/plan';
import { Client } from 'pg';
import { sqlStatements, startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

const ADD_STEP = 'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }';
const MARK = /UPDATE plan_event SET published_at = now\(\) WHERE id = ANY/;

/**
 * The outbox (ARCHITECTURE.md "Publishing survives a crash"): every delivered event is marked
 * published, so the sweeper never sends it again; marks of edits that arrive together share
 * an UPDATE, or ride on the next edit's own statement (issue 18).
 */
describe('outbox marks', () => {
  let t: TestApp;
  let as: Record<string, SignedIn>;
  let participantId: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ t, as, participantId } = await startDemoApp(['cm', 'sam']));
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  /** Polls the database until `ids` have no unpublished event (marks follow delivery, after the answer). */
  const allMarked = async (ids: string[]) => {
    for (const started = Date.now(); (await unpublished(ids)) > 0;) {
      if (Date.now() - started > 5000) throw new Error('events still unpublished after 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  const unpublished = async (ids: string[]) =>
    Number(
      (
        await db.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM plan_event WHERE item_id = ANY($1) AND published_at IS NULL',
          [ids],
        )
      )[0].n,
    );

  const addSteps = async (n: number) =>
    (
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          t.gql.data<{ addStep: { id: string } }>(
            ADD_STEP,
            { input: { participantId, text: `Step ${i + 1}` } },
            { token: as.cm.accessToken },
          ),
        ),
      )
    ).map((answer) => answer.addStep.id);

  /** The outbox's own UPDATEs while `work` runs (the per-request counters leave them out). */
  const marksDuring = async (work: () => Promise<unknown>) => {
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      await work();
      return spy.mock.calls.filter(([query]) => MARK.test(JSON.stringify(query))).length;
    } finally {
      spy.mockRestore();
    }
  };

  it('marks every delivered event, so the sweeper sends none again', async () => {
    const ids = await addSteps(12);
    await allMarked(ids);
    expect(await t.app.get(PlanOutbox).sweep()).toBe(0);
  });

  /** Events of `n` new steps, marked unpublished again (as if just delivered). */
  const unmarkedEvents = async (n: number) => {
    const ids = await addSteps(n);
    await allMarked(ids);
    await db.query('UPDATE plan_event SET published_at = NULL WHERE item_id = ANY($1)', [ids]);
    const events = await db.getRepository(PlanEventEntity).findBy({ itemId: In(ids) });
    expect(events).toHaveLength(n);
    return { ids, events };
  };

  it('marks asked for together wait and go out in one UPDATE', async () => {
    const { ids, events } = await unmarkedEvents(3);
    const outbox = t.app.get(PlanOutbox);
    const marks = await marksDuring(() => Promise.all(events.map((event) => outbox.markPublished([event]))));
    expect(marks).toBe(1);
    expect(await unpublished(ids)).toBe(0);
  });

  it('the next one-statement write carries the waiting marks, even when its gate stops it (issue 18)', async () => {
    const { ids, events } = await unmarkedEvents(2);
    const [stepId] = await addSteps(1);
    await allMarked([stepId]);
    const outbox = t.app.get(PlanOutbox);
    const log = t.app.get(PlanEventLog);
    const statements: string[] = [];
    const marks = await marksDuring(async () => {
      const marked = outbox.markPublished(events);
      statements.push(
        ...(await sqlStatements(t.app, async () => {
          // A stale version: the gate stops the write, nothing of it is written…
          const written = await log.writeOne({
            gates: [versionedUpdatePart('step', stepId, 99, { done_at: null })],
            events: [
              {
                participantId,
                label: events[0].label,
                type: PlanEventType.STEP_REOPENED,
                itemId: stepId,
                actor: as.cm.account.id,
                payload: { text: 'Step 1', goalId: null },
              },
            ],
          });
          expect(written).toBeNull();
        })),
      );
      await marked;
    });
    // …but the marks went in its statement: no UPDATE of their own, every event marked.
    expect(marks).toBe(0);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^WITH gate0 AS \(UPDATE step/);
    expect(statements[0]).toMatch(/UPDATE plan_event SET published_at = now\(\) WHERE id = ANY/);
    expect(await unpublished(ids)).toBe(0);
    expect(await t.app.get(PlanOutbox).sweep()).toBe(0);
  });

  it('marks taken by a write that fails wait for the next write or go out on their own', async () => {
    const { ids, events } = await unmarkedEvents(2);
    const outbox = t.app.get(PlanOutbox);
    const log = t.app.get(PlanEventLog);
    const marked = outbox.markPublished(events);
    // An event under a label that does not exist: the statement fails and rolls back, marks included.
    await expect(
      log.writeOne({
        events: [
          {
            participantId,
            label: 'NO_SUCH_LABEL' as SensitivityLabel,
            type: PlanEventType.STEP_REOPENED,
            itemId: events[0].itemId,
            actor: as.cm.account.id,
            payload: { text: 'Step 1', goalId: null },
          },
        ],
      }),
    ).rejects.toThrow();
    await marked;
    expect(await unpublished(ids)).toBe(0);
  });

  it('a run with nothing to mark leaves the next marks working', async () => {
    const outbox = t.app.get(PlanOutbox);
    await outbox.markPublished([]);
    const { addStep } = await t.gql.data<{ addStep: { id: string } }>(
      ADD_STEP,
      { input: { participantId, text: 'After an empty mark' } },
      { token: as.cm.accessToken },
    );
    await allMarked([addStep.id]);
  });
});
