/** Pieces the default profiles (main.ts) and the --scaling profile (scaling.ts) share. */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { graphql, JsonClient } from './http';
import { nodeSupport } from './node-version';
import { startApi, type ApiProcess, type Worker } from './processes';
import type { Machine } from './report';
import { recreateDatabase, type Room } from './seed';
import { sleep } from './stats';

export const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

export interface BenchDatabase {
  workDir: string;
  databaseUrl: string;
  /** What every API process is started with (the bench signs tokens with this secret). */
  apiEnv: { DATABASE_URL: string; JWT_SECRET: string; ACCESS_TOKEN_TTL_SECONDS: string };
  secret: string;
  embedded: boolean;
  cleanup(): Promise<void>;
}

/**
 * A work folder and the bench's own database: on DATABASE_URL's server, or on an embedded
 * PostgreSQL when there is none.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const workDir = mkdtempSync(join(tmpdir(), 'roundtable-bench-'));
  // An embedded PostgreSQL run as root drops to the `postgres` user, who must reach its folder.
  chmodSync(workDir, 0o755);
  const secret = randomBytes(32).toString('base64url');
  let embedded: { adminUrl: string; stop(): Promise<void> } | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    log('no DATABASE_URL: starting an embedded PostgreSQL');
    const { startEmbeddedPostgres } = await import('@roundtable/platform');
    embedded = await startEmbeddedPostgres({ dataDir: join(workDir, 'pg'), database: 'postgres', log: () => {} });
    serverUrl = embedded.adminUrl;
  }
  const databaseUrl = await recreateDatabase(serverUrl);
  return {
    workDir,
    databaseUrl,
    secret,
    apiEnv: { DATABASE_URL: databaseUrl, JWT_SECRET: secret, ACCESS_TOKEN_TTL_SECONDS: '14400' },
    embedded: Boolean(embedded),
    cleanup: async () => {
      await embedded?.stop();
      rmSync(join(workDir, 'pg'), { recursive: true, force: true });
    },
  };
}

/**
 * One bench run's processes: its database, the API (restarted by some measurements) and the
 * workers it starts; opened after checking the open-files limit, closed whatever happened.
 */
export class BenchRun {
  readonly workers: Worker[] = [];

  private constructor(
    readonly bench: BenchDatabase,
    readonly db: Client,
    public api: ApiProcess,
  ) {}

  /** `needed` open files for the sockets it will hold; `describe` says what the run does, given its log folder. */
  static async open(needed: number, describe: (workDir: string) => string): Promise<BenchRun> {
    if (openFilesLimit() < needed) {
      throw new Error(`The open-files limit (${openFilesLimit()}) is below ${needed}: run "ulimit -n ${needed}" first`);
    }
    const bench = await openBenchDatabase();
    log(describe(bench.workDir));
    const node = nodeSupport();
    if (!node.supported)
      log(
        `WARNING: Node ${process.version} is outside package.json's engines (${node.engines}); the API runs on it here, so these figures are not the product's`,
      );
    const api = await startApi(bench.workDir, bench.apiEnv);
    log(`API ready at ${api.url} (pid ${api.child.pid})`);
    const db = new Client({ connectionString: bench.databaseUrl });
    await db.connect();
    return new BenchRun(bench, db, api);
  }

  /** A fresh API process (or processes: API_PROCESSES in `env`) in place of the running one. */
  async restartApi(env: Record<string, string> = this.bench.apiEnv): Promise<ApiProcess> {
    await this.api.stop();
    this.api = await startApi(this.bench.workDir, env);
    return this.api;
  }

  async close(): Promise<void> {
    await this.db.end().catch(() => undefined);
    for (const worker of this.workers) await worker.stop();
    await this.api.stop();
    await this.bench.cleanup();
  }
}

/** The report as JSON too, when --json names a file. */
export function writeJsonReport(file: string | undefined, report: unknown): void {
  if (!file) return;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`figures written to ${file}`);
}

/** The machine block of every report. */
export async function machineInfo(db: Client, bench: BenchDatabase, started: number): Promise<Machine> {
  const { rows } = await db.query<{ version: string }>('SELECT version()');
  return {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    nodeSupported: nodeSupport().supported,
    postgres: rows[0].version.split(' on ')[0],
    database: bench.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server',
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    date: new Date().toISOString(),
  };
}

export function openFilesLimit(): number {
  const match = /Max open files\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !match || match[1] === 'unlimited' ? Infinity : Number(match[1]);
}

export async function sqlPerRequest(api: ApiProcess, query: string, token: string, participantId: string, n = 20) {
  const client = new JsonClient(`${api.url}/graphql`, 1);
  await graphql(client, query, { participantId }, token);
  await sleep(200);
  const before = await api.sqlCount();
  for (let i = 0; i < n; i++) await graphql(client, query, { participantId }, token);
  const after = await api.sqlCount();
  client.close();
  return (after.statements - before.statements) / n;
}

/** SQL statements per step edit (done, then reopened: the mean of both), sent one at a time. */
export async function sqlPerMutation(api: ApiProcess, room: Room, db: Client, n = 10) {
  const client = new JsonClient(`${api.url}/graphql`, 1);
  const stepId = room.editableStepIds[0];
  const { rows } = await db.query<{ version: number; done: boolean }>(
    'SELECT version, done_at IS NOT NULL AS done FROM step WHERE id = $1',
    [stepId],
  );
  let { version, done } = rows[0];
  const edit = async () => {
    const data = await graphql<{ setStepDone: { version: number; done: boolean } }>(
      client,
      'mutation($input: SetStepDoneInput!) { setStepDone(input: $input) { id version done } }',
      { input: { stepId, expectedVersion: version, done: !done } },
      room.staff[0].token,
    );
    ({ version, done } = data.setStepDone);
  };
  await edit();
  await sleep(200);
  const before = await api.sqlCount();
  for (let i = 0; i < n; i++) await edit();
  await sleep(200);
  const after = await api.sqlCount();
  client.close();
  return { statements: (after.statements - before.statements) / n, outbox: (after.outbox - before.outbox) / n };
}

export async function stepStates(db: Client, rooms: Room[]) {
  const ids = rooms.flatMap((room) => room.editableStepIds);
  const { rows } = await db.query<{
    id: string;
    participant_id: string;
    label: string;
    text: string;
    version: number;
    done: boolean;
  }>('SELECT id, participant_id, label, text, version, done_at IS NOT NULL AS done FROM step WHERE id = ANY($1)', [
    ids,
  ]);
  return new Map(rows.map((row) => [row.id, row]));
}
