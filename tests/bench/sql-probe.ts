/**
 * Loaded into the API process only by the bench (NODE_OPTIONS=--require): counts every SQL
 * statement the process sends through `pg` (TypeORM and raw queries alike). On SIGUSR2 it
 * writes the running count to BENCH_SQL_PROBE_FILE. Statements of the realtime outbox
 * (its own UPDATEs of published_at: the sweeper and the after-delivery mark) are counted
 * apart, as libs/testing's countSqlStatements does. Nothing here changes what runs.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as typeof import('pg');

const counts = { statements: 0, outbox: 0 };
const file = process.env.BENCH_SQL_PROBE_FILE;
/** BENCH_SQL_LOG=FILE also appends every statement's text (for profiling by hand). */
const logFile = process.env.BENCH_SQL_LOG;

type Query = (this: unknown, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function query(this: unknown, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === 'string' ? first : (first as { text?: unknown } | undefined)?.text;
  if (typeof text === 'string' && /^\s*UPDATE plan_event SET published_at/.test(text)) counts.outbox++;
  else counts.statements++;
  if (logFile) appendFileSync(logFile, `${String(text).replace(/\s+/g, ' ')}\n`);
  return original.apply(this, args);
};

if (file) {
  process.on('SIGUSR2', () => writeFileSync(file, JSON.stringify({ ...counts, at: Date.now() })));
}
