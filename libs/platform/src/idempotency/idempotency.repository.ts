import type { EntityManager } from 'typeorm';

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
