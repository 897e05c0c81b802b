import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './stats';

/** The built API entry (npm run build). */
export const API_ENTRY = 'dist/apps/api/src/main.js';

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  logFile: string;
  /**
   * Statements sent so far (outbox statements apart), via the SQL probe. With API_PROCESSES > 1
   * the sum over the primary and every worker (each has its own probe, signalled in turn).
   */
  sqlCount(): Promise<{ statements: number; outbox: number }>;
  /** The process and, with API_PROCESSES > 1, its workers: what serves requests. */
  pids(): number[];
  stop(): Promise<void>;
}

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Child processes of `pid` (Linux /proc): a cluster primary's workers. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces): state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited(child);
  clearTimeout(timer);
}

/**
 * Starts the built API as `npm start` would, in production mode with a JWT secret the bench
 * knows, logging to a file; waits for "Roundtable API is ready" and reads its URL.
 */
export async function startApi(workDir: string, env: Record<string, string>): Promise<ApiProcess> {
  // api.log, then api-2.log, …: a later phase's API (memory) must not overwrite the realtime one's.
  let logFile = join(workDir, 'api.log');
  for (let n = 2; existsSync(logFile); n++) logFile = join(workDir, `api-${n}.log`);
  const probeFile = join(workDir, 'sql-probe.json');
  const probe = join(__dirname, 'sql-probe.js');
  const log = openSync(logFile, 'w');
  // BENCH_API_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the API under the bench's load.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, API_ENTRY], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_OPTIONS: `--require ${probe}`,
      BENCH_SQL_PROBE_FILE: probeFile,
      ...(process.env.BENCH_SQL_LOG ? { BENCH_SQL_LOG: process.env.BENCH_SQL_LOG } : {}),
      ...env,
    },
    stdio: ['ignore', log, log],
  });
  const started = Date.now();
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null)
      throw new Error(`The API exited before it was ready:\n${readFileSync(logFile, 'utf8')}`);
    if (Date.now() - started > 120_000) {
      await stopChild(child);
      throw new Error(`The API was not ready within 120 s; see ${logFile}`);
    }
    await sleep(100);
    for (const line of readFileSync(logFile, 'utf8').split('\n')) {
      if (!line.includes('Roundtable API is ready')) continue;
      try {
        url = (JSON.parse(line) as { url: string }).url.replace(/\/graphql$/, '');
      } catch {
        // a partial line: read again
      }
    }
  }
  const clustered = Number(env.API_PROCESSES ?? '1') > 1;
  const pids = () => (clustered ? [child.pid!, ...childPids(child.pid!)] : [child.pid!]);
  const countOf = async (pid: number) => {
    rmSync(probeFile, { force: true });
    process.kill(pid, 'SIGUSR2');
    for (let i = 0; i < 100 && !existsSync(probeFile); i++) await sleep(10);
    await sleep(5);
    return JSON.parse(readFileSync(probeFile, 'utf8')) as { statements: number; outbox: number };
  };
  return {
    child,
    url,
    logFile,
    pids,
    sqlCount: async () => {
      const total = { statements: 0, outbox: 0 };
      for (const pid of pids()) {
        const count = await countOf(pid);
        total.statements += count.statements;
        total.outbox += count.outbox;
      }
      return total;
    },
    stop: () => stopChild(child),
  };
}

/** A bench worker (load generator or bare baseline server) in its own Node process, spoken to over IPC. */
export class Worker {
  readonly child: ChildProcess;
  private readonly pending: ((message: WorkerMessage) => void)[] = [];
  private readonly stderr: string[] = [];

  constructor(script: string, args: string[] = []) {
    this.child = fork(join(__dirname, script), args, {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      execArgv: ['--max-old-space-size=4096'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString());
      process.stderr.write(chunk);
    });
    this.child.on('message', (message: WorkerMessage) => this.pending.shift()?.(message));
    this.child.on('exit', (code) => {
      for (const resolve of this.pending.splice(0))
        resolve({ type: 'error', error: `worker ${script} exited (${code}): ${this.stderr.join('').slice(-2000)}` });
    });
  }

  /** Sends a request and waits for the worker's next message. */
  request<T = unknown>(message: object): Promise<T> {
    return new Promise((resolve, reject) => {
      this.pending.push((answer) =>
        answer.type === 'error' ? reject(new Error(String(answer.error))) : resolve(answer as T),
      );
      this.child.send(message);
    });
  }

  /** Waits for the worker's next message without sending anything. */
  next<T = unknown>(): Promise<T> {
    return new Promise((resolve, reject) =>
      this.pending.push((answer) =>
        answer.type === 'error' ? reject(new Error(String(answer.error))) : resolve(answer as T),
      ),
    );
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

export type WorkerMessage = { type: 'error'; error: string } | { type: string; [key: string]: unknown };
