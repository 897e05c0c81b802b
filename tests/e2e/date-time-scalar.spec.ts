import { seededRandom, withAdminClient } from '@roundtable/testing';
import { DateTimeScalar, isoDateTimeSql, type IsoDateTime } from '@roundtable/platform';

/**
 * The schema's DateTime: an instant PostgreSQL wrote with isoDateTimeSql goes out exactly as
 * the same instant read as a Date would (issue 18 skips the Date for progress series).
 */
describe('DateTime', () => {
  it('writes a Date as toISOString, passes an IsoDateTime through, and refuses anything else', () => {
    const at = new Date('2026-11-30T09:05:07.123Z');
    expect(DateTimeScalar.serialize(at)).toBe('2026-11-30T09:05:07.123Z');
    expect(DateTimeScalar.serialize('2026-11-30T09:05:07.123Z')).toBe('2026-11-30T09:05:07.123Z');
    for (const other of ['2026-11-30', '2026-11-30T09:05:07Z', '2026-11-30T09:05:07.123+00:00', 42, {}]) {
      expect(DateTimeScalar.serialize(other)).toBeNull();
    }
  });

  it('isoDateTimeSql writes what a Date read from the same timestamptz would, to the millisecond', async () => {
    const { next } = seededRandom('date-time scalar');
    // Microseconds included: PostgreSQL keeps them, a Date keeps milliseconds (truncated).
    const instants = Array.from({ length: 300 }, () => Math.floor(next() * 4_102_444_800_000_000)); // 1970..2100, µs
    instants.push(0, 999, 1_000, 951_782_399_999_999); // the epoch, under a millisecond, a second's last microsecond
    const rows = await withAdminClient((client) =>
      client.query<{ iso: IsoDateTime; at: Date }>(
        `SELECT ${isoDateTimeSql('t')} AS iso, t AS at
           FROM unnest($1::float8[]) AS u(us), LATERAL (SELECT to_timestamp(0) + u.us * interval '1 microsecond' AS t) x`,
        [instants],
      ),
    );
    expect(rows.rows).toHaveLength(instants.length);
    for (const row of rows.rows) expect(DateTimeScalar.serialize(row.iso)).toBe(row.at.toISOString());
  });
});
