import type { DataSource, EntityManager } from 'typeorm';

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

export const OF_DEMO_PARTICIPANTS = 'participant_id IN (SELECT id FROM participant WHERE program_id = $1)';

/** The program the demo's first staff account belongs to, and whether it has its anchor. */
export interface DemoProgramRow {
  id: string;
  name: string;
  created_at: Date;
  anchored: boolean;
}

/** A "Care conference scheduled" event with its conference's time, for rewording its summary. */
export interface ScheduledSummaryRow {
  id: string;
  summary: string | null;
  scheduled_for: Date;
  time_zone: string;
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
 * The SQL that dates the demo: its anchor (when its story was last dated), the move of its
 * dated columns, its upcoming conference and the seed's backdating. A plain class around the
 * caller's manager (or data source), since the seed and the start-up move are not DI-created;
 * methods taking no manager run in whatever transaction that manager is.
 */
export class DemoDatesRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  async demoProgram(staffEmail: string): Promise<DemoProgramRow | undefined> {
    const [program] = (await this.db.query(
      `SELECT p.id, p.name, p.created_at, EXISTS (SELECT 1 FROM demo_anchor d WHERE d.program_id = p.id) AS anchored
       FROM account a JOIN program p ON p.id = a.program_id WHERE a.email = $1`,
      [staffEmail],
    )) as DemoProgramRow[];
    return program;
  }

  /** The anchor of a demo seeded before anchors existed; once (a concurrent start may win). */
  async insertAnchorIfMissing(programId: string, datedAt: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO demo_anchor (program_id, dated_at) VALUES ($1, $2) ON CONFLICT (program_id) DO NOTHING',
      [programId, datedAt],
    );
  }

  /** The seed's anchor: every date the seed wrote is relative to this. */
  async insertAnchor(programId: string, datedAt: Date): Promise<void> {
    await this.db.query('INSERT INTO demo_anchor (program_id, dated_at) VALUES ($1, $2)', [programId, datedAt]);
  }

  /** Day arithmetic in the demo's zone, for this transaction only. */
  async setLocalTimeZone(timeZone: string): Promise<void> {
    await this.db.query(`SET LOCAL TIME ZONE '${timeZone}'`);
  }

  /** When the demo was last dated, its anchor row locked so concurrent starts move it once. */
  async lockAnchor(programId: string): Promise<Date> {
    const [{ dated_at: datedAt }] = (await this.db.query(
      'SELECT dated_at FROM demo_anchor WHERE program_id = $1 FOR UPDATE',
      [programId],
    )) as { dated_at: Date }[];
    return datedAt;
  }

  /** `from` plus whole days, in the session's time zone. */
  async addDays(from: Date, days: number): Promise<Date> {
    const [{ moved_to: movedTo }] = (await this.db.query(
      `SELECT $1::timestamptz + $2::int * interval '1 day' AS moved_to`,
      [from, days],
    )) as { moved_to: Date }[];
    return movedTo;
  }

  /**
   * Moves one table's dated columns of the demo's rows. `parameters` are, in order, the
   * program, the last dating, now, the days, the new dating and the squeeze (see `moved`).
   */
  async moveDates(
    { table, timestamps, dates = [], where = OF_DEMO_PARTICIPANTS, appendOnly }: DemoDatedTable,
    parameters: [string, Date, Date, number, Date, number],
  ): Promise<void> {
    const sets = [
      ...timestamps.map((column) => `${column} = ${moved(column)}`),
      ...dates.map((column) => `${column} = (${moved(`${column}::timestamptz`)})::date`),
    ];
    // Append-only tables refuse every UPDATE by trigger. The trigger is held off inside
    // this transaction only: ALTER TABLE locks the table against every other writer until
    // the commit, and it is back on before the commit, so no other session ever sees it
    // off, and only the demo program's rows change (their dates, never their text).
    if (appendOnly) await this.db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${appendOnly}`);
    await this.db.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${where}`, parameters);
    if (appendOnly) await this.db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${appendOnly}`);
  }

  async setAnchor(programId: string, datedAt: Date): Promise<void> {
    await this.db.query('UPDATE demo_anchor SET dated_at = $2 WHERE program_id = $1', [programId, datedAt]);
  }

  /**
   * Moves the demo participant's scheduled conference (if after `since`) to `when`, to an
   * absolute time, so running it again never doubles the move; how many rows moved.
   */
  async moveUpcomingConference(when: Date, participantEmail: string, since: Date): Promise<number> {
    const [, moved] = (await this.db.query(
      `UPDATE conference SET scheduled_for = $1, version = version + 1
      WHERE status = 'SCHEDULED' AND scheduled_for <> $1
        AND participant_id = (SELECT participant_id FROM account WHERE email = $2)
        AND scheduled_for > $3`,
      [when, participantEmail, since],
    )) as [unknown, number];
    return moved;
  }

  /** The seed's past meeting happened when it was scheduled (services stamp the seeding time). */
  async backdateMeetingToSchedule(conferenceId: string): Promise<void> {
    await this.db.query(
      `UPDATE conference SET started_at = scheduled_for, closed_at = scheduled_for + interval '1 hour' WHERE id = $1`,
      [conferenceId],
    );
  }

  scheduledSummaries(programId: string): Promise<ScheduledSummaryRow[]> {
    return this.db.query(
      `SELECT e.id, e.payload ->> 'summary' AS summary, c.scheduled_for, c.time_zone
       FROM plan_event e JOIN conference c ON c.id::text = e.payload ->> 'conferenceId'
      WHERE e.type = 'CONFERENCE_SCHEDULED' AND e.${OF_DEMO_PARTICIPANTS}`,
      [programId],
    );
  }

  async setSummary(eventId: string, summary: string): Promise<void> {
    await this.db.query(
      `UPDATE plan_event SET payload = jsonb_set(payload, '{summary}', to_jsonb($2::text)) WHERE id = $1`,
      [eventId, summary],
    );
  }
}
