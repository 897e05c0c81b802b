import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The instant the demo program's data was last dated (seeded, or moved forward on a start).
 * Each start moves the demo's dates forward by the whole weeks since then, so the fictional
 * program looks as fresh as on the day it was seeded (see redate-demo.ts). One row per demo
 * program; a real program never has one.
 */
export class DemoAnchor1763900000900 implements MigrationInterface {
  name = 'DemoAnchor1763900000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE demo_anchor (
        program_id uuid PRIMARY KEY REFERENCES program(id) ON DELETE CASCADE,
        dated_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE demo_anchor');
  }
}
