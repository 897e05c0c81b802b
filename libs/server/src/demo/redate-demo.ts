import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { localTime } from '@roundtable/conference';
import { DEMO_PROGRAM, DEMO_PROGRAM_AGE_DAYS, DEMO_STAFF } from './demo-data';
import { DEMO_TIME_ZONE, keepDemoConferenceNextWeek } from './demo-calendar';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** A table with dated columns that the demo moves forward, and which of its rows are the demo's. */
export interface DemoDatedTable {
  table: string;
  timestamps: string[];
  /** `date` columns (calendar days in the demo's time zone). */
  dates?: string[];
  /** Which rows are the demo program's ($1 is its id); by default, rows of its participants. */
  where?: string;
  /** The append-only trigger to hold off for this one transaction (see below). */
  appendOnly?: string;
}

const OF_DEMO_PARTICIPANTS = 'participant_id IN (SELECT id FROM participant WHERE program_id = $1)';

/**
 * Every dated column of the demo program's story: what happened, what is planned, and the
 * periods of team membership and consent. A test checks that every timestamp and date column
 * of the schema is listed here or in DEMO_UNDATED, so a new one cannot be forgotten.
 */
export const DEMO_DATED: DemoDatedTable[] = [
  { table: 'program', timestamps: ['created_at'], where: 'id = $1' },
  // Account dates are the story's (joined, confirmed, deactivated); whether an account can
  // sign in is its status, never these times.
  { table: 'account', timestamps: ['created_at', 'confirmed_at', 'deactivated_at'], where: 'program_id = $1' },
  { table: 'participant', timestamps: ['created_at'], where: 'program_id = $1' },
  // Membership and consent periods move like everything else, and the move keeps their
  // standing: an ended or revoked one stays ended, one not begun stays not begun, one in force
  // stays in force and keeps its length (see `moved`). Demo grants so never lapse a year in.
  { table: 'care_team_membership', timestamps: ['starts_at', 'ends_at'] },
  { table: 'consent_grant', timestamps: ['starts_at', 'ends_at', 'revoked_at'] },
  // The participant's record of team changes (PRODUCT.md rule 10) is append-only; it moves
  // with the memberships it describes, or the demo's history would contradict its team.
  {
    table: 'care_team_change',
    timestamps: ['effective_at', 'until', 'changed_at'],
    appendOnly: 'care_team_change_no_change',
  },
  { table: 'contact', timestamps: ['at', 'created_at'] },
  { table: 'plan', timestamps: ['vision_updated_at', 'created_at'] },
  { table: 'goal', timestamps: ['created_at', 'updated_at'] },
  { table: 'goal_stage_rating', timestamps: ['at'] },
  { table: 'step', timestamps: ['done_at', 'created_at'], dates: ['target_date'] },
  { table: 'strategy', timestamps: ['created_at', 'rhythm_set_at', 'last_check_in_at'] },
  { table: 'strategy_check_in', timestamps: ['checked_in_at'] },
  { table: 'offer', timestamps: ['created_at', 'responded_at'] },
  { table: 'hidden_plan_item', timestamps: ['hidden_at'] },
  { table: 'written_with_you', timestamps: ['created_at', 'answered_at'] },
  { table: 'plan_event', timestamps: ['occurred_at'] },
  { table: 'metric', timestamps: ['created_at'] },
  { table: 'measurement', timestamps: ['at', 'created_at'] },
  { table: 'win', timestamps: ['occurred_at', 'confirmed_at', 'hidden_at'] },
  { table: 'setback', timestamps: ['occurred_at'] },
  { table: 'conference', timestamps: ['scheduled_for', 'started_at', 'closed_at', 'created_at'] },
  { table: 'conference_attendee', timestamps: ['invited_at'] },
  { table: 'agenda_item', timestamps: ['created_at', 'updated_at'] },
  { table: 'conference_note', timestamps: ['created_at'] },
  { table: 'perspective', timestamps: ['created_at', 'updated_at'] },
  { table: 'decision', timestamps: ['proposed_at', 'answered_at'] },
  { table: 'action_item', timestamps: ['created_at'] },
  { table: 'participant_response', timestamps: ['created_at', 'answered_at'] },
  // Closed minutes take only appended amendments; the amendment's date moves with the meeting
  // it amends (its text never changes), or it would predate the meeting.
  { table: 'minutes_amendment', timestamps: ['created_at'], appendOnly: 'minutes_amendment_no_change' },
];

