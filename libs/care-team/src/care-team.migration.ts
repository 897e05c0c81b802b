import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Participants (the compartment), care-team memberships over time, and contacts. */
export class CareTeam1763800000100 implements MigrationInterface {
  name = 'CareTeam1763800000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES program(id),
        preferred_name text NOT NULL CHECK (length(preferred_name) BETWEEN 1 AND 100),
        pronouns text CHECK (length(pronouns) <= 40),
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX participant_program_idx ON participant (program_id)`);
    await db.query(
      `ALTER TABLE account ADD CONSTRAINT account_participant_fk FOREIGN KEY (participant_id) REFERENCES participant(id)`,
    );
    await db.query(`
      CREATE TABLE care_team_membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participant(id),
        account_id uuid NOT NULL REFERENCES account(id),
        team_role text NOT NULL CHECK (team_role IN ('PRIMARY_CASE_MANAGER', 'CARE_TEAM_MEMBER', 'SUPPORT_PERSON')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        added_by uuid REFERENCES account(id),
        ended_by uuid REFERENCES account(id),
        CHECK (ends_at IS NULL OR ends_at >= starts_at)
      )`);
    await db.query(`CREATE INDEX care_team_membership_participant_idx ON care_team_membership (participant_id)`);
    await db.query(
      `CREATE INDEX care_team_membership_account_idx ON care_team_membership (account_id, participant_id)`,
    );
    await db.query(`
      CREATE UNIQUE INDEX care_team_membership_open_idx ON care_team_membership (participant_id, account_id)
      WHERE ends_at IS NULL`);
    await db.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participant(id),
        account_id uuid NOT NULL REFERENCES account(id),
        mode text NOT NULL CHECK (mode IN ('IN_PERSON', 'PHONE', 'VIDEO', 'MESSAGE', 'OUTREACH')),
        at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX contact_participant_idx ON contact (participant_id, at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE contact');
    await db.query('DROP TABLE care_team_membership');
    await db.query('ALTER TABLE account DROP CONSTRAINT account_participant_fk');
    await db.query('DROP TABLE participant');
  }
}
