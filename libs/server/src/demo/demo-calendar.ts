import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_PARTICIPANT } from './demo-data';
import { DemoDatesRepository } from './demo-dates.repository';

export const DEMO_TIME_ZONE = 'America/Vancouver';
const DAY = 86_400_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function localParts(
  at: Date,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    weekday: WEEKDAYS.indexOf(parts.weekday) + 1,
  };
}

/** 10:00 local time in `timeZone` on the local day `days` after `now`'s (DST-safe). */
export function atTenLocal(now: Date, days: number, timeZone = DEMO_TIME_ZONE): Date {
  const today = localParts(now, timeZone);
  // A first guess at 10:00 UTC on that day, corrected by the zone's offset there.
  let guess = new Date(Date.UTC(today.year, today.month - 1, today.day + days, 10));
  for (let pass = 0; pass < 2; pass++)
    guess = new Date(guess.getTime() + (10 - localParts(guess, timeZone).hour) * 3_600_000);
  return guess;
}

/**
 * 10:00 local time on the Thursday of next week (weeks start on Monday) in `timeZone`.
 * Sam's update for that conference says why they can't come: they start at the food bank
 * on Thursdays, so the demo conference lands on a Thursday, next week, whatever today is.
 */
export function nextWeekThursdayAtTen(now: Date, timeZone = DEMO_TIME_ZONE): Date {
  return atTenLocal(now, daysToNextWeekThursday(now, timeZone), timeZone);
}

/** Days from today to the Thursday of next week (weeks start on Monday), in `timeZone`. */
export function daysToNextWeekThursday(now: Date, timeZone = DEMO_TIME_ZONE): number {
  return 7 - localParts(now, timeZone).weekday + 4;
}

/**
 * Keeps the demo's upcoming conference next week on every start (it was seeded relative to
 * the first run and would drift into the past; the whole-week move of redateDemo keeps its
 * weekday but not "next week"). Only the demo participant's scheduled conference moves, to an
 * absolute time, so running it after the move never doubles it; nothing is inserted, so
 * re-running never duplicates rows.
 */
export async function keepDemoConferenceNextWeek(db: DataSource | EntityManager, now: Date): Promise<number> {
  const when = nextWeekThursdayAtTen(now);
  return new DemoDatesRepository(db).moveUpcomingConference(
    when,
    DEMO_PARTICIPANT.email,
    new Date(now.getTime() - 400 * DAY),
  );
}
