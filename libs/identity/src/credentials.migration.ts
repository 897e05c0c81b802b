import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two people for every credential (PRODUCT.md rule 1; ARCHITECTURE "Separation of duties"):
 * set-up codes wait for a second staff member's approval, invited staff wait for a
 * supervisor's confirmation, participants keep single-use recovery codes, and a
 * deactivation keeps its reason for the person it concerns.
 */
export class Credentials1763900000100 implements MigrationInterface {
  name = 'Credentials1763900000100';

  async up(db: QueryRunner): Promise<void> {
    // Default false: accounts made by the seed or the operator CLI are confirmed; only
    // inviteStaff leaves one awaiting a supervisor.
    await db.query(`
      ALTER TABLE account
        ADD COLUMN awaiting_confirmation boolean NOT NULL DEFAULT false,
        ADD COLUMN invited_by uuid REFERENCES account(id),
        ADD COLUMN confirmed_by uuid REFERENCES account(id),
        ADD COLUMN confirmed_at timestamptz,
        ADD COLUMN deactivated_by uuid REFERENCES account(id),
        ADD COLUMN deactivated_at timestamptz,
        ADD COLUMN deactivation_reason text CHECK (length(deactivation_reason) BETWEEN 1 AND 500)`);
    await db.query(`
      ALTER TABLE one_time_code
        ADD COLUMN requires_approval boolean NOT NULL DEFAULT false,
        ADD COLUMN participant_id uuid REFERENCES participant(id),
        ADD COLUMN approved_by uuid REFERENCES account(id),
        ADD COLUMN approved_at timestamptz,
        ADD COLUMN superseded_at timestamptz,
        ADD CONSTRAINT one_time_code_approver_is_not_requester CHECK (approved_by IS NULL OR approved_by <> created_by)`);
    await db.query('CREATE INDEX one_time_code_participant_idx ON one_time_code (participant_id, created_at DESC)');
    await db.query(`
      CREATE TABLE recovery_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id),
        locator text NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(
      'CREATE UNIQUE INDEX recovery_code_locator_idx ON recovery_code (account_id, locator) WHERE used_at IS NULL AND revoked_at IS NULL',
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE recovery_code');
    await db.query('DROP INDEX one_time_code_participant_idx');
    await db.query(`
      ALTER TABLE one_time_code DROP CONSTRAINT one_time_code_approver_is_not_requester,
        DROP COLUMN requires_approval, DROP COLUMN participant_id, DROP COLUMN approved_by,
        DROP COLUMN approved_at, DROP COLUMN superseded_at`);
    await db.query(`
      ALTER TABLE account DROP COLUMN awaiting_confirmation, DROP COLUMN invited_by, DROP COLUMN confirmed_by,
        DROP COLUMN confirmed_at, DROP COLUMN deactivated_by, DROP COLUMN deactivated_at, DROP COLUMN deactivation_reason`);
  }
}
