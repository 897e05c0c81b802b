import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Pool, type PoolConfig, type QueryConfig, type QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { ReadLanes } from './read-lanes';

const names = new Map<string, string>();

/** A name per statement text: the same text always gets the same name, different texts never share one. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `rt_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** TypeORM's Postgres driver keeps the pg Pool it queries through as `master`. */
export function typeOrmPool(dataSource: DataSource): Pool | undefined {
  return (dataSource.driver as unknown as { master?: Pool }).master;
}

const genericPlanPools = new WeakMap<DataSource, Pool>();
const readLanes = new WeakMap<DataSource, ReadLanes>();

const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';
/**
 * The read lanes' settings (read-lanes.ts): read-only, so nothing sent there can wait on a row
 * lock; a read waiting half a second for a table lock (a migration's ALTER TABLE on another
 * node) gives up and is rerun on the pool, where it may wait without holding up the reads
 * queued behind it; and none runs for more than 30 s.
 */
const READ_LANE_SETTINGS = ['-c default_transaction_read_only=on', '-c lock_timeout=500', '-c statement_timeout=30000'];
/** Errors after which `preparedRead` reruns its statement on the pool: a lock wait given up, a lane's prepared statement lost. */
const RERUN_ON_POOL = new Set(['55P03', '26000', '42P05']);

/**
 * Two lanes: on the bench's two cores, one, two and four lanes all cut PostgreSQL's CPU per
 * plan or progress request to 1.0-1.2 ms, against 1.3-1.7 ms on the pool (quick bench, three
 * runs each, issue 18); two keep one slow read from holding up every other one.
 */
const READ_LANES = 2;

const logger = new Logger('Database');

function withSettings(options: string | undefined, ...settings: string[]): string {
  return [options, ...settings].filter(Boolean).join(' ');
}

/**
 * The connections the prepared statements run on: the DataSource's own settings, half its
 * size, with `plan_cache_mode = force_generic_plan`. PostgreSQL otherwise re-plans a prepared
 * statement at every execution while it judges a custom plan cheaper, and for these it always
 * did: planning was 0.5-1.1 ms of each statement against 0.1-1.5 ms of execution (EXPLAIN
 * ANALYZE on the bench's plans, issue 18), with the same execution time under the generic plan.
 * A pool of their own, so the ORM's one-off statements keep their custom plans.
 */
function genericPlanPool(dataSource: DataSource): Pool {
  let pool = genericPlanPools.get(dataSource);
  if (!pool) {
    const config: PoolConfig = typeOrmPool(dataSource)?.options ?? {};
    pool = new Pool({
      ...config,
      max: Math.max(2, Math.ceil((config.max ?? 10) / 2)),
      options: withSettings(config.options, GENERIC_PLANS),
    });
    // A connection that drops while idle is replaced on the next query; it must not end the process.
    pool.on('error', (error) => logger.warn(`An idle database connection closed: ${error.message}`));
    genericPlanPools.set(dataSource, pool);
  }
  return pool;
}

/** The hot reads' pipelined connections (read-lanes.ts): generic plans, read-only. */
function readLanesOf(dataSource: DataSource): ReadLanes {
  let lanes = readLanes.get(dataSource);
  if (!lanes) {
    const config: PoolConfig = typeOrmPool(dataSource)?.options ?? {};
    lanes = new ReadLanes(
      {
        ...config,
        options: withSettings(config.options, GENERIC_PLANS, ...READ_LANE_SETTINGS),
        keepAlive: true,
        connectionTimeoutMillis: 10_000,
      },
      READ_LANES,
      (error) => logger.warn(`An idle database connection closed: ${error.message}`),
    );
    readLanes.set(dataSource, lanes);
  }
  return lanes;
}

/** The hot reads' connections, once a read has run (for the connections gauge). */
export function preparedReadLanes(dataSource: DataSource): ReadLanes | undefined {
  return readLanes.get(dataSource);
}

/** The prepared statements' pool, once a statement has run (for the pool gauge). */
export function preparedStatementsPool(dataSource: DataSource): Pool | undefined {
  return genericPlanPools.get(dataSource);
}

/**
 * Closes the prepared statements' connections and the read lanes (the DataSource's own are closed by TypeORM).
 * The ended pool stays in place, so a statement after the stop fails as one on TypeORM's pool
 * would, instead of opening new connections.
 */
export async function closePreparedStatements(dataSource: DataSource): Promise<void> {
  const pool = genericPlanPools.get(dataSource);
  if (pool && !pool.ended) await pool.end();
  await readLanes.get(dataSource)?.end();
}

/**
 * Runs one of the hot, fixed statements of every request as a named prepared statement, so
 * PostgreSQL parses and plans it once per connection instead of at every request (issue 18:
 * "prepared statements where they pay"). Only for statements whose text does not depend on
 * the request; values go as parameters, as in every other query. Over a manager bound to a
 * transaction it runs in that transaction, unprepared, like any other query. For writes and
 * anything else that may wait on a lock; a plain read goes through `preparedRead`.
 */
export async function preparedQuery<R extends QueryResultRow>(
  manager: EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<R[]> {
  if (manager.queryRunner) return manager.query(text, [...values]);
  const result = await genericPlanPool(manager.connection).query<R>({ name: nameOf(text), text, values: [...values] });
  return result.rows;
}

/**
 * `preparedQuery` for a hot read: a plain SELECT, which never waits on a row lock. It runs on
 * the shared pipelined connections (read-lanes.ts), which refuse writes and row locks, so a
 * statement that could wait behind another transaction cannot hold up the reads queued behind
 * it; one that gave up waiting for a table lock is rerun on the pool. Over a manager bound to
 * a transaction it runs in that transaction, like `preparedQuery`.
 */
export async function preparedRead<R extends QueryResultRow>(
  manager: EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<R[]> {
  if (manager.queryRunner) return manager.query(text, [...values]);
  const statement = { name: nameOf(text), text, values: [...values] };
  try {
    return (await readLanesOf(manager.connection).query<R>(statement)).rows;
  } catch (error) {
    if (!RERUN_ON_POOL.has(String((error as { code?: unknown }).code))) throw error;
    return readOnlyOnPool<R>(manager.connection, statement);
  }
}

/**
 * A read rerun on the pool, in a READ ONLY transaction: a statement that waited for a table
 * lock gave up before PostgreSQL checked whether it writes, and the pool must not run a write
 * the lanes would have refused.
 */
async function readOnlyOnPool<R extends QueryResultRow>(dataSource: DataSource, statement: QueryConfig): Promise<R[]> {
  const client = await genericPlanPool(dataSource).connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN READ ONLY');
    const result = await client.query<R>(statement);
    await client.query('COMMIT');
    return result.rows;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
    throw error;
  } finally {
    client.release(broken);
  }
}
