import { Client } from 'pg';

/** A database URL with the password masked, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Connects once to prove the database is reachable before anything else starts, so a
 * wrong DATABASE_URL stops start-up with one clear line instead of a retry loop.
 */
export async function checkDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason =
      error instanceof Error ? ((error as Error & { code?: string }).code ?? error.message) : String(error);
    throw new Error(`Cannot reach the database at ${describeDatabaseUrl(url)} (DATABASE_URL): ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
