import { DataSource } from 'typeorm';
import {
  closePreparedStatements,
  IDLE_CONNECTION_MS,
  preparedQuery,
  preparedStatementsPool,
  typeOrmPool,
} from '@roundtable/platform';
import { signInDemo, startTestApp, type TestApp } from '@roundtable/testing';
import { PLAN_QUERY } from '../bench/queries';

/**
 * The hot statements' own connections (issue 18): prepared statements run with generic plans
 * (planned once per connection), the ORM's one-off statements keep PostgreSQL's default, a
 * transaction keeps its statements on its own connection, and a stop closes them all.
 */
describe('prepared statements', () => {
  let t: TestApp;
  let db: DataSource;
  const MODE = `SELECT current_setting('plan_cache_mode') AS mode, pg_backend_pid() AS pid`;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    db = t.app.get(DataSource);
  }, 120_000);
  afterAll(() => t.close());

  it('run with generic plans on connections of their own; everything else keeps the default', async () => {
    const [prepared] = await preparedQuery<{ mode: string }>(db.manager, MODE, []);
    expect(prepared.mode).toBe('force_generic_plan');
    const [orm] = await db.query<{ mode: string }[]>(MODE);
    expect(orm.mode).toBe('auto');
    await db.transaction(async (manager) => {
      const [inside] = await preparedQuery<{ mode: string; pid: number }>(manager, MODE, []);
      const [own] = await manager.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      expect(inside).toEqual({ mode: 'auto', pid: own.pid });
    });
  });

  it('the plan screen is planned once per connection: its statements are reused, not re-prepared', async () => {
    const { cm, sam } = await signInDemo(t.gql, ['cm', 'sam']);
    const participantId = sam.account.participantId!;
    for (let i = 0; i < 5; i++) await t.gql.data(PLAN_QUERY, { participantId }, { token: cm.accessToken });
    const [{ statements }] = await preparedQuery<{ statements: number }>(
      db.manager,
      `SELECT count(*)::int AS statements FROM pg_prepared_statements WHERE name LIKE 'rt\\_%' AND generic_plans > 0`,
      [],
    );
    expect(statements).toBeGreaterThanOrEqual(1);
  });

  it('both pools keep an idle connection for minutes, not seconds: re-opening one stalled edits (issue 18)', async () => {
    await preparedQuery(db.manager, MODE, []);
    const pools = [typeOrmPool(db), preparedStatementsPool(db)];
    expect(IDLE_CONNECTION_MS).toBeGreaterThanOrEqual(60_000);
    expect(pools.map((pool) => pool?.options.idleTimeoutMillis)).toEqual([IDLE_CONNECTION_MS, IDLE_CONNECTION_MS]);
  });

  it('a stop closes them, and a statement after it fails instead of opening new connections', async () => {
    const other = await startTestApp({ database: t.database });
    const otherDb = other.app.get(DataSource);
    await preparedQuery(otherDb.manager, MODE, []);
    const pool = preparedStatementsPool(otherDb)!;
    expect(pool.totalCount).toBeGreaterThan(0);
    await other.close();
    expect(pool.ended).toBe(true);
    expect(pool.totalCount).toBe(0);
    await closePreparedStatements(otherDb);
    await expect(preparedQuery(otherDb.manager, MODE, [])).rejects.toThrow();
  });
});
