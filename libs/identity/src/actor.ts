import type { AccountKind, Discipline, ProgramRole } from '@roundtable/contracts';

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
