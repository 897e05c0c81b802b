import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotency key is bound to the request it was first used with (issue 13, finding 9):
 * the hash of that request's input. Rows written before this have none and keep working.
 */
export class IdempotencyInputHash1763900000400 implements MigrationInterface {
  name = 'IdempotencyInputHash1763900000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE idempotency_key ADD COLUMN input_hash text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE idempotency_key DROP COLUMN input_hash');
  }
}
