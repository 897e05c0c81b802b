import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An entry can be overtaken by the participant's own act (they answered the decision
 * themselves): it is then SUPERSEDED, no longer waiting, and never applied.
 */
export class PlanWrittenWithYouSuperseded1763900000230 implements MigrationInterface {
  name = 'PlanWrittenWithYouSuperseded1763900000230';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE written_with_you DROP CONSTRAINT written_with_you_status_check');
    await db.query(`
      ALTER TABLE written_with_you ADD CONSTRAINT written_with_you_status_check
        CHECK (status IN ('WAITING', 'CO_SIGNED', 'CONFIRMED', 'CHANGED', 'DECLINED', 'SUPERSEDED'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE written_with_you SET status = 'DECLINED' WHERE status = 'SUPERSEDED'`);
    await db.query('ALTER TABLE written_with_you DROP CONSTRAINT written_with_you_status_check');
    await db.query(`
      ALTER TABLE written_with_you ADD CONSTRAINT written_with_you_status_check
        CHECK (status IN ('WAITING', 'CO_SIGNED', 'CONFIRMED', 'CHANGED', 'DECLINED'))`);
  }
}
