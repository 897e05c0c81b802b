import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Counts the SQL statements the app's DataSource runs while `work` runs (every TypeORM
 * query goes through its query runner). The statements still run against PostgreSQL.
 */
export async function countSqlStatements(app: INestApplication, work: () => Promise<unknown>): Promise<number> {
  const runner = app.get(DataSource).createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
  await runner.release();
  const spy = jest.spyOn(prototype, 'query');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}
