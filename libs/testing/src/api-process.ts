import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export const API_ENTRY = 'dist/apps/api/src/main.js';

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  /** stderr so far, for failure messages. */
  stderr(): string;
  /** Every stdout line so far (the JSON log), for tests that check what was logged. */
  stdoutLines(): string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built API as its own process (as `npm start` would) and waits until it is ready. */
export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, [API_ENTRY], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const seen: string[] = [];
    lines.on('line', (line) => {
      seen.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Roundtable API is ready' && entry.url) {
          resolve({
            child,
            url: entry.url.replace(/\/graphql$/, ''),
            stderr: () => stderr,
            stdoutLines: () => [...seen],
            kill: async (signal = 'SIGTERM') => {
              if (child.exitCode === null) child.kill(signal);
              await exited;
            },
          });
        }
      } catch {
        // not a log line
      }
    });
    void exited.then(() => reject(new Error(`API process exited before it was ready: ${stderr}`)));
  });
}
