import { spawn } from 'node:child_process';
import { API_ENTRY, createTestDatabase, DEMO_EMAILS, startApiProcess, type TestDatabase } from '@roundtable/testing';

interface Exit {
  code: number | null;
  stderr: string;
}

/** Runs the built API entry point the way `npm start` does, with only `env` set, until it stops by itself. */
function runApi(env: Record<string, string>): { exited: Promise<Exit> } {
  const child = spawn(process.execPath, [API_ENTRY], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return { exited };
}

describe('the API process (built entry point)', () => {
  it.each([
    ['a DATABASE_URL that is not a URL', 'not a url at all', /DATABASE_URL must be a postgres:\/\/ URL/],
    [
      'a DATABASE_URL of another database kind',
      'mysql://root:pw@127.0.0.1/x',
      /DATABASE_URL must be a postgres:\/\/ URL/,
    ],
    [
      'a DATABASE_URL nobody answers at',
      'postgres://u:pw-not-shown@127.0.0.1:1/none',
      /Cannot reach the database at 127\.0\.0\.1:1\/none \(DATABASE_URL\): ECONNREFUSED/,
    ],
  ])('stops with one clear line for %s', async (_case, url, message) => {
    const { exited } = runApi({ DATABASE_URL: url });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Roundtable could not start: /);
    expect(lines[0]).toMatch(message);
    expect(stderr).not.toContain('pw-not-shown');
  });

  it('refuses to seed demo accounts in production', async () => {
    const { exited } = runApi({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/rt',
      JWT_SECRET: 'x'.repeat(32),
      SEED_DEMO: 'true',
    });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/SEED_DEMO must not be set in production/);
  });

  it('stops with one clear line when production lacks its secret', async () => {
    const { exited } = runApi({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/rt' });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Roundtable could not start: Invalid configuration: JWT_SECRET is required in production',
    );
  });

  describe('with a reachable database', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase({ empty: true });
    });
    afterAll(() => database.drop());

    it('migrates, seeds the demo on request, serves /graphql and /health/ready, and stops on SIGTERM', async () => {
      const api = await startApiProcess({ DATABASE_URL: database.url, SEED_DEMO: 'true' });
      const { url } = api;

      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      const graphql = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ serverInfo { version } }' }),
      });
      expect(await graphql.json()).toEqual({ data: { serverInfo: { version: expect.any(String) } } });

      for (const identifier of DEMO_EMAILS) {
        const login = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query:
              'mutation L($i: String!, $p: String!) { login(identifier: $i, password: $p) { account { displayName } } }',
            variables: { i: identifier, p: 'roundtable-demo' },
          }),
        });
        const body = (await login.json()) as { data?: { login: { account: { displayName: string } } } };
        expect(body.data?.login.account.displayName).toEqual(expect.any(String));
      }

      await api.kill('SIGTERM');
      expect(api.child.exitCode).toBe(0);
    });
  });
});
