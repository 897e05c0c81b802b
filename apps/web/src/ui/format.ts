export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatMonth(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'long' }).format(new Date(iso));
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}

export interface MeetingTime {
  weekday: string;
  day: string;
  month: string;
  year: string;
  time: string;
  /** False when the year needs saying (not this year). */
  thisYear: boolean;
}

/**
 * The pieces of "Thursday 3 December, 10:00", in the meeting's own time zone (where the team
 * meets), for the catalogue to put in the order each language says them.
 */
export function meetingTime(iso: string, timeZone: string, language: string, now = new Date()): MeetingTime {
  const at = new Date(iso);
  const parts = (date: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone })
        .formatToParts(date)
        .map((part) => [part.type, part.value]),
    );
  const when = parts(at);
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
  return {
    weekday: when.weekday,
    day: when.day,
    month: when.month,
    year: when.year,
    time,
    thisYear: when.year === parts(now).year,
  };
}

/** A sentence starts with a capital letter (Spanish day names are written in lower case). */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** The pieces of "3 December 2026" (in the browser's time zone unless one is given). */
export function dayParts(
  iso: string,
  language: string,
  timeZone?: string,
): { day: string; month: string; year: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return { day: parts.day, month: parts.month, year: parts.year };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long ago a day was, said plainly ("today", "yesterday", "3 days ago", "2 weeks ago"),
 * counted in calendar days in the browser's time zone. A time a little in the future (a
 * clock running ahead) is "today".
 */
export function timeAgo(iso: string, language: string, now = new Date()): string {
  const startOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const days = Math.max(0, Math.round((startOf(now) - startOf(new Date(iso))) / DAY_MS));
  const say = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (days < 14) return say.format(-days, 'day');
  if (days < 61) return say.format(-Math.floor(days / 7), 'week');
  return say.format(-Math.floor(days / 30), 'month');
}
