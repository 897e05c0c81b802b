import { DataSource } from 'typeorm';
import { localTime } from '@roundtable/conference';
import { DEMO_PROGRAM, DEMO_PROGRAM_AGE_DAYS, DEMO_STAFF } from './demo-data';
import { DEMO_TIME_ZONE, keepDemoConferenceNextWeek } from './demo-calendar';
import { DemoDatesRepository, type DemoDatedTable } from './demo-dates.repository';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export type { DemoDatedTable } from './demo-dates.repository';

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
  // stays in force and keeps its length (see `moved` in demo-dates.repository.ts). Demo grants
  // so never lapse a year in.
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
 * The demo program: the one the demo accounts belong to, if it has an anchor (seeded by this
 * version) or is named like the demo (seeded before anchors existed: it gets one, dated from
 * its creation, which the seed put DEMO_PROGRAM_AGE_DAYS before the seeding). Any other
 * program is never moved, whatever its accounts are called.
 */
async function demoProgram(dates: DemoDatesRepository): Promise<string | null> {
  const program = await dates.demoProgram(DEMO_STAFF[0].email);
  if (!program || (!program.anchored && program.name !== DEMO_PROGRAM)) return null;
  if (!program.anchored) {
    await dates.insertAnchorIfMissing(program.id, new Date(program.created_at.getTime() + DEMO_PROGRAM_AGE_DAYS * DAY));
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
    const dates = new DemoDatesRepository(manager);
    const programId = await demoProgram(dates);
    if (!programId) return { programId: null, weeks: 0, conferenceMoved: false };
    // Day arithmetic in the demo's zone, for this transaction only.
    await dates.setLocalTimeZone(DEMO_TIME_ZONE);
    const datedAt = await dates.lockAnchor(programId);
    // A day's margin: the new dating stays at least a day before now (a daylight-saving hour
    // cannot push it past now, and the squeeze has room), so the demo lags 8 days at most.
    const weeks = Math.max(0, Math.floor((now.getTime() - datedAt.getTime() - DAY) / WEEK));
    if (weeks > 0) {
      const movedTo = await dates.addDays(datedAt, weeks * 7);
      const squeeze = (now.getTime() - movedTo.getTime()) / (now.getTime() - datedAt.getTime());
      for (const table of DEMO_DATED) {
        await dates.moveDates(table, [programId, datedAt, now, weeks * 7, movedTo, squeeze]);
      }
      await dates.setAnchor(programId, movedTo);
    }
    const conferenceMoved = (await keepDemoConferenceNextWeek(manager, now)) > 0;
    await matchScheduledSummaries(dates, programId);
    return { programId, weeks, conferenceMoved };
  });
}

const SUMMARY_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(([^()]*)\)$/;

/**
 * "Care conference scheduled: …, 2026-12-03 10:00 (America/Vancouver)" on the timeline says
 * the conference's time in words; after the demo moved it, the words follow.
 */
async function matchScheduledSummaries(dates: DemoDatesRepository, programId: string): Promise<void> {
  const events = await dates.scheduledSummaries(programId);
  for (const event of events) {
    if (!event.summary || !SUMMARY_TIME.test(event.summary)) continue;
    const summary = event.summary.replace(
      SUMMARY_TIME,
      `${localTime(event.scheduled_for, event.time_zone)} (${event.time_zone})`,
    );
    if (summary === event.summary) continue;
    await dates.setSummary(event.id, summary);
  }
}
