import { AccountKind, ProgramRole } from '@roundtable/contracts';
import { isAdministrator, isSupervisor, type AccountEntity, type Actor } from '@roundtable/identity';
import { badUserInput, forbidden, notFound } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** What a permitted deactivation or reactivation must also do. */
export interface AccountChangeRules {
  /** Participants who are told (their access log), with the reason. */
  participantIds: string[];
  /** A reason is required: the sign-in belongs to a participant or their support person (rule 12). */
  reasonRequired: boolean;
}

/**
 * What AccountLifecyclePolicy found out about a participant's or support person's account:
 * the participants it belongs to; unless the role already answers, whether the actor is
 * their primary case manager; if not, whether the actor knows any of them (rule 11).
 */
export interface AccountParticipantsFacts {
  participantIds: string[];
  primaryCaseManager?: boolean;
  knowsParticipant?: boolean;
}

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

  /**
   * Who may switch an account's sign-in off or on (rules 1, 12), on the account alone: never
   * your own; a staff account only by an administrator of its program (their colleagues are
   * told no, anyone else NOT_FOUND). Null for a participant's or support person's account:
   * the participants it belongs to decide (changeActiveOfParticipants).
   */
  static changeActive(
    actor: Actor,
    target: Pick<AccountEntity, 'id' | 'kind' | 'programId'>,
  ): AccountChangeRules | null {
    if (target.id === actor.accountId)
      throw badUserInput('input.accountId', 'input.accountId: you cannot change your own account this way');
    if (target.kind !== AccountKind.STAFF) return null;
    if (isAdministrator(actor) && AccountPolicy.sameProgram(actor, target))
      return { participantIds: [], reasonRequired: false };
    if (AccountPolicy.sameProgram(actor, target))
      throw forbidden('Only a program administrator can deactivate a staff account');
    throw notFound();
  }

  /**
   * Where the role alone answers for a participant's or support person's account: the
   * participant acting on their own support person's, or a supervisor of the program.
   */
  static changeActiveDecidedByRole(actor: Actor, target: Pick<AccountEntity, 'kind' | 'programId'>): boolean {
    return (
      (target.kind === AccountKind.SUPPORT_PERSON && actor.kind === AccountKind.PARTICIPANT) ||
      (isSupervisor(actor) && AccountPolicy.sameProgram(actor, target))
    );
  }

  /**
   * Rules 1 and 12, a participant's or support person's account: a support person's by the
   * participant they support; either by the participant's primary case manager or a supervisor
   * of the program, never an administrator (who sees no plan). A reason is required and shown
   * to the participant. Those who know the participant are told no; anyone else NOT_FOUND.
   */
  static changeActiveOfParticipants(
    actor: Actor,
    target: Pick<AccountEntity, 'kind' | 'programId'>,
    facts: AccountParticipantsFacts,
  ): AccountChangeRules {
    const rules = { participantIds: facts.participantIds, reasonRequired: true };
    if (target.kind === AccountKind.SUPPORT_PERSON && actor.kind === AccountKind.PARTICIPANT) {
      if (actor.participantId && facts.participantIds.includes(actor.participantId)) return rules;
      throw notFound();
    }
    if (isSupervisor(actor) && AccountPolicy.sameProgram(actor, target)) return rules;
    if (facts.primaryCaseManager) return rules;
    if (
      facts.knowsParticipant ||
      (AccountPolicy.sameProgram(actor, target) && actor.programRole === ProgramRole.ADMINISTRATOR)
    ) {
      throw forbidden(
        "Only the participant's primary case manager or a program supervisor can switch this sign-in off or on",
      );
    }
    throw notFound();
  }

  private static sameProgram(actor: Actor, target: Pick<AccountEntity, 'programId'>): boolean {
    return actor.kind === AccountKind.STAFF && actor.programId === target.programId;
  }
}

/**
 * Who may, per account permission (authorize dispatches on these). account.confirmStaff is
 * checked twice: the caller's role first, then (on the locked row) who invited the account.
 * account.changeActive too: on the account alone, then (for a participant's or support
 * person's account) on the participants it belongs to.
 */
export const ACCOUNT_RULES = {
  'account.listProgramStaff': AccountPolicy.administerStaff,
  'account.inviteStaff': AccountPolicy.administerStaff,
  'program.read': AccountPolicy.readProgram,
  'program.rename': AccountPolicy.renameProgram,
  'account.confirmStaff': AccountPolicy.confirmStaffAccount,
  'account.confirmStaff:ofAccount': AccountPolicy.confirmStaffAccountOf,
  'signIn.regenerateRecoveryCodes': AccountPolicy.regenerateRecoveryCodes,
  'account.changeActive': AccountPolicy.changeActive,
  'account.changeActive:ofParticipants': AccountPolicy.changeActiveOfParticipants,
} as const satisfies RuleTable;
