/**
 * Pieces of a single-statement write (issue 18: an edit costs at most six statements). One
 * data-modifying statement is atomic in PostgreSQL, so a versioned change, the rows it brings
 * and its plan events need no BEGIN/COMMIT round trips when they are one `WITH … ` statement.
 * Each table's repository writes the piece for its own table (SQL stays in repositories);
 * the plan event log (PlanEventRepository.writeWithEvents) joins them into one statement.
 */

/** The parameters of one statement built from pieces written by several repositories. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and answers its placeholder (`$n`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The body of one CTE. `when` is an SQL condition the piece must put in its WHERE: it holds
 * only when every gate before this piece let the write through, so a stale version writes
 * nothing at all. A gate (see writeWithEvents) answers at least one row exactly when the
 * write may go on; any other piece needs no RETURNING.
 */
export type SqlPart = (params: SqlParams, when: string) => string;

/**
 * `UPDATE … SET …, version = version + 1 WHERE id = … AND version = …` as a gate: optimistic
 * concurrency (versionedUpdate) inside the single statement. The row update waits for a
 * concurrent writer of the row and re-checks the version against what it committed, so a
 * lost update is impossible. `table` and the column names come from code, never from input.
 */
export function versionedUpdatePart(
  table: string,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
): SqlPart {
  return (params, when) => {
    const set = Object.entries(changes).map(([column, value]) => `${column} = ${params.add(value)}`);
    return `UPDATE ${table} SET ${[...set, 'version = version + 1'].join(', ')}
             WHERE id = ${params.add(id)} AND version = ${params.add(expectedVersion)} AND ${when}
             RETURNING version`;
  };
}
