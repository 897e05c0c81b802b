import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A setback the participant co-signed on a team member's screen says so (PRODUCT.md rule 3). */
export class OutcomesParticipantVoice1763900000210 implements MigrationInterface {
  name = 'OutcomesParticipantVoice1763900000210';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE setback ADD COLUMN co_signed boolean NOT NULL DEFAULT false');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE setback DROP COLUMN co_signed');
  }
}
