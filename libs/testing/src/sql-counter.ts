import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';

/**
 * Background work that runs on its own schedule (the realtime outbox's own UPDATEs: the mark
 * after delivery and the sweeper's claim), not per request. A mark carried by an edit's
 * statement is part of that statement, which is counted.
 */
const BACKGROUND = /^UPDATE plan_event SET published_at/;

/**
 * Counts the SQL statements sent to PostgreSQL while `work` runs, leaving out the outbox's
 * background statements. Counted where every statement passes, the `pg` client (TypeORM's
 * queries and the prepared ones alike), as the bench's probe counts them. The statements
 * still run against PostgreSQL.
 */
export async function countSqlStatements(app: INestApplication, work: () => Promise<unknown>): Promise<number> {
  return (await sqlStatements(app, work)).length;
}

/** The statements `countSqlStatements` counts, in the order they ran (whitespace folded). */
export async function sqlStatements(_app: INestApplication, work: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    await work();
    return spy.mock.calls
      .map(([query]) => textOf(query))
      .map((sql) => sql.replace(/\s+/g, ' ').trim())
      .filter((sql) => !BACKGROUND.test(sql));
  } finally {
    spy.mockRestore();
  }
}

/** A statement's text, given as a string or as a query config ({ text, name, values }). */
function textOf(query: unknown): string {
  if (typeof query === 'string') return query;
  const text = (query as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : String(query);
}
