import { timeAgo } from './format';

describe('timeAgo: how long ago, the way people say it', () => {
  const now = new Date(2026, 10, 29, 9, 30);
  const daysBefore = (days: number, hour = 18) => new Date(2026, 10, 29 - days, hour).toISOString();

  it('counts calendar days, not hours: last night is yesterday', () => {
    expect(timeAgo(daysBefore(0, 8), 'en', now)).toBe('today');
    expect(timeAgo(daysBefore(1, 23), 'en', now)).toBe('yesterday');
    expect(timeAgo(daysBefore(2), 'en', now)).toBe('2 days ago');
    expect(timeAgo(daysBefore(13), 'en', now)).toBe('13 days ago');
  });

  it('says weeks, then months, for longer gaps: a date, never a verdict', () => {
    expect(timeAgo(daysBefore(14), 'en', now)).toBe('2 weeks ago');
    expect(timeAgo(daysBefore(60), 'en', now)).toBe('8 weeks ago');
    expect(timeAgo(daysBefore(95), 'en', now)).toBe('3 months ago');
  });

  it('speaks Spanish, and a clock running ahead is still today', () => {
    expect(timeAgo(daysBefore(2), 'es', now)).toBe('anteayer');
    expect(timeAgo(daysBefore(9), 'es', now)).toBe('hace 9 días');
    expect(timeAgo(new Date(2026, 10, 30, 12).toISOString(), 'en', now)).toBe('today');
  });
});
