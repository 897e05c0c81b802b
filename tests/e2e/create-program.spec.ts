import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  createTestDatabase,
  GraphQLTestClient,
  startApiProcess,
  type ApiProcess,
  type TestDatabase,
} from '@roundtable/testing';

const run = promisify(execFile);
const CLI = 'dist/apps/api/src/cli.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the operator CLI as `npm run cli -- …` does (the jest set-up has built dist/). */
async function cli(databaseUrl: string, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The set-up code printed under "First <role>: <name>". */
function codeFor(stdout: string, role: string, name: string): string {
  const match = stdout.match(new RegExp(`First ${role}: ${name}\\n\\s+set-up code: (\\S+)`));
  if (!match) throw new Error(`no ${role} code in: ${stdout}`);
  return match[1];
}

jest.setTimeout(60_000);

describe('create-program: first-run set-up of a real program (operator CLI)', () => {
  let database: TestDatabase;
  let api: ApiProcess;
  let gql: GraphQLTestClient;
  let first: CliResult;

  beforeAll(async () => {
    // A real PostgreSQL database (migrated from the run's template; the command also
    // applies any pending migration first, as on a new server).
    database = await createTestDatabase();
    first = await cli(database.url, [
      'create-program',
      '--name',
      'Eastside Housing First',
      '--admin',
      'robin@eastside.example',
      '--admin-name',
      'Robin Admin',
      '--supervisor',
      'dana@eastside.example',
      '--supervisor-discipline',
      'housing',
    ]);
    api = await startApiProcess({ DATABASE_URL: database.url, JWT_SECRET: 'create-program-test-secret-0123456789' });
    gql = new GraphQLTestClient(api.url);
  }, 120_000);
  afterAll(async () => {
    await api?.kill();
    await database.drop();
  });

  it('creates the program and prints a one-time code for the administrator and the supervisor', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Created the program "Eastside Housing First"/);
    expect(codeFor(first.stdout, 'administrator', 'robin@eastside.example')).toMatch(
      /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/,
    );
    expect(codeFor(first.stdout, 'supervisor', 'dana@eastside.example')).toMatch(/^[A-Z0-9]{4}-/);
  });

  it('the administrator chooses a password with the code, signs in over HTTP and manages the program', async () => {
    const code = codeFor(first.stdout, 'administrator', 'robin@eastside.example');
    const password = 'a long first password';
    const accepted = await gql.data<{ acceptStaffInvitation: { account: { displayName: string } } }>(
      'mutation ($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { account { displayName } } }',
      { input: { code, password } },
    );
    expect(accepted.acceptStaffInvitation.account.displayName).toBe('Robin Admin');

    // The code worked once.
    const again = await gql.request(
      'mutation ($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { accessToken } }',
      { input: { code, password } },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const login = await gql.data<{ login: { accessToken: string } }>(
      'mutation ($id: String!, $pw: String!) { login(identifier: $id, password: $pw) { accessToken } }',
      { id: 'Robin@Eastside.example', pw: password },
    );
    const token = login.login.accessToken;
    const me = await gql.data<{ me: { programRole: string; kind: string } }>(
      '{ me { programRole kind } }',
      {},
      { token },
    );
    expect(me.me).toEqual({ programRole: 'ADMINISTRATOR', kind: 'STAFF' });
    const accounts = await gql.data<{
      programAccounts: { displayName: string; programRole: string; discipline: string | null }[];
    }>('{ programAccounts { displayName programRole discipline } }', {}, { token });
    expect(accounts.programAccounts).toEqual(
      expect.arrayContaining([
        { displayName: 'Robin Admin', programRole: 'ADMINISTRATOR', discipline: null },
        { displayName: 'dana@eastside.example', programRole: 'SUPERVISOR', discipline: 'HOUSING' },
      ]),
    );
    expect(accounts.programAccounts).toHaveLength(2);
  });

  it('refuses to run twice for the same program, whatever the case of its name, and changes nothing', async () => {
    const second = await cli(database.url, [
      'create-program',
      '--name',
      'eastside housing first',
      '--admin',
      'someone@eastside.example',
    ]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/a program named "eastside housing first" exists already/);
    const count = await cli(database.url, [
      'create-program',
      '--name',
      'Another program',
      '--admin',
      'robin@eastside.example',
    ]);
    expect(count.code).toBe(1);
    expect(count.stderr).toMatch(/robin@eastside.example: an account signs in with this email already/);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query(
        'SELECT (SELECT count(*) FROM program)::int AS programs, (SELECT count(*) FROM account)::int AS accounts',
      );
      expect(rows.rows[0]).toEqual({ programs: 1, accounts: 2 });
    } finally {
      await client.end();
    }
  });

  it('refuses a call without an administrator, with the usage line, and a sign-in that is not an email', async () => {
    const result = await cli(database.url, ['create-program', '--name', 'No admin']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--name and --admin are required\. Usage: create-program/);
    const noEmail = await cli(database.url, ['create-program', '--name', 'No email', '--admin', 'robin']);
    expect(noEmail.code).toBe(1);
    expect(noEmail.stderr).toMatch(/robin: staff sign in with an email address/);
  });
});