/**
 * Dated columns never moved, even for the demo program, and why. Credentials and emergency
 * access are security times: moving an expiry forward would revive what has ended.
 */
export const DEMO_UNDATED: Record<string, { columns: string[]; why: string }> = {
  auth_session: {
    columns: ['created_at', 'expires_at', 'revoked_at', 'last_used_at'],
    why: 'a sign-in: moving expires_at forward would revive an expired session',
  },
  refresh_token: { columns: ['created_at', 'used_at'], why: 'a credential of a sign-in' },
  one_time_code: {
    columns: ['created_at', 'expires_at', 'used_at', 'approved_at', 'superseded_at'],
    why: 'set-up codes and invitations: moving expires_at would revive an expired code',
  },
  recovery_code: { columns: ['created_at', 'used_at', 'revoked_at'], why: 'a credential' },
  sign_in_attempt: {
    columns: ['at'],
    why: 'the lockout counts recent failures: moved, old failures would lock people out again',
  },
  break_glass: {
    columns: ['requested_at', 'started_at', 'ends_at', 'ended_at', 'approved_at', 'reviewed_at'],
    why: 'emergency access is time-limited and audited (PRODUCT.md rule 12): never reopened or redated',
  },
  audit_event: {
    columns: ['at'],
    why: 'the append-only record of who really did and read what, and when (PRODUCT.md rule 12)',
  },
  external_sharing_consent: {
    columns: ['starts_at', 'ends_at', 'stopped_at'],
    why: 'lets a label leave Roundtable: its period is exactly what the participant agreed; the demo seeds none',
  },
  idempotency_key: { columns: ['created_at'], why: 'the replay window of a request, not the story' },
  plan_event: {
    columns: ['recorded_at', 'published_at'],
    why: "the outbox's delivery bookkeeping, on the database's own clock (the sweeper compares it with now())",
  },
  demo_anchor: { columns: ['dated_at'], why: 'set by the move itself' },
};

export interface DemoRedated {
  /** The demo program, or null when there is none to move. */
  programId: string | null;
  /** Whole weeks the demo's dates moved forward (0: already fresh). */
  weeks: number;
  /** Whether the upcoming conference moved to Thursday of next week. */
  conferenceMoved: boolean;
}

/**
 * `column` moved forward by `$4` days in the demo's time zone (so 10:00 on a Thursday stays
 * 10:00 on a Thursday across daylight-saving changes), keeping every time on its side of now.
 * $2 is the last dating, $3 now, $5 the new dating ($2 + $4 days, at least a day before now)
 * and $6 the squeeze below.
 *  - Up to the last dating (the seeded story) and after now (plans, end dates): moved as is.
 *  - After the last dating, up to now (what people did in the demo since): squeezed into
 *    (new dating, now] in order, so it stays in the past instead of landing in the future.
 * The map only ever increases, so every order between two times holds (a member who joined
 * after a discipline's grant is still after it), nothing that happened becomes future and
 * nothing ahead becomes past: an ended consent, membership or revocation stays ended.
 */
