import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-label consent to share outside Roundtable (FHIR exports to another system). A
 * substance-use consent names its recipient (42 CFR Part 2 redisclosure; PRODUCT.md rule 10).
 */
export class ExternalSharing1763900000500 implements MigrationInterface {
  name = 'ExternalSharing1763900000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE external_sharing_consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participant(id),
        label text NOT NULL CHECK (label IN ('GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH', 'LEGAL', 'SUBSTANCE_USE')),
        recipient text CHECK (length(recipient) BETWEEN 2 AND 200),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        allowed_by uuid NOT NULL REFERENCES account(id),
        stopped_at timestamptz,
        stopped_by uuid REFERENCES account(id),
        CHECK (label <> 'SUBSTANCE_USE' OR recipient IS NOT NULL),
        CHECK (ends_at > starts_at)
      )`);
    await db.query(
      'CREATE INDEX external_sharing_consent_participant_idx ON external_sharing_consent (participant_id, label)',
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE external_sharing_consent');
  }
}
