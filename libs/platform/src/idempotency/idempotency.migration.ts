import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Remembered results of create mutations, so a retried request returns the first result. */
export class Idempotency1763800000050 implements MigrationInterface {
  name = 'Idempotency1763800000050';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_key (
        actor uuid NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 8 AND 100),
        operation text NOT NULL,
        result_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE idempotency_key');
  }
}
