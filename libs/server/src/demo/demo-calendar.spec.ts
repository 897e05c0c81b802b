import { DEMO_TIME_ZONE, nextWeekThursdayAtTen } from './demo-calendar';

const local = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: DEMO_TIME_ZONE,
    weekday: 'long',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

describe("the demo's upcoming conference: Thursday of next week, 10:00 in Vancouver", () => {
  it.each([
    ['a Monday', '2026-11-30T20:00:00Z', 'Thursday, 2026-12-10, 10:00'],
    ['a Sunday evening (already Monday in UTC)', '2026-11-30T05:00:00Z', 'Thursday, 2026-12-03, 10:00'],
    ['a Thursday', '2026-12-03T20:00:00Z', 'Thursday, 2026-12-10, 10:00'],
    ['a Saturday', '2026-12-05T20:00:00Z', 'Thursday, 2026-12-10, 10:00'],
    ['the week daylight saving starts', '2027-03-08T20:00:00Z', 'Thursday, 2027-03-18, 10:00'],
    ['the Friday before daylight saving ends', '2026-10-30T20:00:00Z', 'Thursday, 2026-11-05, 10:00'],
  ])('from %s', (_case, now, expected) => {
    expect(local(nextWeekThursdayAtTen(new Date(now)))).toBe(expected);
  });

  it('is always 4 to 10 days ahead, whatever the day', () => {
    for (let day = 0; day < 21; day++) {
      const now = new Date(Date.UTC(2026, 0, 1 + day, 12));
      const ahead = (nextWeekThursdayAtTen(now).getTime() - now.getTime()) / 86_400_000;
      expect(ahead).toBeGreaterThan(3);
      expect(ahead).toBeLessThan(11);
    }
  });
});
