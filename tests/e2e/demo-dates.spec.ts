import { DataSource } from 'typeorm';
import { ProgramRole } from '@roundtable/contracts';
import { localTime } from '@roundtable/conference';
import { ManualClock } from '@roundtable/platform';
import {
  createProgram,
  DEMO_DATED,
  DEMO_PROGRAM,
  DEMO_TIME_ZONE,
  DEMO_UNDATED,
  nextWeekThursdayAtTen,
  redateDemo,
  startDemo,
} from '@roundtable/server';
import {
  createTestDatabase,
  DEMO_PASSWORD,
  errorCode,
  signIn,
  signInDemo,
  startTestApp,
  type SignedIn,
  type TestApp,
  type TestDatabase,
} from '@roundtable/testing';

const DAY = 86_400_000;
const HOUR = 3_600_000;
// Thursday 2026-01-15, 01:00 in Vancouver; no daylight-saving change in the next 45 days.
const T0 = new Date('2026-01-15T09:00:00.000Z');
const OF_DEMO_PARTICIPANTS = 'participant_id IN (SELECT id FROM participant WHERE program_id = $1)';
const REFRESH = 'mutation R($t: String!) { refresh(refreshToken: $t) { accessToken } }';
const REVOKE = 'mutation R($input: GrantIdInput!) { revokeVisibility(input: $input) { id revokedAt } }';
const RECORD = 'mutation R($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id win { id } } }';

const local = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: DEMO_TIME_ZONE,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

