import { GraphQLScalarType, Kind } from 'graphql';

/**
 * An instant already written exactly as the API writes every `DateTime`: `Date#toISOString()`
 * (`2026-11-30T09:00:00.000Z`), produced by `isoDateTimeOfUtcJson` from what PostgreSQL wrote. Hot reads that
 * return many instants (a progress series: 1,000 per screen) carry these instead of `Date`s:
 * parsing each into a `Date` and formatting it back was 7 % of the API's CPU (issue 18).
 */
export type IsoDateTime = string & { readonly isoDateTime: unique symbol };

/**
 * SQL for a timestamptz `column` that json_agg writes as UTC wall time, whatever the session's
 * time zone: `YYYY-MM-DDTHH:MM:SS` with 0 to 6 digits of fraction (trailing zeros dropped).
 * `isoDateTimeOfUtcJson` turns each into an `IsoDateTime`. Cheaper than having PostgreSQL
 * format them (to_char was a third of the progress series' statement time, issue 18).
 */
export function utcTimestampSql(column: string): string {
  return `(${column} AT TIME ZONE 'UTC')`;
}

/**
 * An instant json_agg wrote from `utcTimestampSql`, as the API writes every instant: three
 * digits of milliseconds, truncated as a Date keeps them, and `Z`.
 */
export function isoDateTimeOfUtcJson(text: string): IsoDateTime {
  if (text[4] === '-' && text[10] === 'T' && !text.endsWith(' BC')) {
    const fraction = text.slice(20, 23);
    return `${text.slice(0, 19)}.${fraction.padEnd(3, '0')}Z` as IsoDateTime;
  }
  return unusualYear(text);
}

/** A year before Christ (`0044-03-15T10:00:00.5 BC`) or past 9999, through a Date like any instant. */
function unusualYear(text: string): IsoDateTime {
  const [, year, month, day, hour, minute, second, fraction = '', bc] =
    /^(\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?( BC)?$/.exec(text) ?? [];
  if (year === undefined) throw new Error(`Not an instant PostgreSQL writes: ${text}`);
  const at = new Date(0);
  // PostgreSQL counts 1 BC as year 1; ISO 8601 (and a Date) call it year 0.
  at.setUTCFullYear(bc ? 1 - Number(year) : Number(year), Number(month) - 1, Number(day));
  at.setUTCHours(Number(hour), Number(minute), Number(second), Number(fraction.slice(0, 3).padEnd(3, '0')));
  return at.toISOString() as IsoDateTime;
}

/** The one place an `IsoDateTime` is turned back into a Date (a chart's arithmetic). */
export function dateOf(instant: IsoDateTime): Date {
  return new Date(instant);
}

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ`, or with a signed six-digit year (`-000043-…`) as toISOString
 * writes years outside 0..9999, checked by its fixed positions (a regular expression costs more).
 */
function isIsoDateTime(value: string): value is IsoDateTime {
  const year = value.length === 27 && (value[0] === '-' || value[0] === '+') ? 7 : 4;
  return (
    value.length === year + 20 &&
    value[year] === '-' &&
    value[year + 6] === 'T' &&
    value[year + 15] === '.' &&
    value[year + 19] === 'Z'
  );
}

/**
 * The schema's `DateTime`, as @nestjs/graphql's own (same name, description, input parsing and
 * output), except that an `IsoDateTime` goes out as it is instead of through a Date.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue(value) {
    return typeof value === 'number' ? new Date(value) : new Date(String(value));
  },
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && isIsoDateTime(value)) return value;
    return null;
  },
  parseLiteral(ast) {
    return ast.kind === Kind.STRING ? new Date(ast.value) : null;
  },
});
