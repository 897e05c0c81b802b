// Shared by `npm run screenshots` and `npm run bench:web`: the built API on a throwaway
// database with the demo data, and Debian's Chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { CHROMIUM_PATH, startChromium } from './chromium.mjs';

/** The demo accounts' passphrase (the API's DEMO_PASSWORD, or the demo's default). */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'roundtable-demo';

export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(
      `Chromium was not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  return startChromium();
}

/**
 * DATABASE_URL's server (a fresh database, dropped afterwards) or the embedded PostgreSQL in a
 * temporary folder; BASE_URL=http://… uses an API that is already running instead.
 */
export async function startDemoApi() {
  if (process.env.BASE_URL) return { url: process.env.BASE_URL, stop: async () => {} };
  const env = { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test' };
  let cleanup = async () => {};
  if (process.env.DATABASE_URL) {
    const database = `roundtable_web_tools_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${database}`;
    Object.assign(env, { DATABASE_URL: url.toString(), SEED_DEMO: 'true' });
    cleanup = async () => {
      const again = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await again.end();
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-screens-'));
    env.DATA_DIR = dataDir;
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'Roundtable API is ready') resolve(entry.url.replace(/\/graphql$/, ''));
      } catch {
        // not a log line
      }
    });
    child.once('exit', () => reject(new Error('the API exited before it was ready')));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await cleanup();
    },
  };
}
