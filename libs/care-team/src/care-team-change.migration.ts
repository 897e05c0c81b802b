import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The care-team change log (PRODUCT.md rule 10: the participant sees every change to their
 * team). One append-only row per join or leave, with who made it and the member's
 * discipline and role at the time. Memberships already recorded are carried over.
 */
export class CareTeamChanges1763900000700 implements MigrationInterface {
  name = 'CareTeamChanges1763900000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE care_team_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participant(id),
        membership_id uuid NOT NULL REFERENCES care_team_membership(id),
        kind text NOT NULL CHECK (kind IN ('JOINED', 'LEFT')),
        account_id uuid NOT NULL REFERENCES account(id),
        team_role text NOT NULL CHECK (team_role IN ('PRIMARY_CASE_MANAGER', 'CARE_TEAM_MEMBER', 'SUPPORT_PERSON')),
        discipline text,
        effective_at timestamptz NOT NULL,
        until timestamptz,
        changed_by uuid REFERENCES account(id),
        changed_at timestamptz NOT NULL
      )`);
    await db.query(
      'CREATE INDEX care_team_change_participant_idx ON care_team_change (participant_id, changed_at DESC, id DESC)',
    );
    await db.query(`
      INSERT INTO care_team_change (participant_id, membership_id, kind, account_id, team_role, discipline, effective_at, until, changed_by, changed_at)
      SELECT m.participant_id, m.id, 'JOINED', m.account_id, m.team_role, a.discipline, m.starts_at, m.ends_at, m.added_by, m.starts_at
        FROM care_team_membership m JOIN account a ON a.id = m.account_id`);
    await db.query(`
      INSERT INTO care_team_change (participant_id, membership_id, kind, account_id, team_role, discipline, effective_at, until, changed_by, changed_at)
      SELECT m.participant_id, m.id, 'LEFT', m.account_id, m.team_role, a.discipline, m.ends_at, m.ends_at, m.ended_by, m.ends_at
        FROM care_team_membership m JOIN account a ON a.id = m.account_id WHERE m.ended_by IS NOT NULL`);
    // Append-only, like the audit trail: what the participant was shown cannot be rewritten.
    await db.query(`
      CREATE FUNCTION care_team_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'care_team_change is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER care_team_change_no_change BEFORE UPDATE OR DELETE ON care_team_change
      FOR EACH ROW EXECUTE FUNCTION care_team_change_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER care_team_change_no_change ON care_team_change');
    await db.query('DROP FUNCTION care_team_change_append_only');
    await db.query('DROP TABLE care_team_change');
  }
}
