import { seededRandom, withAdminClient } from '@roundtable/testing';
import { DateTimeScalar, isoDateTimeOfUtcJson, utcTimestampSql } from '@roundtable/platform';

/**
 * The schema's DateTime: an instant json_agg wrote from utcTimestampSql, finished by
 * isoDateTimeOfUtcJson, goes out exactly as the same instant read as a Date would (issue 18
 * skips the Date, and PostgreSQL's to_char, for progress series).
 */
describe('DateTime', () => {
  it('writes a Date as toISOString, passes an IsoDateTime through, and refuses anything else', () => {
    const at = new Date('2026-11-30T09:05:07.123Z');
    expect(DateTimeScalar.serialize(at)).toBe('2026-11-30T09:05:07.123Z');
    expect(DateTimeScalar.serialize('2026-11-30T09:05:07.123Z')).toBe('2026-11-30T09:05:07.123Z');
    for (const other of [
      '2026-11-30',
      '2026-11-30T09:05:07Z',
      '+2026-11-30T09:05:07.12Z',
      '2026-11-30T09:05:07.123+00:00',
      42,
      {},
    ]) {
      expect(DateTimeScalar.serialize(other)).toBeNull();
    }
  });

  it('utcTimestampSql with isoDateTimeOfUtcJson writes what a Date read from the same timestamptz would, in any session time zone', async () => {
    const { next } = seededRandom('date-time scalar');
    // Microseconds included: PostgreSQL keeps them, a Date keeps milliseconds (truncated).
    const instants = Array.from({ length: 300 }, () => Math.floor(next() * 4_102_444_800_000_000)); // 1970..2100, µs
    instants.push(0, 999, 1_000, 100_000, 120_000, 123_400, 951_782_399_999_999); // fractions PostgreSQL shortens
    instants.push(-62_135_596_800_000_000, -63_587_484_000_000_000, 253_402_300_800_000_000); // 0001, 44 BC, 10000
    for (const zone of ['UTC', 'America/St_Johns', 'Asia/Kathmandu']) {
      const { times, dates } = await withAdminClient(async (client) => {
        await client.query(`SET TIME ZONE '${zone}'`);
        const written = `FROM unnest($1::float8[]) WITH ORDINALITY AS u(us, n),
              LATERAL (SELECT to_timestamp(0) + u.us * interval '1 microsecond' AS t) x`;
        const list = await client.query<{ times: string[] }>(
          `SELECT json_agg(${utcTimestampSql('t')} ORDER BY n) AS times ${written}`,
          [instants],
        );
        const each = await client.query<{ at: Date }>(`SELECT t AS at ${written} ORDER BY n`, [instants]);
        return { times: list.rows[0].times, dates: each.rows.map((row) => row.at) };
      });
      expect(times).toHaveLength(instants.length);
      dates.forEach((at, index) => {
        const iso = isoDateTimeOfUtcJson(times[index]);
        expect([zone, times[index], DateTimeScalar.serialize(iso)]).toEqual([zone, times[index], at.toISOString()]);
      });
    }
  });
});
