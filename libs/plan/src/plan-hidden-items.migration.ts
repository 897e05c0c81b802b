import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items the participant hid from the shared record (e.g. a win they don't count): their
 * events leave every timeline, while the rows themselves are never deleted.
 */
export class PlanHiddenItems1763800000250 implements MigrationInterface {
  name = 'PlanHiddenItems1763800000250';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hidden_plan_item (
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        item_id uuid NOT NULL,
        hidden_at timestamptz NOT NULL,
        PRIMARY KEY (participant_id, item_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE hidden_plan_item');
  }
}
