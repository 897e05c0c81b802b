import { Client } from 'pg';
import { bySecond, nowMs, summarize, type LatencySummary, type SecondSummary } from './stats';
import type { CommitProbeResult } from './protocol';

/** How often the probe commits: often enough to see every stall of a tenth of a second. */
const EVERY_MS = 50;

/**
 * The database's own commit latency while the API is under load: on a connection of its own,
 * a one-row INSERT (one WAL flush, like every edit's commit) every 50 ms, timed. When edits
 * are slow in the same seconds as these commits, the stall was the database's (its WAL
 * flush, a checkpoint, the machine's disk), not the API's; when only edits are slow, it was
 * the API's. A probe still waiting when the next is due is not doubled: the one waiting
 * carries the stall. Its table lives only in the bench's own database.
 */
export async function startCommitProbe(databaseUrl: string): Promise<{ stop(): Promise<CommitProbeResult> }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('CREATE TABLE IF NOT EXISTS bench_commit_probe (at timestamptz NOT NULL)');
  const samples: { startedAt: number; ms: number }[] = [];
  const start = nowMs();
  let waiting = false;
  let errors = 0;
  const timer = setInterval(() => {
    if (waiting) return;
    waiting = true;
    const startedAt = nowMs();
    db.query('INSERT INTO bench_commit_probe (at) VALUES (now())').then(
      () => {
        samples.push({ startedAt, ms: nowMs() - startedAt });
        waiting = false;
      },
      () => {
        errors++;
        waiting = false;
      },
    );
  }, EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      while (waiting) await new Promise((resolve) => setTimeout(resolve, 10));
      await db.end();
      const latency: LatencySummary = summarize(samples.map((sample) => sample.ms));
      const seconds: SecondSummary[] = bySecond(samples, start);
      return { latency, bySecond: seconds, errors };
    },
  };
}
