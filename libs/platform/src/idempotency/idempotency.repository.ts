import type { EntityManager } from 'typeorm';
import type { SqlPart } from '../database/one-statement.repository';

/** What an idempotency key was first used for. */
export interface SeenKey {
  operation: string;
  result_id: string;
  input_hash: string | null;
}

const SEEN_KEY = 'SELECT operation, result_id, input_hash FROM idempotency_key WHERE actor = $1 AND key = $2';
const RECORD_KEY =
  'INSERT INTO idempotency_key (actor, key, operation, result_id, input_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING';

/**
 * The idempotency_key table's statements; createOnce and changeOnce keep the rules. Built on
 * the caller's manager (a transaction's for createOnce, the data source's for changeOnce).
 */
export class IdempotencyRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * The key's row as the last gate of a single-statement write (issue 18): it is written
   * only when the write goes on, and answers no row when the key is already there (a
   * concurrent first request holding it makes this wait until it commits or rolls back).
   */
  static recordPart(
    actor: string,
    key: string,
    operation: string,
    resultId: string,
    inputHash: string | null,
  ): SqlPart {
    return (p, when) => `INSERT INTO idempotency_key (actor, key, operation, result_id, input_hash)
      SELECT ${p.add(actor)}::uuid, ${p.add(key)}, ${p.add(operation)}, ${p.add(resultId)}::uuid, ${p.add(inputHash)}::text
       WHERE ${when}
      ON CONFLICT DO NOTHING RETURNING result_id`;
  }

  /** Concurrent retries with one key queue here until the transaction ends. */
  async lockKey(actor: string, key: string): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${actor}:${key}`]);
  }

  async seen(actor: string, key: string): Promise<SeenKey | undefined> {
    const [seen]: SeenKey[] = await this.manager.query(SEEN_KEY, [actor, key]);
    return seen;
  }

  async record(
    actor: string,
    key: string,
    operation: string,
    resultId: string,
    inputHash: string | null,
  ): Promise<void> {
    await this.manager.query(RECORD_KEY, [actor, key, operation, resultId, inputHash]);
  }
}
