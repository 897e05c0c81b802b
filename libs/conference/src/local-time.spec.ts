import { assertTimeZone, localTime } from './local-time';

describe('local time', () => {
  it('shows the instant in the conference’s own zone, across a daylight-saving change', () => {
    expect(localTime(new Date('2026-07-01T17:00:00Z'), 'America/Vancouver')).toBe('2026-07-01 10:00');
    // Los Angeles: Vancouver keeps daylight time all year from November 2026 (tzdata 2026e).
    expect(localTime(new Date('2026-12-01T18:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-01 10:00');
    expect(localTime(new Date('2026-12-01T23:30:00Z'), 'Asia/Kolkata')).toBe('2026-12-02 05:00');
  });

  it('refuses a zone that does not exist, naming the field', () => {
    expect(() => assertTimeZone('Mars/Olympus', 'input.timeZone')).toThrow(/input.timeZone/);
    expect(() => assertTimeZone('Europe/Lisbon', 'input.timeZone')).not.toThrow();
  });
});
