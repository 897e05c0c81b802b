import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Background work that runs on its own schedule (the realtime outbox), not per request. */
const BACKGROUND = /published_at/;

/**
 * Counts the SQL statements the app's DataSource runs while `work` runs (every TypeORM
 * query goes through its query runner), leaving out the outbox's background statements.
 * The statements still run against PostgreSQL.
 */
export async function countSqlStatements(app: INestApplication, work: () => Promise<unknown>): Promise<number> {
  return (await sqlStatements(app, work)).length;
}

/** The statements `countSqlStatements` counts, in the order they ran (whitespace folded). */
export async function sqlStatements(app: INestApplication, work: () => Promise<unknown>): Promise<string[]> {
  const runner = app.get(DataSource).createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
  await runner.release();
  const spy = jest.spyOn(prototype, 'query');
  try {
    await work();
    return spy.mock.calls
      .map(([sql]) => (typeof sql === 'string' ? sql.replace(/\s+/g, ' ').trim() : String(sql)))
      .filter((sql) => !BACKGROUND.test(sql));
  } finally {
    spy.mockRestore();
  }
}
