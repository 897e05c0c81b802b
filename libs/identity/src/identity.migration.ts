import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Programs, accounts, sessions with rotating refresh tokens, one-time codes, sign-in attempts. */
export class Identity1763800000000 implements MigrationInterface {
  name = 'Identity1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE program (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('STAFF', 'PARTICIPANT', 'SUPPORT_PERSON')),
        status text NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'DEACTIVATED')),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        email text UNIQUE CHECK (email = lower(email)),
        username text UNIQUE CHECK (username = lower(username)),
        password_hash text,
        program_id uuid REFERENCES program(id),
        discipline text CHECK (discipline IN ('CASE_MANAGEMENT', 'MEDICAL', 'NURSING', 'HOUSING', 'PEER_SUPPORT',
          'BEHAVIOURAL_HEALTH', 'RECOVERY_COUNSELLING')),
        program_role text CHECK (program_role IN ('STAFF', 'SUPERVISOR', 'ADMINISTRATOR')),
        participant_id uuid,
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CHECK (kind <> 'STAFF' OR (program_id IS NOT NULL AND program_role IS NOT NULL AND email IS NOT NULL)),
        CHECK (kind <> 'PARTICIPANT' OR participant_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX account_program_idx ON account (program_id)`);
    await db.query(
      `CREATE UNIQUE INDEX account_participant_idx ON account (participant_id) WHERE kind = 'PARTICIPANT'`,
    );
    await db.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await db.query(`CREATE INDEX auth_session_account_idx ON auth_session (account_id) WHERE revoked_at IS NULL`);
    await db.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session(id),
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX refresh_token_session_idx ON refresh_token (session_id)`);
    await db.query(`
      CREATE TABLE one_time_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL CHECK (purpose IN ('STAFF_INVITATION', 'SIGN_IN_SETUP')),
        account_id uuid NOT NULL REFERENCES account(id),
        code_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES account(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE sign_in_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        identifier text NOT NULL,
        address text NOT NULL,
        succeeded boolean NOT NULL,
        at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX sign_in_attempt_identifier_idx ON sign_in_attempt (identifier, address, at)`);
    await db.query(`CREATE INDEX sign_in_attempt_address_idx ON sign_in_attempt (address, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['sign_in_attempt', 'one_time_code', 'refresh_token', 'auth_session', 'account', 'program']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
