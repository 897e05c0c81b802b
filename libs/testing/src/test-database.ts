import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, quoteIdentifier, runMigrations } from '@roundtable/platform';
import { persistence } from '@roundtable/server';

/**
 * Environment handed from jest's global set-up to every worker:
 * the admin URL of the test server, this run's id and its migrated template database.
 */
export const TEST_ENV = {
  adminUrl: 'ROUNDTABLE_TEST_ADMIN_URL',
  runId: 'ROUNDTABLE_TEST_RUN_ID',
  template: 'ROUNDTABLE_TEST_TEMPLATE',
} as const;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through jest (its global set-up prepares the database)`);
  return value;
}

/** The URL of `database` on the same server as `serverUrl`. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: requiredEnv(TEST_ENV.adminUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Migrates a fresh database at `url` with every context's migrations. */
export async function migrateDatabase(url: string): Promise<void> {
  const dataSource = await new DataSource(createDataSourceOptions(url, persistence)).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database of its own for the calling test file, cloned from the
 * run's template (much faster than migrating each one). Pass `empty: true` for a database
 * with no tables at all.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const runId = requiredEnv(TEST_ENV.runId);
  const name = `rt_${runId}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const template = options.empty ? 'template0' : requiredEnv(TEST_ENV.template);
  await withAdminClient((client) =>
    client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`),
  );
  const url = databaseUrlFor(requiredEnv(TEST_ENV.adminUrl), name);
  return {
    name,
    url,
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
