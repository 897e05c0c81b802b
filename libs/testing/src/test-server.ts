import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { quoteIdentifier, startEmbeddedPostgres } from '@roundtable/platform';
import { databaseUrlFor, migrateDatabase, TEST_ENV } from './test-database';

/**
 * The test database server, run by jest's global set-up as a child process from the built
 * code (jest's own module loader cannot host ES-module-only packages in its main process).
 *
 *   prepare   uses DATABASE_URL's server, or starts an embedded PostgreSQL and stays alive
 *             serving it until SIGTERM; creates and migrates this run's template database;
 *             prints one JSON line with the TEST_ENV values.
 *   cleanup   drops every database of the run named in ROUNDTABLE_TEST_RUN_ID.
 */
async function query(adminUrl: string, sql: string, values: unknown[] = []): Promise<{ datname: string }[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<{ datname: string }>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function prepare(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-test-'));
    const embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', log: () => undefined });
    adminUrl = embedded.adminUrl;
    stopEmbedded = async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const runId = randomBytes(4).toString('hex');
  const template = `rt_${runId}_template`;
  await query(adminUrl, `CREATE DATABASE ${quoteIdentifier(template)}`);
  await migrateDatabase(databaseUrlFor(adminUrl, template));
  process.stdout.write(
    `${JSON.stringify({ [TEST_ENV.adminUrl]: adminUrl, [TEST_ENV.runId]: runId, [TEST_ENV.template]: template })}\n`,
  );

  if (!stopEmbedded) return;
  const stop = stopEmbedded;
  const shutdown = () => void stop().finally(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // Jest going away without tear-down (a crash) must not leave the server running.
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}

async function cleanup(): Promise<void> {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const runId = process.env[TEST_ENV.runId];
  if (!adminUrl || !runId) return;
  const databases = await query(adminUrl, 'SELECT datname FROM pg_database WHERE datname LIKE $1', [
    `rt\\_${runId}\\_%`,
  ]);
  for (const { datname } of databases) {
    await query(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
  }
}

const command = process.argv[2];
(command === 'cleanup' ? cleanup() : prepare()).catch((error: unknown) => {
  process.stderr.write(`test database server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
