import { LABEL_STRICTNESS } from '@roundtable/contracts';

/**
 * SQL for a label column's strictness rank, from LABEL_STRICTNESS (the one ordering), for the
 * repositories that only ever tighten labels (rule 10: an author may only make it stricter).
 * On its own file: repositories and write helpers both use it without importing each other.
 */
export function strictnessSql(column: string): string {
  const cases = Object.entries(LABEL_STRICTNESS)
    .map(([label, rank]) => `WHEN '${label}' THEN ${rank}`)
    .join(' ');
  return `(CASE ${column} ${cases} END)`;
}
