import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The goal ranking gets its own version. The plan's version guards only the vision, so
 * re-ranking goals a viewer cannot see no longer moves a number that viewer can see.
 */
export class PlanRankingVersion1763800000260 implements MigrationInterface {
  name = 'PlanRankingVersion1763800000260';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE plan ADD COLUMN ranking_version integer NOT NULL DEFAULT 1');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE plan DROP COLUMN ranking_version');
  }
}
