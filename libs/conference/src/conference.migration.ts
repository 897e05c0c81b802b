import type { MigrationInterface, QueryRunner } from 'typeorm';

const LABELS = `('GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH', 'LEGAL', 'SUBSTANCE_USE')`;

/**
 * Care conferences: attendees, the agenda (item 1 the participant's update), notes,
 * perspectives, decisions, action items, and after close only appended amendments.
 * Every row carries participant_id (the compartment key) and, where it holds content, a label.
 */
export class Conference1763800000500 implements MigrationInterface {
  name = 'Conference1763800000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conference (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        scheduled_for timestamptz NOT NULL,
        time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
        participant_attends boolean NOT NULL,
        facilitator_id uuid NOT NULL REFERENCES account(id),
        status text NOT NULL CHECK (status IN ('SCHEDULED', 'IN_PROGRESS', 'CLOSED')),
        current_item_id uuid,
        started_at timestamptz,
        closed_at timestamptz,
        closed_by uuid REFERENCES account(id),
        created_by uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query('CREATE INDEX conference_participant_idx ON conference (participant_id, scheduled_for)');
    await db.query('CREATE INDEX conference_day_idx ON conference (scheduled_for)');
    await db.query(`
      CREATE TABLE conference_attendee (
        conference_id uuid NOT NULL REFERENCES conference(id),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        account_id uuid NOT NULL REFERENCES account(id),
        kind text NOT NULL CHECK (kind IN ('TEAM_MEMBER', 'SUPPORT_PERSON')),
        invited_by uuid NOT NULL REFERENCES account(id),
        invited_at timestamptz NOT NULL,
        PRIMARY KEY (conference_id, account_id)
      )`);
    await db.query(`
      CREATE TABLE agenda_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conference(id),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        kind text NOT NULL CHECK (kind IN ('PARTICIPANT_UPDATE', 'TOPIC')),
        sort_key double precision NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL DEFAULT '' CHECK (length(body) <= 8000),
        label text NOT NULL CHECK (label IN ${LABELS}),
        goal_id uuid REFERENCES goal(id),
        metric_id uuid REFERENCES metric(id),
        step_id uuid REFERENCES step(id),
        not_without_participant boolean NOT NULL DEFAULT false,
        added_by uuid NOT NULL REFERENCES account(id),
        written_with uuid REFERENCES account(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        -- The participant's update is always first: nothing sorts before or beside it.
        CHECK ((kind = 'PARTICIPANT_UPDATE') = (sort_key = 0))
      )`);
    await db.query('CREATE INDEX agenda_item_conference_idx ON agenda_item (conference_id, sort_key)');
    await db.query(
      "CREATE UNIQUE INDEX agenda_item_one_update ON agenda_item (conference_id) WHERE kind = 'PARTICIPANT_UPDATE'",
    );
    await db.query(`
      CREATE TABLE conference_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conference(id),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        agenda_item_id uuid NOT NULL REFERENCES agenda_item(id),
        label text NOT NULL CHECK (label IN ${LABELS}),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        author uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX conference_note_conference_idx ON conference_note (conference_id, created_at)');
    await db.query(`
      CREATE TABLE perspective (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conference(id),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        agenda_item_id uuid NOT NULL REFERENCES agenda_item(id),
        label text NOT NULL CHECK (label IN ${LABELS}),
        author uuid NOT NULL REFERENCES account(id),
        discipline text,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (agenda_item_id, author)
      )`);
    await db.query(`
      CREATE TABLE decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conference(id),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        agenda_item_id uuid NOT NULL REFERENCES agenda_item(id),
        label text NOT NULL CHECK (label IN ${LABELS}),
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
        change_kind text NOT NULL CHECK (change_kind IN ('RECORD_ONLY', 'ADD_GOAL', 'SET_GOAL_LIFECYCLE')),
        goal_id uuid REFERENCES goal(id),
        lifecycle text,
        new_goal jsonb,
        status text NOT NULL CHECK (status IN ('WAITING_FOR_PARTICIPANT', 'AGREED', 'DECLINED')),
        proposed_by uuid NOT NULL REFERENCES account(id),
        proposed_at timestamptz NOT NULL,
        answered_by uuid REFERENCES account(id),
        answered_at timestamptz,
        answered_live boolean,
        answer_note text CHECK (length(answer_note) <= 2000),
        resulting_goal_id uuid REFERENCES goal(id),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query('CREATE INDEX decision_participant_idx ON decision (participant_id, status)');
    await db.query('CREATE INDEX decision_conference_idx ON decision (conference_id)');
    await db.query(`
      CREATE TABLE action_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conference(id),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        agenda_item_id uuid NOT NULL REFERENCES agenda_item(id),
        step_id uuid NOT NULL UNIQUE REFERENCES step(id),
        created_by uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX action_item_conference_idx ON action_item (conference_id)');
    await db.query(`
      CREATE TABLE participant_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conference(id),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        kind text NOT NULL CHECK (kind IN ('CORRECTION_REQUEST', 'FEEDBACK')),
        target_id uuid,
        label text NOT NULL CHECK (label IN ${LABELS}),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        created_by uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL,
        answer text CHECK (length(answer) <= 4000),
        answered_by uuid REFERENCES account(id),
        answered_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query('CREATE INDEX participant_response_conference_idx ON participant_response (conference_id)');
    await db.query(`
      CREATE TABLE minutes_amendment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conference(id),
        participant_id uuid NOT NULL REFERENCES plan(participant_id),
        target_id uuid,
        label text NOT NULL CHECK (label IN ${LABELS}),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        answers_response_id uuid REFERENCES participant_response(id),
        author uuid NOT NULL REFERENCES account(id),
        created_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX minutes_amendment_conference_idx ON minutes_amendment (conference_id)');

    // Defence in depth behind the service checks: amendments are append-only (only their
    // label may tighten), and the minutes' content cannot change once closed.
    await db.query(`
      CREATE FUNCTION minutes_amendment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'minutes_amendment is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER minutes_amendment_no_change
      BEFORE UPDATE OF conference_id, participant_id, target_id, text, reason, answers_response_id, author, created_at
          OR DELETE ON minutes_amendment
      FOR EACH ROW EXECUTE FUNCTION minutes_amendment_append_only()`);
    await db.query(`
      CREATE FUNCTION minutes_locked() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE row_conference uuid;
      BEGIN
        row_conference := CASE WHEN TG_OP = 'DELETE' THEN OLD.conference_id ELSE NEW.conference_id END;
        IF EXISTS (SELECT 1 FROM conference WHERE id = row_conference AND status = 'CLOSED') THEN
          RAISE EXCEPTION 'the minutes of conference % are closed; add an amendment', row_conference;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await db.query(`
      CREATE TRIGGER conference_note_locked BEFORE INSERT OR UPDATE OF text OR DELETE ON conference_note
      FOR EACH ROW EXECUTE FUNCTION minutes_locked()`);
    await db.query(`
      CREATE TRIGGER perspective_locked BEFORE INSERT OR UPDATE OF text OR DELETE ON perspective
      FOR EACH ROW EXECUTE FUNCTION minutes_locked()`);
    for (const table of ['decision', 'action_item', 'conference_attendee']) {
      await db.query(`
        CREATE TRIGGER ${table}_locked BEFORE INSERT ON ${table}
        FOR EACH ROW EXECUTE FUNCTION minutes_locked()`);
    }
    await db.query(`
      CREATE TRIGGER agenda_item_locked BEFORE INSERT OR UPDATE OF title, body, sort_key OR DELETE ON agenda_item
      FOR EACH ROW EXECUTE FUNCTION minutes_locked()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE minutes_amendment');
    await db.query('DROP TABLE participant_response');
    await db.query('DROP TABLE action_item');
    await db.query('DROP TABLE decision');
    await db.query('DROP TABLE perspective');
    await db.query('DROP TABLE conference_note');
    await db.query('DROP TABLE agenda_item');
    await db.query('DROP TABLE conference_attendee');
    await db.query('DROP TABLE conference');
    await db.query('DROP FUNCTION minutes_locked');
    await db.query('DROP FUNCTION minutes_amendment_append_only');
  }
}
