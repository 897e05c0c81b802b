import { isInstant, isLocalDate } from './date-validators';

describe('date validators', () => {
  it('accepts only real calendar days as YYYY-MM-DD', () => {
    expect(['2026-12-15', '2028-02-29', '0001-01-01'].filter(isLocalDate)).toHaveLength(3);
    expect(
      ['2026-02-30', '0000-01-01', '2026-W48-1', '2026-327', '15/12/2026', '2026-12-15T00:00:00Z', 5].some(isLocalDate),
    ).toBe(false);
  });

  it('accepts only moments that carry their offset', () => {
    expect(['2026-12-03T18:30:00Z', '2026-12-03T10:30:00-08:00', '2026-12-03T10:30-08:00'].every(isInstant)).toBe(true);
    expect(
      ['2026-12-03T18:30:00', '2026-12-03', '2026-W48-1T10:00Z', '2026-13-03T10:00:00Z', null].some(isInstant),
    ).toBe(false);
  });
});
