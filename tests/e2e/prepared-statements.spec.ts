import { Socket } from 'node:net';
import { DataSource } from 'typeorm';
import {
  closePreparedStatements,
  freePort,
  IDLE_CONNECTION_MS,
  preparedQuery,
  preparedRead,
  preparedReadLanes,
  preparedStatementsPool,
  ReadLanes,
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

  /** Lets the event loop turn until `done` holds; fails after many turns instead of hanging. */
  async function turnsUntil(done: () => boolean): Promise<void> {
    for (let turn = 0; !done(); turn++) {
      if (turn > 1_000_000) throw new Error('gave up waiting');
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

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
      expect(pids.size).toBeLessThanOrEqual(2);
      expect(preparedReadLanes(db)!.counts()).toEqual({ open: pids.size, busy: 0, statements: 0 });
    });

    it('a lane whose connection is ended is replaced by the next read', async () => {
      const [before] = await preparedRead<Echo>(db.manager, ECHO, [1, 1]);
      const lanes = preparedReadLanes(db)!;
      const open = lanes.counts().open;
      await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1', [before.pid]);
      // The lane is dropped when its socket closes (an I/O event, not a timer).
      await turnsUntil(() => lanes.counts().open < open);
      const answers = await Promise.all(
        [1, 2, 3].map((n) => preparedRead<Echo>(db.manager, ECHO, [n, 1]).then(([row]) => row)),
      );
      expect(answers.map(({ n }) => n)).toEqual([1, 2, 3]);
      expect(answers.map(({ pid }) => pid)).not.toContain(before.pid);
    });

    it('reads asked for in one turn leave in one write per lane, not one each', async () => {
      await Promise.all([1, 2].map((n) => preparedRead(db.manager, ECHO, [n, 1])));
      const writes = [jest.spyOn(Socket.prototype, '_writev'), jest.spyOn(Socket.prototype, '_write')];
      try {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, n) => preparedRead<Echo>(db.manager, ECHO, [n, 1]).then(([row]) => row.n)),
        );
        expect(answers).toEqual(Array.from({ length: 20 }, (_, n) => n));
        const dbPort = Number(new URL(t.database.url).port || 5432);
        const toDatabase = writes.flatMap((spy) => spy.mock.contexts).filter((socket) => socket.remotePort === dbPort);
        // Without pipelining each lane sends its next statement only once the last is answered: 20 writes.
        expect(toDatabase.length).toBeGreaterThanOrEqual(1);
        expect(toDatabase.length).toBeLessThanOrEqual(2);
      } finally {
        writes.forEach((spy) => spy.mockRestore());
      }
    });

    it('a read waiting for a table lock gives up there and runs on the pool, without holding up the reads behind it', async () => {
      const runner = db.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        // What a migration on another node does: ALTER TABLE holds this until it commits.
        await runner.query('LOCK TABLE strategy IN ACCESS EXCLUSIVE MODE');
        const blocked = preparedRead<{ n: number }>(db.manager, 'SELECT count(*)::int AS n FROM strategy', []);
        // A write waiting for the lock gives up before PostgreSQL checks that it writes: the
        // pool's rerun must refuse it as the lane would have.
        const write = preparedRead(db.manager, 'UPDATE strategy SET text = text WHERE false', []).then(
          () => 'written',
          (error: Error) => error.message,
        );
        const behind = Array.from({ length: 10 }, (_, n) =>
          preparedRead<Echo>(db.manager, ECHO, [n, 1]).then(([row]) => row.n),
        );
        let answered = false;
        void blocked.then(() => (answered = true));
        // Answered while the lock is still held: the blocked read left its lane after lock_timeout…
        expect(await Promise.all(behind)).toEqual(Array.from({ length: 10 }, (_, n) => n));
        // …and waits on the pool instead, where it holds up nothing else.
        expect(answered).toBe(false);
        await runner.commitTransaction();
        const [{ n }] = await blocked;
        expect(n).toEqual(expect.any(Number));
        expect(await write).toMatch(/read-only transaction/);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('a read the driver could not send fails alone; its lane is retired, not left with a lost statement', async () => {
      // pg answers a value it cannot serialise by closing the prepared statement on the server
      // while still counting it as prepared on that connection: every later run there would fail.
      const ON_LANE = `SELECT $1::int AS n, current_setting('transaction_read_only') AS read_only`;
      type OnLane = { n: number; read_only: string };
      const lanes = preparedReadLanes(db)!;
      const unsendable = {
        toPostgres: () => {
          throw new Error('cannot serialise this value');
        },
      };
      const results = await Promise.allSettled([
        preparedRead<OnLane>(db.manager, ON_LANE, [1]),
        preparedRead<OnLane>(db.manager, ON_LANE, [unsendable]),
        preparedRead<OnLane>(db.manager, ON_LANE, [3]),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(results[1]).toMatchObject({ reason: { message: 'cannot serialise this value' } });
      // Every later run is answered on a lane (read-only), none rerun on the pool after a lost statement.
      const again = await Promise.all(
        [4, 5, 6, 7, 8, 9].map((n) => preparedRead<OnLane>(db.manager, ON_LANE, [n]).then(([row]) => row)),
      );
      expect(again).toEqual([4, 5, 6, 7, 8, 9].map((n) => ({ n, read_only: 'on' })));
      expect(lanes.counts().statements).toBe(0);
    });
  });

  describe('ReadLanes on their own', () => {
    const quiet = () => undefined;

    it('a server that refuses the connection fails the read; nothing is left open or waiting', async () => {
      const lanes = new ReadLanes(
        { host: '127.0.0.1', port: await freePort(), connectionTimeoutMillis: 5_000 },
        2,
        quiet,
      );
      await expect(lanes.query({ text: 'SELECT 1' })).rejects.toThrow(/ECONNREFUSED/);
      expect(lanes.counts()).toEqual({ open: 0, busy: 0, statements: 0 });
      await lanes.end();
    });

    it('ending while a lane still connects settles the read waiting on it instead of leaving it hanging', async () => {
      const lanes = new ReadLanes({ connectionString: t.database.url }, 2, quiet);
      const read = lanes.query({ text: 'SELECT 1 AS one' });
      await lanes.end();
      const [outcome] = await Promise.allSettled([read]);
      expect(['fulfilled', 'rejected']).toContain(outcome.status);
      expect(lanes.counts()).toEqual({ open: 0, busy: 0, statements: 0 });
      await expect(lanes.query({ text: 'SELECT 1' })).rejects.toThrow(/closed/);
    });

    it('ending lets the reads in flight finish', async () => {
      const lanes = new ReadLanes({ connectionString: t.database.url }, 1, quiet);
      await lanes.query({ text: 'SELECT 1' });
      const reads = [1, 2, 3].map((n) => lanes.query<{ n: number }>({ text: 'SELECT $1::int AS n', values: [n] }));
      await lanes.end();
      expect((await Promise.all(reads)).map(({ rows: [row] }) => row.n)).toEqual([1, 2, 3]);
    });
  });
});
