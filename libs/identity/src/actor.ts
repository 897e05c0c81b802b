import type { AccountKind, Discipline, ProgramRole } from '@roundtable/contracts';
import type { AccountEntity } from './identity.entities';

/** Who is making this request, as established by the access token and a fresh account read. */
export interface Actor {
  accountId: string;
  sessionId: string;
  kind: AccountKind;
  displayName: string;
  programId: string | null;
  programRole: ProgramRole | null;
  discipline: Discipline | null;
  /** For a participant: their own participant record. */
  participantId: string | null;
}

/** An account as SQL returns it (snake_case columns): what an Actor is made from. */
export interface ActorAccountRow {
  account_id: string;
  kind: AccountKind;
  display_name: string;
  program_id: string | null;
  program_role: ProgramRole | null;
  discipline: Discipline | null;
  participant_id: string | null;
}

/** The one way an account row becomes an Actor (the Authenticator's, and tests' in-process actors). */
export function actorFromRow(row: ActorAccountRow, sessionId: string): Actor {
  return {
    accountId: row.account_id,
    sessionId,
    kind: row.kind,
    displayName: row.display_name,
    programId: row.program_id,
    programRole: row.program_role,
    discipline: row.discipline,
    participantId: row.participant_id,
  };
}

/** An account already loaded as an entity, as an Actor (in-process actors: audiences, the demo seed). */
export function actorFromAccount(account: AccountEntity, sessionId: string): Actor {
  return {
    accountId: account.id,
    sessionId,
    kind: account.kind,
    displayName: account.displayName,
    programId: account.programId,
    programRole: account.programRole,
    discipline: account.discipline,
    participantId: account.participantId,
  };
}
