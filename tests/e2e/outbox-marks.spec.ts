import { DataSource, In } from 'typeorm';
import { PlanEventEntity, PlanOutbox } from '@roundtable/plan';
import { Client } from 'pg';
import { startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

const ADD_STEP = 'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }';
const MARK = /UPDATE plan_event SET published_at = now\(\) WHERE id = ANY/;

/**
 * The outbox (ARCHITECTURE.md "Publishing survives a crash"): every delivered event is marked
 * published, so the sweeper never sends it again; marks of edits that arrive together share
 * an UPDATE (issue 18).
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

  it('marks asked for while an UPDATE runs go out together in the next one', async () => {
    const ids = await addSteps(3);
    await allMarked(ids);
    await db.query('UPDATE plan_event SET published_at = NULL WHERE item_id = ANY($1)', [ids]);
    const events = await db.getRepository(PlanEventEntity).findBy({ itemId: In(ids) });
    expect(events).toHaveLength(3);
    const outbox = t.app.get(PlanOutbox);
    const marks = await marksDuring(() => Promise.all(events.map((event) => outbox.markPublished([event]))));
    // The first starts an UPDATE at once; the two asked for meanwhile share the next.
    expect(marks).toBe(2);
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
