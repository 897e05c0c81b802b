import { AccountKind, ProgramRole } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { forbidden, notFound } from '@roundtable/platform';
import { CompartmentRules, type StaffOnTeamFacts } from './compartment.rules';
import type { RuleTable } from './rule-table';

/** What the approval check needs to know about one set-up code. */
export interface SetupCodeSubject {
  accountId: string;
  participantId: string;
  programId: string;
  requestedBy: string | null;
}

/** Who reads a participant's set-up history: the participant themself, or else a staff member on their team. */
export type SetupHistoryReaderFacts = { isParticipant: true } | { isParticipant: false; team: StaffOnTeamFacts };

/**
 * Set-up codes: two people for every credential (docs/product-rules.md rule 1: helping
 * someone set up a sign-in never lets a team member become them; docs/credentials.md;
 * ARCHITECTURE "Separation of duties": no one account can both mint a credential and make it
 * work). CredentialsPolicy (credentials.policy.ts) loads the memberships these judge;
 * SignInSetupService asks the separation-of-duties questions at the same points as always.
 */
export class SignInSetupPolicy {
  /**
   * Requesting a set-up code: a staff member on the participant's care team. Never an
   * administrator (they are never on a team), a support person or the participant; anyone
   * who may not see the participant gets NOT_FOUND (rule 11).
   */
  static requestSetupCode(team: StaffOnTeamFacts): void {
    CompartmentRules.staffOnTeam(team);
  }

  /** Rule 1: nobody mints a credential for their own account. */
  static issueAwaitingApproval(actor: Pick<Actor, 'accountId'>, accountId: string): void {
    if (accountId === actor.accountId) throw forbidden('Nobody can create a set-up code for their own account');
  }

  /**
   * Rule 1: the requester never approves their own request. Checked after the code is found
   * (NOT_FOUND otherwise): the requester knows the code exists, so telling them why is no leak.
   */
  static approve(actor: Pick<Actor, 'accountId'>, code: { requestedBy: string | null }): void {
    if (code.requestedBy === actor.accountId)
      throw forbidden('You asked for this code: a second staff member must approve it from their own account');
  }

  /**
   * Where the approver's role alone answers: never an administrator, support person or
   * participant; never the requester (two sessions of one account are still one person) or
   * the account being set up; always a supervisor of the participant's program. Undefined
   * when it is their membership of the participant's care team that decides.
   */
  static approverByRole(actor: Actor, code: SetupCodeSubject): boolean | undefined {
    if (actor.kind !== AccountKind.STAFF || actor.programRole === ProgramRole.ADMINISTRATOR) return false;
    if (actor.accountId === code.requestedBy || actor.accountId === code.accountId) return false;
    if (actor.programRole === ProgramRole.SUPERVISOR && actor.programId === code.programId) return true;
    return undefined;
  }

  /**
   * Rule 1: approving needs a second staff member, from their own account: a supervisor of
   * the participant's program or another staff member on their care team (`staffOnTeam`,
   * asked only when the role does not answer). Anyone else gets NOT_FOUND (rule 11).
   */
  static approver(actor: Actor, code: SetupCodeSubject, facts: { staffOnTeam?: boolean }): void {
    if (!(SignInSetupPolicy.approverByRole(actor, code) ?? facts.staffOnTeam)) throw notFound();
  }

  /** Rule 12: the participant and the staff on their team read a participant's set-up history. */
  static readHistory(facts: SetupHistoryReaderFacts): void {
    if (facts.isParticipant) return;
    CompartmentRules.staffOnTeam(facts.team);
  }
}

/**
 * Who may, per set-up code permission (authorize dispatches on these). signInSetup.request is
 * checked twice: the team first, then (in the transaction, on the account found or created)
 * that it is not the requester's own; a support person's invitation issues a set-up code
 * under that second rule too. signInSetup.approve: the requester first, then the approver.
 */
export const SIGN_IN_SETUP_RULES = {
  'signInSetup.request': SignInSetupPolicy.requestSetupCode,
  'signInSetup.request:ownAccount': SignInSetupPolicy.issueAwaitingApproval,
  'careTeam.inviteSupportPerson': SignInSetupPolicy.issueAwaitingApproval,
  'signInSetup.approve': SignInSetupPolicy.approve,
  'signInSetup.approve:approver': SignInSetupPolicy.approver,
  'signInSetup.readHistory': SignInSetupPolicy.readHistory,
} as const satisfies RuleTable;
