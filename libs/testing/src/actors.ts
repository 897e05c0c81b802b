import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { actorFromRow, type Actor, type ActorAccountRow } from '@roundtable/identity';

/**
 * Actors as the Authenticator builds them, straight from account rows: for tests that call
 * policies and readers in-process. All accounts but participants' when no ids are given.
 */
export async function actorsFromAccounts(db: DataSource, accountIds?: readonly string[]): Promise<Actor[]> {
  const rows: ActorAccountRow[] = await db.query(
    `SELECT id AS account_id, kind, display_name, program_id, program_role, discipline, participant_id FROM account
      WHERE CASE WHEN $1::uuid[] IS NULL THEN kind <> 'PARTICIPANT' ELSE id = ANY($1) END ORDER BY id`,
    [accountIds ?? null],
  );
  return rows.map((row) => actorFromRow(row, randomUUID()));
}
