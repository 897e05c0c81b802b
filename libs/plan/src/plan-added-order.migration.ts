import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['goal', 'step', 'strategy', 'offer'] as const;

/**
 * Goals, steps, strategies and offers are listed in the order they were added. Their creation
 * time alone does not say that: two added in the same millisecond (a decision that adds several,
 * or the demo written under one frozen clock) tied, and the random id then decided, so a printed
 * plan could change its order between two downloads. An identity column records the order of
 * insertion; existing rows are numbered in their creation order.
 */
export class PlanAddedOrder1763900000800 implements MigrationInterface {
  name = 'PlanAddedOrder1763900000800';

  async up(db: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN added_order bigint`);
      await db.query(
        `UPDATE ${table} SET added_order = ordered.n FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM ${table}) ordered WHERE ordered.id = ${table}.id`,
      );
      await db.query(`CREATE SEQUENCE ${table}_added_order_seq OWNED BY ${table}.added_order`);
      await db.query(
        `SELECT setval('${table}_added_order_seq', COALESCE((SELECT max(added_order) FROM ${table}), 0) + 1, false)`,
      );
      await db.query(
        `ALTER TABLE ${table} ALTER COLUMN added_order SET DEFAULT nextval('${table}_added_order_seq'), ALTER COLUMN added_order SET NOT NULL`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of TABLES) await db.query(`ALTER TABLE ${table} DROP COLUMN added_order`);
  }
}
