import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the facilitator runs the room (start, move along the agenda, close), and may
 * name one co-facilitator from the team's staff attending the conference. Nullable: most
 * conferences have none. Who may actually run the room is checked at call time
 * (ConferencePolicy.runTheRoom, after the care-team membership check), never from this id alone.
 */
export class ConferenceCoFacilitator1763900000930 implements MigrationInterface {
  name = 'ConferenceCoFacilitator1763900000930';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE conference
        ADD COLUMN co_facilitator_id uuid REFERENCES account(id),
        ADD CONSTRAINT conference_co_facilitator_not_facilitator
          CHECK (co_facilitator_id IS NULL OR co_facilitator_id <> facilitator_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE conference DROP COLUMN co_facilitator_id');
  }
}
