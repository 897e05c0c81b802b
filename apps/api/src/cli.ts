import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import {
  createDataSourceOptions,
  runMigrations,
  startEmbeddedPostgres,
  SystemClock,
  loadConfig,
  type AppConfig,
} from '@roundtable/platform';
import { Discipline, ProgramRole } from '@roundtable/contracts';
import {
  createProgram,
  createServer,
  declaredOperations,
  OperatorError,
  persistence,
  PERMISSIONS_DOC,
  printApiSchema,
  printPermissionsDoc,
  SCHEMA_FILE,
  type FirstAccountRequest,
} from '@roundtable/server';

/**
 * Operator commands (also Nx targets): migrate, revert, reset, emit-schema, emit-permissions,
 * create-program.
 * They act on DATABASE_URL, or on the embedded database in DATA_DIR when it is unset (stop
 * `npm start` first: one embedded server per data folder).
 */
type Command = 'migrate' | 'revert' | 'reset' | 'emit-schema' | 'emit-permissions' | 'create-program';
const COMMANDS: readonly Command[] = [
  'migrate',
  'revert',
  'reset',
  'emit-schema',
  'emit-permissions',
  'create-program',
];

const CREATE_PROGRAM_USAGE =
  'create-program --name "Program name" --admin <email> [--admin-name "Full name"] ' +
  '[--supervisor <email>] [--supervisor-name "Full name"] [--supervisor-discipline CASE_MANAGEMENT]';

/** Reads create-program's options; throws OperatorError with the usage line when they are wrong. */
function createProgramRequest(args: string[]): { name: string; accounts: FirstAccountRequest[] } {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        admin: { type: 'string' },
        'admin-name': { type: 'string' },
        supervisor: { type: 'string' },
        'supervisor-name': { type: 'string' },
        'supervisor-discipline': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new OperatorError(
      `${error instanceof Error ? error.message : String(error)}. Usage: ${CREATE_PROGRAM_USAGE}`,
    );
  }
  if (!values.name || !values.admin)
    throw new OperatorError(`--name and --admin are required. Usage: ${CREATE_PROGRAM_USAGE}`);
  const accounts: FirstAccountRequest[] = [
    { signIn: values.admin, displayName: values['admin-name'], programRole: ProgramRole.ADMINISTRATOR },
  ];
  if (values.supervisor) {
    const discipline = (values['supervisor-discipline'] ?? Discipline.CASE_MANAGEMENT).toUpperCase();
    if (!Object.values(Discipline).includes(discipline as Discipline)) {
      throw new OperatorError(`--supervisor-discipline: one of ${Object.values(Discipline).join(', ')}`);
    }
    accounts.push({
      signIn: values.supervisor,
      displayName: values['supervisor-name'],
      programRole: ProgramRole.SUPERVISOR,
      discipline: discipline as Discipline,
    });
  } else if (values['supervisor-name'] || values['supervisor-discipline']) {
    throw new OperatorError('--supervisor-name and --supervisor-discipline need --supervisor');
  }
  return { name: values.name, accounts };
}

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

async function run(command: Command, config: AppConfig, args: string[]): Promise<void> {
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
    case 'emit-permissions':
      // The operations are read from the running app's metadata, as the drift test reads them.
      return withDatabase(config, async (databaseUrl) => {
        const app = await createServer({ config, databaseUrl, clock: new SystemClock() });
        await app.init();
        writeFileSync(PERMISSIONS_DOC, printPermissionsDoc(declaredOperations(app)));
        await app.close();
        console.log(`Wrote ${PERMISSIONS_DOC}`);
      });
    case 'create-program': {
      const request = createProgramRequest(args);
      return withDatabase(config, (url) =>
        withDataSource(url, async (dataSource) => {
          await runMigrations(dataSource);
          const created = await createProgram(dataSource, new SystemClock(), request);
          console.log(`Created the program "${created.name}" (${created.programId}).`);
          for (const account of created.accounts) {
            const role = account.programRole === ProgramRole.ADMINISTRATOR ? 'administrator' : 'supervisor';
            console.log(`\nFirst ${role}: ${account.signIn}`);
            console.log(`  set-up code: ${account.code}`);
            console.log(`  expires:     ${account.expiresAt.toISOString()}`);
          }
          console.log(
            '\nHand each code to its person, in person. It is shown only this once and works once: the person ' +
              'chooses their own password with the acceptStaffInvitation mutation, then signs in with the email above.',
          );
        }),
      );
    }
  }
}

const command = process.argv[2] as Command;
if (!COMMANDS.includes(command)) {
  console.error(`Usage: cli.js <${COMMANDS.join('|')}>`);
  process.exit(2);
}
run(command, loadConfig({ LOG_LEVEL: 'warn', ...process.env }), process.argv.slice(3)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
