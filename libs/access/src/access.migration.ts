import type { MigrationInterface, QueryRunner } from 'typeorm';

const LABELS = `('GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH', 'LEGAL', 'SUBSTANCE_USE')`;

/** Consent grants (with history), break-glass access, and the append-only audit trail. */
export class Access1763800000400 implements MigrationInterface {
  name = 'Access1763800000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE consent_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participant(id),
        label text NOT NULL CHECK (label IN ${LABELS}),
        grantee_account uuid REFERENCES account(id),
        grantee_discipline text,
        includes_future_members boolean NOT NULL DEFAULT false,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        end_event text CHECK (length(end_event) <= 200),
        granted_by uuid NOT NULL REFERENCES account(id),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES account(id),
        CHECK ((grantee_account IS NULL) <> (grantee_discipline IS NULL)),
        CHECK (ends_at IS NOT NULL OR end_event IS NOT NULL)
      )`);
    await db.query('CREATE INDEX consent_grant_participant_idx ON consent_grant (participant_id)');
    await db.query(`
      CREATE TABLE break_glass (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participant(id),
        account_id uuid NOT NULL REFERENCES account(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 2000),
        started_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await db.query('CREATE INDEX break_glass_participant_idx ON break_glass (participant_id, account_id)');
    await db.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid REFERENCES participant(id),
        actor uuid REFERENCES account(id),
        action text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('READ', 'CHANGE', 'DENIED', 'CONSENT', 'TEAM', 'BREAK_GLASS')),
        labels text[] NOT NULL DEFAULT '{}',
        item_id uuid,
        reason text,
        at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX audit_event_participant_idx ON audit_event (participant_id, at DESC, id DESC)');
    // Append-only: the trail cannot be edited or deleted through the application's role.
    await db.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER audit_event_no_change ON audit_event');
    await db.query('DROP FUNCTION audit_event_append_only');
    for (const table of ['audit_event', 'break_glass', 'consent_grant']) await db.query(`DROP TABLE ${table}`);
  }
}
