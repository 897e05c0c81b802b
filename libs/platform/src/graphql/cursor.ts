import type { SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './app-errors';
import { isUuid } from './uuid';

/** An opaque cursor for lists ordered by (time, id): it reveals no position or count. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

/** Cursors carry times this service wrote; anything outside years 1-9999 PostgreSQL cannot even compare. */
const EARLIEST_CURSOR_TIME = Date.parse('0001-01-01T00:00:00Z');
const LATEST_CURSOR_TIME = Date.parse('9999-12-31T23:59:59.999Z');

export function decodeCursor(cursor: string, field = 'after'): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = typeof at === 'string' ? new Date(at) : new Date(NaN);
    const time = date.getTime();
    if (Number.isNaN(time) || time < EARLIEST_CURSOR_TIME || time > LATEST_CURSOR_TIME || !isUuid(id)) {
      throw new Error('bad cursor');
    }
    return { at: date, id };
  } catch {
    throw badUserInput(field, `${field}: not a cursor from this list`);
  }
}

export const MAX_PAGE_SIZE = 100;

export function checkPageSize(first: number, field = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(field, `${field}: between 1 and ${MAX_PAGE_SIZE}`);
  }
}

export interface NewestFirstPage<T> {
  edges: { cursor: string; row: T }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * One page of `query`, newest first by (`timeColumn`, id), after an opaque cursor. Filters
 * already on the query apply before the limit, so `hasNextPage` counts only what it selects.
 */
export async function newestFirstPage<T extends { id: string }>(
  query: SelectQueryBuilder<T>,
  timeColumn: string,
  timeOf: (row: T) => Date,
  first: number,
  after?: string | null,
): Promise<NewestFirstPage<T>> {
  checkPageSize(first);
  const alias = query.alias;
  query
    .orderBy(`${alias}.${timeColumn}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(first + 1);
  if (after) {
    const { at, id } = decodeCursor(after);
    query.andWhere(`(${alias}.${timeColumn}, ${alias}.id) < (:cursorAt, :cursorId)`, { cursorAt: at, cursorId: id });
  }
  const rows = await query.getMany();
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(timeOf(row), row.id), row }));
  return { edges, hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null };
}
