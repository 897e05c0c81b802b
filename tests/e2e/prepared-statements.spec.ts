import { DataSource } from 'typeorm';
import {
  closePreparedStatements,
  IDLE_CONNECTION_MS,
  preparedQuery,
  preparedRead,
  preparedReadLanes,
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
    await preparedRead(otherDb.manager, MODE, []);
    const pool = preparedStatementsPool(otherDb)!;
    const lanes = preparedReadLanes(otherDb)!;
    expect(pool.totalCount).toBeGreaterThan(0);
    expect(lanes.counts().open).toBeGreaterThan(0);
    await other.close();
    expect(pool.ended).toBe(true);
    expect(pool.totalCount).toBe(0);
    expect(lanes.counts().open).toBe(0);
    await closePreparedStatements(otherDb);
    await expect(preparedQuery(otherDb.manager, MODE, [])).rejects.toThrow();
    await expect(preparedRead(otherDb.manager, MODE, [])).rejects.toThrow();
  });

  describe('hot reads on the pipelined read lanes', () => {
    const SETTINGS = `SELECT current_setting('plan_cache_mode') AS mode,
      current_setting('transaction_read_only') AS read_only, pg_backend_pid() AS pid`;
    const ECHO = 'SELECT $1::int AS n, 100 / $2::int AS quotient, pg_backend_pid() AS pid';
    type Echo = { n: number; quotient: number; pid: number };

    it('run with generic plans on read-only connections; in a transaction, in the transaction', async () => {
      const [lane] = await preparedRead<{ mode: string; read_only: string }>(db.manager, SETTINGS, []);
      expect(lane).toMatchObject({ mode: 'force_generic_plan', read_only: 'on' });
      await db.transaction(async (manager) => {
        const [inside] = await preparedRead<{ read_only: string; pid: number }>(manager, SETTINGS, []);
        const [own] = await manager.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
        expect(inside).toMatchObject({ read_only: 'off', pid: own.pid });
      });
    });

    it('refuse writes and row locks, which could wait on another transaction and hold up every read behind them', async () => {
      await expect(preparedRead(db.manager, 'UPDATE participant SET id = id WHERE false', [])).rejects.toThrow(
        /read-only transaction/,
      );
      await expect(preparedRead(db.manager, 'SELECT id FROM participant LIMIT 1 FOR UPDATE', [])).rejects.toThrow(
        /read-only transaction/,
      );
      await expect(preparedRead(db.manager, 'SELECT 1 AS one', [])).resolves.toEqual([{ one: 1 }]);
    });

    it('share two connections under load, each read answered with its own rows; one that fails fails alone', async () => {
      const reads = Array.from({ length: 60 }, (_, n) =>
        preparedRead<Echo>(db.manager, ECHO, [n, n === 17 ? 0 : 4]).then(
          ([row]) => row,
          (error: Error) => error,
        ),
      );
      const answers = await Promise.all(reads);
      answers.forEach((answer, n) => {
        if (n === 17) expect(answer).toEqual(expect.objectContaining({ message: 'division by zero' }));
        else expect(answer).toMatchObject({ n, quotient: 25 });
      });
      const pids = new Set(
        answers.filter((answer): answer is Echo => !(answer instanceof Error)).map(({ pid }) => pid),
      );
      expect(pids.size).toBeGreaterThanOrEqual(1);
      expect(pids.size).toBeLessThanOrEqual(2);
      expect(preparedReadLanes(db)!.counts()).toEqual({ open: pids.size, busy: 0 });
    });

    it('a lane whose connection is ended is replaced by the next read', async () => {
      const [before] = await preparedRead<Echo>(db.manager, ECHO, [1, 1]);
      const lanes = preparedReadLanes(db)!;
      const open = lanes.counts().open;
      await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1', [before.pid]);
      // The lane is dropped when its socket closes (an I/O event, not a timer).
      while (lanes.counts().open === open) await new Promise((resolve) => setImmediate(resolve));
      const answers = await Promise.all(
        [1, 2, 3].map((n) => preparedRead<Echo>(db.manager, ECHO, [n, 1]).then(([row]) => row)),
      );
      expect(answers.map(({ n }) => n)).toEqual([1, 2, 3]);
      expect(answers.map(({ pid }) => pid)).not.toContain(before.pid);
    });
  });
});
