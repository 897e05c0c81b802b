import { AccountKind } from '@roundtable/contracts';
import { isAdministrator, isSupervisor, type Actor } from '@roundtable/identity';
import { forbidden } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** The account kinds that look after their own sign-in (no administrator resets it for them). */
const SELF_SERVICE_KINDS: ReadonlySet<AccountKind> = new Set([AccountKind.PARTICIPANT, AccountKind.SUPPORT_PERSON]);

/**
 * Accounts and their own sign-in ("Who does what" in docs/product-rules.md, and rule 1:
 * separation of duties, so no one account both mints a credential and makes it act).
 * libs/identity cannot import libs/access (it sits below it), so AccountsResolver and
 * CredentialsResolver (in libs/access) call these before the identity services do the work,
 * and hand AccountsService the one check that must run on the row it locks. The checks that
 * need the caller's program return its id (what they proved), for the caller to use.
 */
export class AccountPolicy {
  /** "Who does what": program administrators manage staff accounts of their program (and see no plan). */
  static administerStaff(actor: Actor): string {
    if (!isAdministrator(actor) || !actor.programId) throw forbidden('Only a program administrator can do this');
    return actor.programId;
  }

  /**
   * Any staff member may know the program they work in (its name and when it began).
   * Participants and support persons have no program screen, as with every staff-only
   * program operation.
   */
  static readProgram(actor: Actor): string {
    if (actor.kind !== AccountKind.STAFF || !actor.programId) throw forbidden('Only program staff can do this');
    return actor.programId;
  }

  /**
   * Who sees the staff accounts counted by state: administrators (they manage the accounts)
   * and supervisors (they confirm them, rule 1). Counts of staff only, never of participants.
   */
  static seesStaffCounts(actor: Actor): boolean {
    return isAdministrator(actor) || isSupervisor(actor);
  }

  /** "Who does what": the program administrator manages the program, and only theirs. */
  static renameProgram(actor: Actor): string {
    if (!isAdministrator(actor) || !actor.programId)
      throw forbidden('Only a program administrator can rename the program');
    return actor.programId;
  }

  /** Rule 1: a program supervisor confirms an invited staff member before the account can act. */
  static confirmStaffAccount(actor: Actor): string {
    if (!isSupervisor(actor) || !actor.programId)
      throw forbidden('Only a program supervisor can confirm a staff account');
    return actor.programId;
  }

  /**
   * Rule 1, on the account found (NOT_FOUND before this if it is not a staff account of the
   * supervisor's program): never the person who invited it, never the account itself.
   */
  static confirmStaffAccountOf(
    actor: Pick<Actor, 'accountId'>,
    account: { id: string; invitedBy: string | null },
  ): void {
    if (account.id === actor.accountId || account.invitedBy === actor.accountId)
      throw forbidden('Someone other than the person who invited this account must confirm it');
  }

  /**
   * Rule 1: participants and support persons make their own recovery codes; staff ask an
   * administrator, so a staff sign-in never outlives what the program knows of it.
   */
  static regenerateRecoveryCodes(actor: Pick<Actor, 'kind'>): void {
    if (!SELF_SERVICE_KINDS.has(actor.kind))
      throw forbidden('Recovery codes are for participants and support persons; staff ask an administrator');
  }
}

/**
 * Who may, per account permission (authorize dispatches on these). account.confirmStaff is
 * checked twice: the caller's role first, then (on the locked row) who invited the account.
 */
export const ACCOUNT_RULES = {
  'account.listProgramStaff': AccountPolicy.administerStaff,
  'account.inviteStaff': AccountPolicy.administerStaff,
  'program.read': AccountPolicy.readProgram,
  'program.rename': AccountPolicy.renameProgram,
  'account.confirmStaff': AccountPolicy.confirmStaffAccount,
  'account.confirmStaff:ofAccount': AccountPolicy.confirmStaffAccountOf,
  'signIn.regenerateRecoveryCodes': AccountPolicy.regenerateRecoveryCodes,
} as const satisfies RuleTable;