describe('demo data on every start', () => {
  let database: TestDatabase;
  let t: TestApp;
  let db: DataSource;
  let programId: string;
  let samId: string;

  const start = async (at: Date) => {
    t = await startTestApp({ database, seedDemo: true, clock: new ManualClock(at) });
    db = t.app.get(DataSource);
  };
  /** Stops the app and starts it again over the same database, the clock at `at`. */
  const restart = async (at: Date) => {
    await t.close();
    await start(at);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await start(T0);
    [{ program_id: programId, participant_id: samId }] = (await db.query(
      "SELECT a.program_id, p.participant_id FROM account a, account p WHERE a.email = 'cm@demo.test' AND p.email = 'participant@demo.test'",
    )) as { program_id: string; participant_id: string }[];
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  const one = async <T>(sql: string, parameters: unknown[] = []): Promise<T> =>
    ((await db.query(sql, parameters)) as T[])[0];
  const anchor = async () =>
    (await one<{ dated_at: Date }>('SELECT dated_at FROM demo_anchor WHERE program_id = $1', [programId])).dated_at;

  /** Rows per table, in every table of the schema. */
  const census = async () => {
    const tables = (await db.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )) as { table_name: string }[];
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables)
      counts[table] = (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).n;
    return counts;
  };

  /** Every row of the demo program's dated tables (which: true), or of everyone else's (false). */
  const rows = async (demo: boolean) => {
    const all: Record<string, string[]> = {};
    for (const { table, where = OF_DEMO_PARTICIPANTS } of DEMO_DATED) {
      const found = (await db.query(
        `SELECT row_to_json(x)::text AS row FROM ${table} x WHERE (${where}) IS ${demo ? '' : 'NOT '}TRUE ORDER BY 1`,
        [programId],
      )) as { row: string }[];
      all[table] = found.map((r) => r.row);
    }
    return all;
  };

  /** The columns a start never moves, in every row (the outbox's published_at aside: the sweeper sets it). */
  const undated = async () => {
    const all: Record<string, string[]> = {};
    for (const [table, { columns }] of Object.entries(DEMO_UNDATED)) {
      if (table === 'demo_anchor') continue;
      const kept = columns.filter((column) => column !== 'published_at');
      const found = (await db.query(
        `SELECT json_build_array(${kept.join(', ')})::text AS row FROM ${table} ORDER BY 1`,
      )) as { row: string }[];
      all[table] = found.map((r) => r.row);
    }
    return all;
  };

  /** Per dated column of the demo: how many values lie after `now` (what is still ahead). */
  const ahead = async (now: Date) => {
    const counts: Record<string, number> = {};
    for (const { table, timestamps, where = OF_DEMO_PARTICIPANTS } of DEMO_DATED)
      for (const column of timestamps)
        counts[`${table}.${column}`] = (
          await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE (${where}) AND ${column} > $2`, [
            programId,
            now,
          ])
        ).n;
    return counts;
  };

  /** The newest of what the demo's story says happened, and its fixed points. */
  const story = async () =>
    one<Record<string, Date>>(
      `SELECT (SELECT max(occurred_at) FROM win WHERE participant_id = $1) AS win,
              (SELECT max(at) FROM measurement WHERE participant_id = $1) AS measurement,
              (SELECT max(occurred_at) FROM plan_event WHERE participant_id = $1) AS event,
              (SELECT max(at) FROM contact WHERE participant_id = $1) AS contact,
              (SELECT created_at FROM participant WHERE id = $1) AS joined,
              (SELECT scheduled_for FROM conference WHERE participant_id = $1 AND status = 'CLOSED') AS past,
              (SELECT closed_at FROM conference WHERE participant_id = $1 AND status = 'CLOSED') AS closed,
              (SELECT scheduled_for FROM conference WHERE participant_id = $1 AND status = 'SCHEDULED') AS upcoming,
              (SELECT max(created_at) FROM minutes_amendment WHERE participant_id = $1) AS amended,
              (SELECT min(ends_at) FROM consent_grant WHERE participant_id = $1) AS consent_ends`,
      [samId],
    );

  it("seeds next week's conference on Thursday of next week, and dates the demo from the seeding", async () => {
    expect((await story()).upcoming).toEqual(nextWeekThursdayAtTen(T0));
    expect(await anchor()).toEqual(T0);
  });

  it('a start 45 days later moves the whole demo six weeks forward, adding no row and touching nobody else', async () => {
    // Another program, with a participant and a contact of its own.
    const elsewhere = await createProgram(db, t.clock, {
      name: 'Elsewhere Outreach',
      accounts: [{ signIn: 'admin@elsewhere.test', programRole: ProgramRole.ADMINISTRATOR }],
    });
    await db.query(
      `WITH p AS (INSERT INTO participant (program_id, preferred_name, created_at, version) VALUES ($1, 'Robin', $3, 1) RETURNING id)
       INSERT INTO contact (participant_id, account_id, mode, at, created_at) SELECT id, $2, 'PHONE', $3, $3 FROM p`,
      [elsewhere.programId, elsewhere.accounts[0].accountId, new Date(T0.getTime() - 3 * DAY)],
    );
    // A sign-in at T0: its refresh token expires 30 days later.
    const cm: SignedIn = await signIn(t.gql, 'cm@demo.test', DEMO_PASSWORD);
    const later = new Date(T0.getTime() + 45 * DAY);
    const before = {
      census: await census(),
      story: await story(),
      others: await rows(false),
      undated: await undated(),
      ahead: await ahead(later),
      timeline: await db.query('SELECT id FROM plan_event WHERE participant_id = $1 ORDER BY occurred_at, id', [samId]),
    };

    await restart(later);

    // Whole weeks: 45 days is six weeks and three days; no daylight-saving change between.
    expect(await anchor()).toEqual(new Date(T0.getTime() + 42 * DAY));
    expect(await census()).toEqual(before.census);
    expect(await rows(false)).toEqual(before.others);
    expect(await undated()).toEqual(before.undated);
    const after = await story();
    const now = t.clock.now().getTime();
    // As recent relative to now as they were relative to T0 (three days of rounding), on the same weekday and hour.
    for (const key of ['win', 'measurement', 'event', 'contact', 'joined', 'past', 'closed', 'amended'] as const) {
      expect(now - after[key].getTime() - (T0.getTime() - before.story[key].getTime())).toBe(3 * DAY);
      expect(local(after[key])).toBe(local(before.story[key]));
    }
    expect(after.consent_ends.getTime() - before.story.consent_ends.getTime()).toBe(42 * DAY);
    // The past conference is still past and closed, its amendment still after it.
    expect(after.past.getTime()).toBeLessThan(now);
    expect(after.amended.getTime()).toBeGreaterThan(after.closed.getTime());
    // The upcoming one: Thursday of next week, 10:00 in Vancouver, ahead (4 days from this Sunday).
    expect(after.upcoming).toEqual(nextWeekThursdayAtTen(t.clock.now()));
    expect(local(after.upcoming)).toBe('Thursday 10:00');
    expect(after.upcoming.getTime()).toBeGreaterThan(now);
    expect(after.upcoming.getTime() - now).toBeLessThan(7 * DAY);
    const summaries = (await db.query(
      `SELECT e.payload ->> 'summary' AS summary FROM plan_event e
        WHERE e.type = 'CONFERENCE_SCHEDULED' AND e.participant_id = $1 ORDER BY e.seq`,
      [samId],
    )) as { summary: string }[];
    expect(summaries.map((s) => s.summary)).toEqual([
      `Care conference scheduled: Monthly care conference, ${localTime(after.past, DEMO_TIME_ZONE)} (${DEMO_TIME_ZONE})`,
      `Care conference scheduled: Care conference, ${localTime(after.upcoming, DEMO_TIME_ZONE)} (${DEMO_TIME_ZONE})`,
    ]);
    // What lay ahead still does and nothing else (the upcoming conference moved ahead again);
    // the timeline keeps its order.
    expect(await ahead(t.clock.now())).toEqual({
      ...before.ahead,
      'conference.scheduled_for': before.ahead['conference.scheduled_for'] + 1,
    });
    expect(
      await db.query('SELECT id FROM plan_event WHERE participant_id = $1 ORDER BY occurred_at, id', [samId]),
    ).toEqual(before.timeline);
    // The sign-in from 45 days ago stays expired.
    expect(errorCode(await t.gql.request(REFRESH, { t: cm.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('a second start at the same instant moves nothing', async () => {
    const before = { demo: await rows(true), anchor: await anchor() };
    await restart(t.clock.now());
    expect(await rows(true)).toEqual(before.demo);
    expect(await anchor()).toEqual(before.anchor);
    expect(await startDemo(t.app, DEMO_PASSWORD)).toEqual({ seeded: false, weeks: 0, conferenceMoved: false });
  });

  it('what people did in the demo since stays in the past and in order; a revoked grant stays revoked', async () => {
    const dated = await anchor(); // T0 + 42 days
    t.clock.set(new Date(dated.getTime() + 23 * DAY));
    const as = await signInDemo(t.gql, ['sam']);
    const grants = (await db.query(
      `SELECT g.id, a.email, g.starts_at, g.ends_at FROM consent_grant g JOIN account a ON a.id = g.grantee_account
        WHERE g.participant_id = $1`,
      [samId],
    )) as { id: string; email: string; starts_at: Date; ends_at: Date }[];
    const md = grants.find((g) => g.email === 'md@demo.test')!;
    const cm = grants.find((g) => g.email === 'cm@demo.test')!;
    await t.gql.data(REVOKE, { input: { grantId: md.id } }, { token: as.sam.accessToken });
    t.clock.advance(60_000);
    const life = await one<{ id: string }>(
      "SELECT id FROM metric WHERE participant_id = $1 AND name LIKE 'How life%'",
      [samId],
    );
    const recorded = await t.gql.data<{ recordMeasurement: { id: string; win: { id: string } | null } }>(
      RECORD,
      { input: { metricId: life.id, value: 9, source: 'SELF_REPORT' } },
      { token: as.sam.accessToken },
    );
    expect(recorded.recordMeasurement.win).not.toBeNull();
    const seededLatest = await one<{ at: Date }>(
      'SELECT max(at) AS at FROM measurement WHERE participant_id = $1 AND id <> $2',
      [samId, recorded.recordMeasurement.id],
    );

    // 31 days after the last dating: four whole weeks.
    const now = new Date(dated.getTime() + 31 * DAY);
    await restart(now);

    const moved = await one<{
      revoked_at: Date;
      md_ends: Date;
      cm_starts: Date;
      cm_ends: Date;
      at: Date;
      seeded: Date;
    }>(
      `SELECT (SELECT revoked_at FROM consent_grant WHERE id = $1) AS revoked_at,
              (SELECT ends_at FROM consent_grant WHERE id = $1) AS md_ends,
              (SELECT starts_at FROM consent_grant WHERE id = $2) AS cm_starts,
              (SELECT ends_at FROM consent_grant WHERE id = $2) AS cm_ends,
              (SELECT at FROM measurement WHERE id = $3) AS at,
              (SELECT max(at) FROM measurement WHERE participant_id = $4 AND id <> $3) AS seeded`,
      [md.id, cm.id, recorded.recordMeasurement.id, samId],
    );
    // Four weeks in Vancouver's days, across the change to daylight time on 8 March: an hour
    // less in absolute time, the same time on the clock.
    expect((await anchor()).getTime() - dated.getTime()).toBe(28 * DAY - HOUR);
    // The revocation and the new measurement happened: still in the past, after everything seeded.
    expect(moved.revoked_at.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(moved.at.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(moved.at.getTime()).toBeGreaterThan(moved.seeded.getTime());
    expect(moved.revoked_at.getTime()).toBeLessThan(moved.at.getTime());
    expect(moved.seeded.getTime() - seededLatest.at.getTime()).toBe(28 * DAY - HOUR);
    expect(local(moved.seeded)).toBe(local(seededLatest.at));
    // The grant Sam kept is still in force and keeps its length; the one they revoked stays revoked.
    expect(moved.cm_starts.getTime()).toBeLessThanOrEqual(now.getTime());
    // (A year ahead, where time-zone databases disagree on British Columbia's clocks: to the hour.)
    expect(Math.abs(moved.cm_ends.getTime() - cm.ends_at.getTime() - 28 * DAY)).toBeLessThanOrEqual(HOUR);
    expect(moved.md_ends.getTime()).toBeGreaterThan(now.getTime());
    const consent = await t.gql.data<{ consentGrants: { id: string; active: boolean }[] }>(
      'query C($id: ID!) { consentGrants(participantId: $id) { id active } }',
      { id: samId },
      { token: (await signInDemo(t.gql, ['sam'])).sam.accessToken },
    );
    expect(consent.consentGrants.find((g) => g.id === md.id)!.active).toBe(false);
    expect(consent.consentGrants.find((g) => g.id === cm.id)!.active).toBe(true);
  });

  it('two starts at once move the demo once', async () => {
    const dated = await anchor();
    const now = new Date(dated.getTime() + 15 * DAY);
    const results = await Promise.all([redateDemo(db, now), redateDemo(db, now)]);
    expect(results.map((r) => r.weeks).sort()).toEqual([0, 2]);
    expect(await anchor()).toEqual(new Date(dated.getTime() + 14 * DAY));
  });

  it('a demo seeded before the anchor existed is dated from its creation; a program not named like it is never moved', async () => {
    const dated = await anchor();
    const now = new Date(dated.getTime() + 10 * DAY);
    await db.query('DELETE FROM demo_anchor');
    await db.query("UPDATE program SET name = 'Somewhere real' WHERE id = $1", [programId]);
    const before = await rows(true);
    expect(await redateDemo(db, now)).toEqual({ programId: null, weeks: 0, conferenceMoved: false });
    expect(await rows(true)).toEqual(before);
    expect(await db.query('SELECT * FROM demo_anchor')).toEqual([]);

    await db.query('UPDATE program SET name = $2 WHERE id = $1', [programId, DEMO_PROGRAM]);
    // The seed dates the program 400 days before the seeding, so that is where the demo stood
    // (to the hour: the program's date has moved across daylight-saving changes since).
    expect((await redateDemo(db, now)).weeks).toBe(1);
    expect(Math.abs((await anchor()).getTime() - dated.getTime() - 7 * DAY)).toBeLessThanOrEqual(HOUR);
  });

  it('every dated column of the schema is either moved for the demo or left alone on purpose', async () => {
    const columns = (await db.query(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('timestamp with time zone', 'timestamp without time zone', 'date')
        ORDER BY 1`,
    )) as { name: string }[];
    const moved = DEMO_DATED.flatMap(({ table, timestamps, dates = [] }) =>
      [...timestamps, ...dates].map((column) => `${table}.${column}`),
    );
    const alone = Object.entries(DEMO_UNDATED).flatMap(([table, { columns: kept }]) =>
      kept.map((column) => `${table}.${column}`),
    );
    expect(moved.filter((name) => alone.includes(name))).toEqual([]);
    expect([...moved, ...alone].sort()).toEqual(columns.map((c) => c.name).sort());
  });
});
