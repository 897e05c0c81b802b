import type { DataSource, Migration } from 'typeorm';

/** Any fixed number works; it only has to be the same on every node. */
const MIGRATION_LOCK_KEY = 7_140_512;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so API nodes starting at the
 * same time take turns instead of racing to create the same tables.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
