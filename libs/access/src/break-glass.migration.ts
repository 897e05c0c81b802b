import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Break-glass gains its safeguards (PRODUCT.md rule 12): a request may wait for a
 * supervisor's approval (a repeat within the window) and opens nothing until then
 * (`started_at` stays empty); who approved and who ended it; and the supervisor's review
 * afterwards, which the participant reads.
 */
export class BreakGlassSafeguards1763900000701 implements MigrationInterface {
  name = 'BreakGlassSafeguards1763900000701';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE break_glass ADD COLUMN requested_at timestamptz');
    await db.query('UPDATE break_glass SET requested_at = started_at');
    await db.query('ALTER TABLE break_glass ALTER COLUMN requested_at SET NOT NULL');
    await db.query('ALTER TABLE break_glass ALTER COLUMN started_at DROP NOT NULL');
    await db.query(`
      ALTER TABLE break_glass
        ADD COLUMN approval_required boolean NOT NULL DEFAULT false,
        ADD COLUMN approved_by uuid REFERENCES account(id),
        ADD COLUMN approved_at timestamptz,
        ADD COLUMN ended_by uuid REFERENCES account(id),
        ADD COLUMN reviewed_by uuid REFERENCES account(id),
        ADD COLUMN reviewed_at timestamptz,
        ADD COLUMN review_note text CHECK (length(review_note) BETWEEN 1 AND 2000),
        ADD CONSTRAINT break_glass_opens_when_allowed
          CHECK (started_at IS NULL OR NOT approval_required OR approved_at IS NOT NULL),
        ADD CONSTRAINT break_glass_opens_at_once_unless_approval CHECK (approval_required OR started_at IS NOT NULL),
        ADD CONSTRAINT break_glass_approval_recorded CHECK ((approved_at IS NULL) = (approved_by IS NULL)),
        ADD CONSTRAINT break_glass_review_recorded
          CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL) AND (reviewed_at IS NULL) = (review_note IS NULL))`);
    await db.query(
      'CREATE INDEX break_glass_unreviewed_idx ON break_glass (started_at) WHERE reviewed_at IS NULL AND started_at IS NOT NULL',
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX break_glass_unreviewed_idx');
    await db.query('DELETE FROM break_glass WHERE started_at IS NULL');
    await db.query(`
      ALTER TABLE break_glass
        DROP CONSTRAINT break_glass_review_recorded,
        DROP CONSTRAINT break_glass_approval_recorded,
        DROP CONSTRAINT break_glass_opens_at_once_unless_approval,
        DROP CONSTRAINT break_glass_opens_when_allowed,
        DROP COLUMN review_note, DROP COLUMN reviewed_at, DROP COLUMN reviewed_by, DROP COLUMN ended_by,
        DROP COLUMN approved_at, DROP COLUMN approved_by, DROP COLUMN approval_required`);
    await db.query('ALTER TABLE break_glass ALTER COLUMN started_at SET NOT NULL');
    await db.query('ALTER TABLE break_glass DROP COLUMN requested_at');
  }
}
