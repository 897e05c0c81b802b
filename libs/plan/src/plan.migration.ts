import type { MigrationInterface, QueryRunner } from 'typeorm';

const LABELS = `('GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH', 'LEGAL', 'SUBSTANCE_USE')`;

/**
 * The participant plan: vision, goals with stage ratings, steps, safer-use strategies,
 * offers, and the plan event log. Every row carries participant_id (the compartment key)
 * and a sensitivity label.
 */
export class Plan1763800000200 implements MigrationInterface {
  name = 'Plan1763800000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan (
        participant_id uuid PRIMARY KEY REFERENCES participant(id),
        vision text NOT NULL DEFAULT '' CHECK (length(vision) <= 4000),
        vision_written_with uuid REFERENCES account(id),
        vision_updated_at timestamptz,
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`
      CREATE TABLE goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
        domain text NOT NULL,
        label text NOT NULL CHECK (label IN ${LABELS}),
        expressed_by_kind text NOT NULL CHECK (expressed_by_kind IN ('PARTICIPANT', 'TEAM_MEMBER')),
        expressed_by uuid REFERENCES account(id),
        written_with uuid REFERENCES account(id),
        awaiting_confirmation boolean NOT NULL DEFAULT false,
        lifecycle text NOT NULL CHECK (lifecycle IN ('PROPOSED', 'ACTIVE', 'ON_HOLD', 'ACHIEVED', 'RETIRED')),
        declined boolean NOT NULL DEFAULT false,
        priority integer,
        horizon text NOT NULL CHECK (horizon IN ('RIGHT_NOW', 'LONGER_TERM')),
        substance text CHECK (length(substance) <= 100),
        options text[] NOT NULL DEFAULT '{}',
        reduces_coping_behaviour boolean NOT NULL DEFAULT false,
        replacement_strategy_ids uuid[] NOT NULL DEFAULT '{}',
        stage text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CHECK (expressed_by_kind = 'PARTICIPANT' OR expressed_by IS NOT NULL)
      )`);
    await db.query('CREATE INDEX goal_participant_idx ON goal (participant_id)');
    await db.query(`
      CREATE TABLE goal_stage_rating (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        goal_id uuid NOT NULL REFERENCES goal(id),
        rated_by uuid NOT NULL REFERENCES account(id),
        by_participant boolean NOT NULL,
        stage text NOT NULL CHECK (stage IN ('PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE')),
        at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX goal_stage_rating_goal_idx ON goal_stage_rating (goal_id, at DESC)');
    await db.query('CREATE INDEX goal_stage_rating_participant_idx ON goal_stage_rating (participant_id)');
    await db.query(`
      CREATE TABLE step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        goal_id uuid REFERENCES goal(id),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
        label text NOT NULL CHECK (label IN ${LABELS}),
        assignee uuid REFERENCES account(id),
        assigned_to_participant boolean NOT NULL,
        target_date date,
        done_at timestamptz,
        created_by uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CHECK (assigned_to_participant OR assignee IS NOT NULL)
      )`);
    await db.query('CREATE INDEX step_participant_idx ON step (participant_id)');
    await db.query('CREATE INDEX step_assignee_idx ON step (assignee) WHERE done_at IS NULL');
    await db.query(`
      CREATE TABLE strategy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
        label text NOT NULL CHECK (label IN ${LABELS}),
        status text NOT NULL CHECK (status IN ('ALREADY_DOING', 'WANT_TO_TRY', 'WORKING', 'NOT_FOR_ME')),
        check_in_rhythm text NOT NULL DEFAULT 'NONE',
        reminders boolean NOT NULL DEFAULT false,
        added_by uuid NOT NULL REFERENCES account(id),
        added_by_participant boolean NOT NULL,
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query('CREATE INDEX strategy_participant_idx ON strategy (participant_id)');
    await db.query(`
      CREATE TABLE offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
        kind text NOT NULL CHECK (kind IN ('INFORMATION', 'RESOURCE', 'REFERRAL')),
        label text NOT NULL CHECK (label IN ${LABELS}),
        status text NOT NULL CHECK (status IN ('OFFERED', 'ACCEPTED', 'DECLINED', 'WITHHELD')),
        withheld_reason text CHECK (length(withheld_reason) <= 2000),
        reason_cites_drug_use boolean NOT NULL DEFAULT false,
        hidden_by_participant boolean NOT NULL DEFAULT false,
        goal_id uuid REFERENCES goal(id),
        offered_by uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL,
        responded_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK (status <> 'WITHHELD' OR withheld_reason IS NOT NULL)
      )`);
    await db.query('CREATE INDEX offer_participant_idx ON offer (participant_id)');
    await db.query(`
      CREATE TABLE plan_label_sequence (
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        label text NOT NULL CHECK (label IN ${LABELS}),
        last_seq integer NOT NULL,
        PRIMARY KEY (participant_id, label)
      )`);
    await db.query(`
      CREATE TABLE plan_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        label text NOT NULL CHECK (label IN ${LABELS}),
        seq integer NOT NULL,
        type text NOT NULL,
        item_id uuid,
        actor uuid REFERENCES account(id),
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        UNIQUE (participant_id, label, seq)
      )`);
    await db.query('CREATE INDEX plan_event_timeline_idx ON plan_event (participant_id, occurred_at DESC, id DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'plan_event',
      'plan_label_sequence',
      'offer',
      'strategy',
      'step',
      'goal_stage_rating',
      'goal',
      'plan',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
