import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Strategy check-ins (PRODUCT.md rule 8): the participant's answer to "how is this working
 * for you?", kept as history in `strategy_check_in`, with the latest one on the strategy
 * row (what every plan read shows, without another query per strategy).
 *
 * `rhythm_set_at` is when the participant last chose the check-in rhythm: with no check-in
 * yet, a check-in is welcome one interval after that, so choosing a rhythm never makes an
 * old strategy "due" at once. Existing strategies take their creation time.
 *
 * Nothing here records when the participant was online: a check-in is something they did.
 */
export class StrategyCheckIns1763900000910 implements MigrationInterface {
  name = 'StrategyCheckIns1763900000910';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE strategy_check_in (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        strategy_id uuid NOT NULL REFERENCES strategy(id),
        answer text NOT NULL CHECK (answer IN ('WORKING', 'SOMEWHAT', 'NOT_WORKING')),
        note text,
        checked_in_by uuid NOT NULL REFERENCES account(id),
        checked_in_at timestamptz NOT NULL
      )`);
    await db.query(
      'CREATE INDEX strategy_check_in_strategy_idx ON strategy_check_in (strategy_id, checked_in_at DESC, id DESC)',
    );
    await db.query(`
      ALTER TABLE strategy
        ADD COLUMN last_check_in_at timestamptz,
        ADD COLUMN last_check_in_answer text CHECK (last_check_in_answer IN ('WORKING', 'SOMEWHAT', 'NOT_WORKING')),
        ADD COLUMN last_check_in_note text,
        ADD COLUMN rhythm_set_at timestamptz`);
    await db.query('UPDATE strategy SET rhythm_set_at = created_at');
    await db.query('ALTER TABLE strategy ALTER COLUMN rhythm_set_at SET NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'ALTER TABLE strategy DROP COLUMN last_check_in_at, DROP COLUMN last_check_in_answer, DROP COLUMN last_check_in_note, DROP COLUMN rhythm_set_at',
    );
    await db.query('DROP TABLE strategy_check_in');
  }
}
