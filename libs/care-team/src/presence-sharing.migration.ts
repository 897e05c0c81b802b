import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the participant lets their care team see when they are in their plan's live room
 * (presence). Off unless the participant turns it on. Only the choice is stored: there is
 * deliberately no "last seen" or "online at" column anywhere.
 */
export class PresenceSharing1763900000920 implements MigrationInterface {
  name = 'PresenceSharing1763900000920';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE participant ADD COLUMN share_presence_with_team boolean NOT NULL DEFAULT false');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE participant DROP COLUMN share_presence_with_team');
  }
}
