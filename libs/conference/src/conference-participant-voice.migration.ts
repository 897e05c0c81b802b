import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Presence and agreement are the participant's (PRODUCT.md rules 2, 3): staff setting
 * "attends" is an invitation (`participant_invited`); a co-signed answer says so.
 * Conferences still open where only staff said the participant attends keep the invitation
 * and lose the presence: the participant marks it themselves.
 */
export class ConferenceParticipantVoice1763900000220 implements MigrationInterface {
  name = 'ConferenceParticipantVoice1763900000220';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE conference ADD COLUMN participant_invited boolean NOT NULL DEFAULT false');
    await db.query('UPDATE conference SET participant_invited = participant_attends');
    await db.query(`
      UPDATE conference c SET participant_attends = false, version = version + 1
       WHERE c.participant_attends AND c.status <> 'CLOSED'
         AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = c.created_by AND a.kind = 'PARTICIPANT')`);
    await db.query('ALTER TABLE decision ADD COLUMN co_signed boolean NOT NULL DEFAULT false');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE decision DROP COLUMN co_signed');
    await db.query('ALTER TABLE conference DROP COLUMN participant_invited');
  }
}
