import { ValidateBy, type ValidationOptions } from 'class-validator';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A real calendar day as YYYY-MM-DD (not 2026-02-30, not a week date), year 1 or later. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  if (!match || Number(match[1]) < 1) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** A moment with its offset (2026-12-03T10:30:00-08:00 or …Z): never read in the server's own zone. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isLocalDate', validator: { validate: isLocalDate, defaultMessage: () => 'must be a day as YYYY-MM-DD' } },
    options,
  );
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: () => 'must be a date and time with its offset, e.g. 2026-12-03T10:30:00-08:00',
      },
    },
    options,
  );
}
