import { badUserInput } from './app-errors';
import { isUuid } from './uuid';

/** An opaque cursor for lists ordered by (time, id): it reveals no position or count. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !isUuid(id)) throw new Error('bad cursor');
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
