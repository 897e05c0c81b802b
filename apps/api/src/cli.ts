import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import {
  createDataSourceOptions,
  runMigrations,
  startEmbeddedPostgres,
  SystemClock,
  loadConfig,
  type AppConfig,
} from '@roundtable/platform';
import { createServer, persistence, printApiSchema, SCHEMA_FILE } from '@roundtable/server';

/**
 * Operator commands (also Nx targets): migrate, revert, reset, emit-schema. They act on
 * DATABASE_URL, or on the embedded database in DATA_DIR when it is unset.
 */
type Command = 'migrate' | 'revert' | 'reset' | 'emit-schema';
const COMMANDS: readonly Command[] = ['migrate', 'revert', 'reset', 'emit-schema'];

async function withDatabase<T>(config: AppConfig, work: (url: string) => Promise<T>): Promise<T> {
  if (config.DATABASE_URL) return work(config.DATABASE_URL);
  const embedded = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    database: 'roundtable',
    log: () => undefined,
  });
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}

async function withDataSource(url: string, work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const dataSource = await new DataSource(createDataSourceOptions(url, persistence)).initialize();
  try {
    await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function migrate(dataSource: DataSource): Promise<void> {
  const applied = await runMigrations(dataSource);
  console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'The database is up to date.');
}

async function run(command: Command, config: AppConfig): Promise<void> {
  switch (command) {
    case 'migrate':
      return withDatabase(config, (url) => withDataSource(url, migrate));
    case 'revert':
      return withDatabase(config, (url) =>
        withDataSource(url, async (dataSource) => {
          await dataSource.undoLastMigration({ transaction: 'each' });
          console.log('Reverted the last migration.');
        }),
      );
    case 'reset':
      if (config.NODE_ENV === 'production')
        throw new Error('reset drops every table and is refused when NODE_ENV=production');
      return withDatabase(config, (url) =>
        withDataSource(url, async (dataSource) => {
          await dataSource.query('DROP SCHEMA public CASCADE');
          await dataSource.query('CREATE SCHEMA public');
          await migrate(dataSource);
        }),
      );
    case 'emit-schema':
      return withDatabase(config, async (databaseUrl) => {
        const app = await createServer({ config, databaseUrl, clock: new SystemClock() });
        await app.init();
        writeFileSync(SCHEMA_FILE, printApiSchema(app));
        await app.close();
        console.log(`Wrote ${SCHEMA_FILE}`);
      });
  }
}

const command = process.argv[2] as Command;
if (!COMMANDS.includes(command)) {
  console.error(`Usage: cli.js <${COMMANDS.join('|')}>`);
  process.exit(2);
}
run(command, loadConfig({ LOG_LEVEL: 'warn', ...process.env })).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
