import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions per viewer (issue 13, finding 6; ARCHITECTURE.md "Versions … never move because
 * of something hidden"): how often the room's position moved as each set of visible labels
 * sees it. A viewer's Conference.version is `version` plus their label set's count.
 */
export class ConferenceRoomVersions1763900000401 implements MigrationInterface {
  name = 'ConferenceRoomVersions1763900000401';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE conference ADD COLUMN room_versions jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE conference DROP COLUMN room_versions');
  }
}