function moved(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL
    WHEN ${column} <= $2::timestamptz OR ${column} > $3::timestamptz THEN ${column} + $4::int * interval '1 day'
    ELSE LEAST($5::timestamptz + make_interval(secs => extract(epoch FROM ${column} - $2::timestamptz)::float8 * $6::float8),
               $3::timestamptz) END`;
}

/**
 * The demo program: the one the demo accounts belong to, if it has an anchor (seeded by this
 * version) or is named like the demo (seeded before anchors existed: it gets one, dated from
 * its creation, which the seed put DEMO_PROGRAM_AGE_DAYS before the seeding). Any other
 * program is never moved, whatever its accounts are called.
 */
async function demoProgram(manager: EntityManager): Promise<string | null> {
  const [program] = (await manager.query(
    `SELECT p.id, p.name, p.created_at, EXISTS (SELECT 1 FROM demo_anchor d WHERE d.program_id = p.id) AS anchored
       FROM account a JOIN program p ON p.id = a.program_id WHERE a.email = $1`,
    [DEMO_STAFF[0].email],
  )) as { id: string; name: string; created_at: Date; anchored: boolean }[];
  if (!program || (!program.anchored && program.name !== DEMO_PROGRAM)) return null;
  if (!program.anchored) {
    await manager.query(
      'INSERT INTO demo_anchor (program_id, dated_at) VALUES ($1, $2) ON CONFLICT (program_id) DO NOTHING',
      [program.id, new Date(program.created_at.getTime() + DEMO_PROGRAM_AGE_DAYS * DAY)],
    );
  }
  return program.id;
}

/**
 * On a start of an already seeded demo: moves the demo program's dates forward by the whole
 * weeks since they were last dated (whole weeks keep weekdays: Sam's Thursdays stay
 * Thursdays), then keeps its upcoming conference on Thursday of next week. One transaction;
 * it updates the demo's rows and adds none (only a demo seeded before anchors existed gets its
 * anchor row, once), and concurrent starts move the demo once (the anchor row is locked).
 * Rows of any other program are never touched.
 */
export async function redateDemo(dataSource: DataSource, now: Date): Promise<DemoRedated> {
  return dataSource.transaction(async (manager) => {
    const programId = await demoProgram(manager);
    if (!programId) return { programId: null, weeks: 0, conferenceMoved: false };
    // Day arithmetic in the demo's zone, for this transaction only.
    await manager.query(`SET LOCAL TIME ZONE '${DEMO_TIME_ZONE}'`);
    const [{ dated_at: datedAt }] = (await manager.query(
      'SELECT dated_at FROM demo_anchor WHERE program_id = $1 FOR UPDATE',
      [programId],
    )) as { dated_at: Date }[];
    // A day's margin: the new dating stays at least a day before now (a daylight-saving hour
    // cannot push it past now, and the squeeze has room), so the demo lags 8 days at most.
    const weeks = Math.max(0, Math.floor((now.getTime() - datedAt.getTime() - DAY) / WEEK));
    if (weeks > 0) {
      const [{ moved_to: movedTo }] = (await manager.query(
        `SELECT $1::timestamptz + $2::int * interval '1 day' AS moved_to`,
        [datedAt, weeks * 7],
      )) as { moved_to: Date }[];
      const squeeze = (now.getTime() - movedTo.getTime()) / (now.getTime() - datedAt.getTime());
      const parameters = [programId, datedAt, now, weeks * 7, movedTo, squeeze];
      for (const { table, timestamps, dates = [], where = OF_DEMO_PARTICIPANTS, appendOnly } of DEMO_DATED) {
        const sets = [
          ...timestamps.map((column) => `${column} = ${moved(column)}`),
          ...dates.map((column) => `${column} = (${moved(`${column}::timestamptz`)})::date`),
        ];
        // Append-only tables refuse every UPDATE by trigger. The trigger is held off inside
        // this transaction only: ALTER TABLE locks the table against every other writer until
        // the commit, and it is back on before the commit, so no other session ever sees it
        // off, and only the demo program's rows change (their dates, never their text).
        if (appendOnly) await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER ${appendOnly}`);
        await manager.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${where}`, parameters);
        if (appendOnly) await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER ${appendOnly}`);
      }
      await manager.query('UPDATE demo_anchor SET dated_at = $2 WHERE program_id = $1', [programId, movedTo]);
    }
    const conferenceMoved = (await keepDemoConferenceNextWeek(manager, now)) > 0;
    await matchScheduledSummaries(manager, programId);
    return { programId, weeks, conferenceMoved };
  });
}

const SUMMARY_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(([^()]*)\)$/;

/**
 * "Care conference scheduled: …, 2026-12-03 10:00 (America/Vancouver)" on the timeline says
 * the conference's time in words; after the demo moved it, the words follow.
 */
async function matchScheduledSummaries(manager: EntityManager, programId: string): Promise<void> {
  const events = (await manager.query(
    `SELECT e.id, e.payload ->> 'summary' AS summary, c.scheduled_for, c.time_zone
       FROM plan_event e JOIN conference c ON c.id::text = e.payload ->> 'conferenceId'
      WHERE e.type = 'CONFERENCE_SCHEDULED' AND e.${OF_DEMO_PARTICIPANTS}`,
    [programId],
  )) as { id: string; summary: string | null; scheduled_for: Date; time_zone: string }[];
  for (const event of events) {
    if (!event.summary || !SUMMARY_TIME.test(event.summary)) continue;
    const summary = event.summary.replace(
      SUMMARY_TIME,
      `${localTime(event.scheduled_for, event.time_zone)} (${event.time_zone})`,
    );
    if (summary === event.summary) continue;
    await manager.query(
      `UPDATE plan_event SET payload = jsonb_set(payload, '{summary}', to_jsonb($2::text)) WHERE id = $1`,
      [event.id, summary],
    );
  }
}
