import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * plan_event doubles as the transactional outbox: `published_at` is set once an event was
 * handed to realtime delivery; `recorded_at` is the database's own commit-side clock, so a
 * sweeper on any node can find events a crashed node committed but never published.
 */
export class PlanOutbox1763800000270 implements MigrationInterface {
  name = 'PlanOutbox1763800000270';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE plan_event ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now()');
    await db.query('ALTER TABLE plan_event ADD COLUMN published_at timestamptz');
    // Existing events were delivered (or had nobody to deliver to) before the outbox existed.
    await db.query('UPDATE plan_event SET published_at = recorded_at');
    await db.query('CREATE INDEX plan_event_unpublished_idx ON plan_event (recorded_at) WHERE published_at IS NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX plan_event_unpublished_idx');
    await db.query('ALTER TABLE plan_event DROP COLUMN published_at');
    await db.query('ALTER TABLE plan_event DROP COLUMN recorded_at');
  }
}
