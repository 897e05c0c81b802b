import type { MigrationInterface, QueryRunner } from 'typeorm';

const LABELS = `('GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH', 'LEGAL', 'SUBSTANCE_USE')`;

/** Metrics (participant-defined and clinical), measurements, wins, setbacks. */
export class Outcomes1763800000300 implements MigrationInterface {
  name = 'Outcomes1763800000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE metric (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        kind text NOT NULL CHECK (kind IN ('PARTICIPANT_DEFINED', 'CLINICAL')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        catalogue_code text,
        domain text NOT NULL,
        label text NOT NULL CHECK (label IN ${LABELS}),
        scale text NOT NULL CHECK (scale IN ('NUMBER', 'YES_NO', 'COUNT', 'ORDERED_LABELS', 'GOAL_ATTAINMENT')),
        minimum double precision,
        maximum double precision,
        unit text CHECK (length(unit) <= 40),
        ordered_labels text[] NOT NULL DEFAULT '{}',
        better text NOT NULL CHECK (better IN ('HIGHER', 'LOWER')),
        goal_ids uuid[] NOT NULL DEFAULT '{}',
        tracks_substance_amount boolean NOT NULL DEFAULT false,
        defined_by uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query('CREATE INDEX metric_participant_idx ON metric (participant_id)');
    await db.query(`
      CREATE TABLE measurement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        metric_id uuid NOT NULL REFERENCES metric(id),
        label text NOT NULL CHECK (label IN ${LABELS}),
        value double precision NOT NULL,
        at timestamptz NOT NULL,
        source text NOT NULL CHECK (source IN ('SELF_REPORT', 'CLINICIAN', 'LAB', 'PROGRAM_RECORD')),
        note text CHECK (length(note) <= 2000),
        recorded_by uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX measurement_metric_idx ON measurement (metric_id, at, id)');
    await db.query('CREATE INDEX measurement_participant_idx ON measurement (participant_id)');
    await db.query(`
      CREATE TABLE win (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        source text NOT NULL CHECK (source IN ('MEASUREMENT', 'STEP_DONE', 'STAGE_FORWARD', 'PROPOSED')),
        source_id uuid,
        label text NOT NULL CHECK (label IN ${LABELS}),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
        proposed_by uuid REFERENCES account(id),
        confirmed_at timestamptz,
        hidden_at timestamptz,
        occurred_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query('CREATE INDEX win_participant_idx ON win (participant_id, occurred_at DESC)');
    await db.query(`
      CREATE TABLE setback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        label text NOT NULL CHECK (label IN ${LABELS}),
        reflection text CHECK (length(reflection) <= 4000),
        return_to_use boolean NOT NULL,
        goal_ids uuid[] NOT NULL DEFAULT '{}',
        recorded_by uuid NOT NULL REFERENCES account(id),
        with_participant boolean NOT NULL,
        plan_review text NOT NULL CHECK (plan_review IN ('NOT_OFFERED', 'OFFERED', 'ACCEPTED', 'DECLINED')),
        occurred_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query('CREATE INDEX setback_participant_idx ON setback (participant_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['setback', 'win', 'measurement', 'metric']) await db.query(`DROP TABLE ${table}`);
  }
}
