import { badUserInput } from '@roundtable/platform';

/** An IANA time zone the runtime knows, or BAD_USER_INPUT naming the field. */
export function assertTimeZone(timeZone: string, field: string): void {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    throw badUserInput(field, `${field}: not a time zone we know (use an IANA name like "America/Vancouver")`);
  }
}

/** "2026-11-23 10:00" in the given zone: the meeting's own local time. */
export function localTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
