import { Client } from 'pg';
import { visibleMetricsSql } from '@roundtable/outcomes';
import { WHOLE_PLAN_SQL } from '@roundtable/plan';
import { startTestApp, type TestApp } from '@roundtable/testing';
import { seedPeople, type Room } from '../bench/seed';

const LABELS = ['GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_USE'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every (node type, table) of a plan tree, e.g. "Seq Scan on account". */
function scans(node: PlanNode): string[] {
  const own = node['Relation Name'] ? [`${node['Node Type']} on ${node['Relation Name']}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scans)];
}

/**
 * The hot reads run as prepared statements with generic plans (planned once per connection,
 * without the parameters' values: prepared-statements.spec). At a program's size, 150
 * participants with 20 people, 10 goals, 20 steps and 20 metrics each (the bench's full run),
 * the plan a viewer reads must look up the names it shows and the metrics it lists by index,
 * not read the whole account or metric table for every request (issue 18: they did, and it
 * was a third of PostgreSQL's time per plan screen).
 */
describe('the hot reads at a program’s size', () => {
  let t: TestApp;
  let db: Client;
  let room: Room;

  /** The tables this statement's generic plan reads, with these literal arguments. */
  async function genericPlanScans(sql: string, args: string[]): Promise<string[]> {
    await db.query('SET plan_cache_mode = force_generic_plan');
    await db.query(`PREPARE probe AS ${sql}`);
    try {
      const [row] = (
        await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) EXECUTE probe(${args.join(', ')})`,
        )
      ).rows;
      return scans(row['QUERY PLAN'][0].Plan);
    } finally {
      await db.query('DEALLOCATE probe');
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = new Client({ connectionString: t.database.url });
    await db.connect();
    const rooms = await seedPeople(db, 'a secret nobody signs in with', 150, 20);
    room = rooms[0];
    const participants = rooms.map((r) => r.participantId);
    await db.query(`INSERT INTO plan (participant_id, created_at) SELECT unnest($1::uuid[]), now()`, [participants]);
    await db.query(
      `INSERT INTO metric (participant_id, kind, name, domain, label, scale, minimum, maximum, better, defined_by, created_at)
       SELECT r.participant_id, 'PARTICIPANT_DEFINED', 'Good days ' || n, 'SAFETY', 'GENERAL', 'COUNT', 0, 7, 'HIGHER', r.account_id, now()
         FROM unnest($1::uuid[], $2::uuid[]) AS r(participant_id, account_id), generate_series(1, 20) AS n`,
      [participants, rooms.map((r) => r.staff[0].accountId)],
    );
    // 10 goals and 20 steps each, as the bench's plans: the names a plan shows come from them.
    await db.query(
      `INSERT INTO goal (participant_id, text, domain, label, expressed_by_kind, lifecycle, horizon, created_at, updated_at)
       SELECT r.participant_id, 'Feel less alone in the evenings ' || n, 'RELATIONSHIPS_AND_SUPPORT', 'GENERAL',
              'PARTICIPANT', 'ACTIVE', 'LONGER_TERM', now(), now()
         FROM unnest($1::uuid[]) AS r(participant_id), generate_series(1, 10) AS n`,
      [participants],
    );
    await db.query(
      `INSERT INTO step (participant_id, goal_id, text, label, assigned_to_participant, assignee, created_by, created_at)
       SELECT g.participant_id, g.id, 'Step ' || n || ' toward it', 'GENERAL', false, r.account_id, r.account_id, now()
         FROM goal g JOIN unnest($1::uuid[], $2::uuid[]) AS r(participant_id, account_id) ON r.participant_id = g.participant_id,
              generate_series(1, 2) AS n`,
      [participants, rooms.map((r) => r.staff[0].accountId)],
    );
    await db.query('ANALYZE');
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('seeded a program of that size', async () => {
    const counts = await db.query<{ accounts: number; metrics: number; steps: number }>(
      `SELECT (SELECT count(*)::int FROM account) AS accounts, (SELECT count(*)::int FROM metric) AS metrics,
              (SELECT count(*)::int FROM step) AS steps`,
    );
    expect(counts.rows[0].accounts).toBeGreaterThanOrEqual(3000);
    expect(counts.rows[0].metrics).toBeGreaterThanOrEqual(3000);
    expect(counts.rows[0].steps).toBeGreaterThanOrEqual(3000);
  });

  it('the plan read looks up the names it shows instead of reading every account', async () => {
    const read = await genericPlanScans(WHOLE_PLAN_SQL, [
      `'${room.participantId}'`,
      `'{${LABELS.join(',')}}'`,
      `'WAITING'`,
    ]);
    expect(read.filter((scan) => scan.endsWith(' on account'))).not.toEqual([]);
    expect(read).not.toContain('Seq Scan on account');
  });

  it.each([
    ['the plan screen (first and last points)', false],
    ['the progress screen (every point)', true],
  ])('%s finds the participant’s metrics by index instead of reading every metric', async (_, series) => {
    const read = await genericPlanScans(visibleMetricsSql(series), [
      `'{0}'`,
      `'{${room.participantId}}'`,
      `'{${LABELS.map(() => 0).join(',')}}'`,
      `'{${LABELS.join(',')}}'`,
    ]);
    expect(read.filter((scan) => scan.endsWith(' on metric'))).not.toEqual([]);
    expect(read).not.toContain('Seq Scan on metric');
  });
});
