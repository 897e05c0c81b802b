import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { API_ENTRY, createTestDatabase, type TestDatabase } from '@roundtable/testing';

const SECRET = 'process-lifecycle-test-secret-0123456789';

interface Running {
  child: ChildProcess;
  port: number;
  lines: string[];
  exited: Promise<number | null>;
  /** Resolves with the first stdout line matching `pattern` (already seen or still to come). */
  line(pattern: RegExp): Promise<string>;
}

/** Starts the built API as its own process on a free port, as `npm start` or Docker would. */
function startApi(database: TestDatabase, env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [API_ENTRY], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: database.url, JWT_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((candidate) => candidate.pattern.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const seen = lines.find((candidate) => pattern.test(candidate));
      if (seen) resolve(seen);
      else waiters.push({ pattern, resolve });
    });
  return Promise.race([
    line(/Roundtable API is ready/).then((ready) => ({
      child,
      lines,
      exited,
      line,
      port: Number(/127\.0\.0\.1:(\d+)/.exec(ready)![1]),
    })),
    exited.then((code): Running => {
      throw new Error(`the API exited with ${code} before it was ready: ${lines.join('\n')}`);
    }),
  ]);
}

jest.setTimeout(120_000);

describe('the API process: logs and a graceful stop', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('logs one JSON object per line in production-like runs, without Nest start-up chatter at info', async () => {
    const api = await startApi(database, { NODE_ENV: 'test', LOG_LEVEL: 'info' });
    try {
      await fetch(`http://127.0.0.1:${api.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-real-token' },
        body: JSON.stringify({ query: '{ serverInfo { version } }' }),
      });
      // One access line a request: the request line and the status, never headers or body.
      const access = JSON.parse(await api.line(/request completed/));
      expect([access.req, access.res]).toEqual([
        { id: expect.anything(), method: 'POST', url: '/graphql' },
        { statusCode: 200 },
      ]);
      expect(typeof access.responseTime).toBe('number');
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited).toBe(0);
    for (const line of api.lines) expect(() => JSON.parse(line)).not.toThrow();
    const text = api.lines.join('\n');
    expect(text).not.toMatch(/InstanceLoader|RouterExplorer|RoutesResolver|dependencies initialized|Mapped \{/);
    expect(text).toMatch(/Roundtable API stopped/);
  });

  it('logs readable lines in development (pino-pretty)', async () => {
    const api = await startApi(database, { NODE_ENV: 'development', LOG_LEVEL: 'info', SEED_DEMO: 'false' });
    const ready = await api.line(/Roundtable API is ready/);
    expect(() => JSON.parse(ready)).toThrow();
    expect(ready).toMatch(/INFO/);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });

  it('on SIGTERM stops taking connections but answers the request it was already receiving, then exits 0', async () => {
    const api = await startApi(database, { NODE_ENV: 'test', LOG_LEVEL: 'info' });
    const body = JSON.stringify({ query: '{ __typename }' });
    // A request whose body is still arriving when the signal comes.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const slow = request(
        {
          host: '127.0.0.1',
          port: api.port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      slow.on('error', reject);
      slow.write(body.slice(0, 5));
      void api.line(/"inFlight":1/).then(() => slow.end(body.slice(5)));
    });
    // The server has the request once another connection's request is answered after it.
    expect((await fetch(`http://127.0.0.1:${api.port}/health/live`)).status).toBe(200);
    api.child.kill('SIGTERM');
    await api.line(/Stopping: finishing requests in flight/);
    await expect(fetch(`http://127.0.0.1:${api.port}/health/live`)).rejects.toThrow();
    expect(await answer).toEqual({ status: 200, text: expect.stringContaining('"__typename":"Query"') });
    expect(await api.exited).toBe(0);
  });
});
