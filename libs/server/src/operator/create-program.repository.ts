import type { EntityManager } from 'typeorm';

/**
 * The checks create-program makes inside its transaction: the SQL lives here, the operator
 * command keeps the rules. A plain class (the command is not DI-created); every method runs
 * in the caller's transaction through its manager.
 */
export class CreateProgramRepository {
  /** Serialises concurrent runs until the transaction ends, so "refuses to run twice" holds under a race. */
  async lock(manager: EntityManager, lockName: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockName]);
  }

  /** The program already called this, whatever its case. */
  async programNamed(manager: EntityManager, name: string): Promise<{ id: string } | undefined> {
    const [existing] = (await manager.query('SELECT id FROM program WHERE lower(name) = lower($1)', [name])) as {
      id: string;
    }[];
    return existing;
  }

  async emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    const [taken] = (await manager.query('SELECT 1 FROM account WHERE email = $1', [email])) as unknown[];
    return taken !== undefined;
  }
}
