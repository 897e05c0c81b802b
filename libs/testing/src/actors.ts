import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '@roundtable/identity';

interface AccountRow {
  id: string;
  kind: Actor['kind'];
  display_name: string;
  program_id: string | null;
  program_role: Actor['programRole'];
  discipline: Actor['discipline'];
  participant_id: string | null;
}

/**
 * Actors as the Authenticator builds them, straight from account rows: for tests that call
 * policies and readers in-process. All accounts but participants' when no ids are given.
 */
export async function actorsFromAccounts(db: DataSource, accountIds?: readonly string[]): Promise<Actor[]> {
  const rows: AccountRow[] = await db.query(
    `SELECT id, kind, display_name, program_id, program_role, discipline, participant_id FROM account
      WHERE CASE WHEN $1::uuid[] IS NULL THEN kind <> 'PARTICIPANT' ELSE id = ANY($1) END ORDER BY id`,
    [accountIds ?? null],
  );
  return rows.map((row) => ({
    accountId: row.id,
    sessionId: randomUUID(),
    kind: row.kind,
    displayName: row.display_name,
    programId: row.program_id,
    programRole: row.program_role,
    discipline: row.discipline,
    participantId: row.participant_id,
  }));
}
