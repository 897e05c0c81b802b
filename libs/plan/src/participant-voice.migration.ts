import type { MigrationInterface, QueryRunner } from 'typeorm';

const LABELS = `('GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH', 'LEGAL', 'SUBSTANCE_USE')`;

/**
 * The participant's voice is the participant's act (PRODUCT.md rules 1, 3): what a team
 * member writes down as theirs waits in `written_with_you` until they confirm it. Goals
 * written with a participant and never confirmed stop counting as active (they wait as
 * proposals of the participant's own words, unranked) until the participant confirms them.
 */
export class PlanParticipantVoice1763900000200 implements MigrationInterface {
  name = 'PlanParticipantVoice1763900000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE written_with_you (
        id uuid PRIMARY KEY,
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        kind text NOT NULL CHECK (kind IN ('GOAL', 'VISION', 'SETBACK', 'PARTICIPANT_UPDATE', 'DECISION_ANSWER', 'CONFERENCE_INVITATION')),
        label text NOT NULL CHECK (label IN ${LABELS}),
        text text NOT NULL CHECK (length(text) <= 8000),
        payload jsonb NOT NULL DEFAULT '{}',
        target_id uuid,
        written_by uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('WAITING', 'CO_SIGNED', 'CONFIRMED', 'CHANGED', 'DECLINED')),
        answered_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(
      `CREATE INDEX written_with_you_waiting_idx ON written_with_you (participant_id) WHERE status = 'WAITING'`,
    );
    await db.query(`
      INSERT INTO written_with_you (id, participant_id, kind, label, text, payload, target_id, written_by, created_at, status, version)
      SELECT id, participant_id, 'GOAL', label, text, '{}', id, written_with, created_at, 'WAITING', 1
        FROM goal WHERE awaiting_confirmation AND written_with IS NOT NULL`);
    await db.query(`
      UPDATE goal SET lifecycle = 'PROPOSED', priority = NULL, version = version + 1
       WHERE awaiting_confirmation AND lifecycle = 'ACTIVE'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE written_with_you');
  }
}
