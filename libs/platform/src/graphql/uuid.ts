import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from './app-errors';

/** A canonical UUID (any version). Ids are random UUIDs; anything else names nothing. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * For bare `ID` arguments: a value that is not a UUID cannot name anything, so it answers
 * exactly like an unknown id (NOT_FOUND) instead of reaching PostgreSQL as a bad cast.
 */
@Injectable()
export class IdPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown): unknown {
    if (value === undefined || value === null) return value;
    if (!isUuid(value)) throw notFound();
    return value;
  }
}
