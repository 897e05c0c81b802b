import { AccountKind, AccountStatus, ProgramRole, TeamRole } from '@roundtable/contracts';
import type { AccountEntity, Actor } from '@roundtable/identity';
import { badUserInput, forbidden, notFound } from '@roundtable/platform';
import type { ParticipantFacts } from '../compartment.repository';
import type { ReadableFacts } from './compartment.rules';
import type { RuleTable } from './rule-table';

/** On what footing an actor was allowed: later rules (who may name a primary case manager) depend on it. */
export enum CareTeamAuthority {
  PROGRAM_SUPERVISOR = 'PROGRAM_SUPERVISOR',
  PRIMARY_CASE_MANAGER = 'PRIMARY_CASE_MANAGER',
  READER = 'READER',
}

/**
 * What CareTeamPolicy found out about the participant whose team is changed: their program and
 * whether the actor is their primary case manager (undefined for an unknown id), and, only
 * when those do not let the actor through, whether the actor knows the participant (rule 11).
 */
export interface TeamManagerFacts {
  participant: ParticipantFacts | undefined;
  knowsParticipant?: boolean;
}

/** What the rules on the person being added judge. */
export interface NewMemberFacts {
  authority: CareTeamAuthority;
  candidate: AccountEntity | null;
  programId: string;
  teamRole: TeamRole;
}

/**
 * Hook for staff confirmation (branch `creds`): an account may be added to a care team only
 * when it may act at all. Today that is "active"; when invited staff wait for a supervisor's
 * confirmation, require the confirmation here too, so an account an administrator minted
 * never reaches a plan (ARCHITECTURE.md "Separation of duties").
 */
export function staffAccountMayAct(account: AccountEntity): boolean {
  // Rule 1 / separation of duties: an invited account acts (and joins a team) only once a
  // supervisor other than the inviter confirmed the person.
  return account.kind === AccountKind.STAFF && account.status === AccountStatus.ACTIVE && !account.awaitingConfirmation;
}

/**
 * Who may change a participant's care team, and who may read its change list. CareTeamPolicy
 * (care-team.policy.ts) loads the facts and calls these through `authorize`.
 *
 * - PRODUCT.md rule 10 / ARCHITECTURE.md "Separation of duties": team membership is added or
 *   ended only by the participant's primary case manager (an open PRIMARY_CASE_MANAGER
 *   membership) or a supervisor of the participant's program; never by an administrator
 *   (they mint accounts, so they must not also give them access); nobody adds themselves.
 * - Rule 10: the participant sees every change; the team sees its own team.
 * - Rule 11: anyone who may not know the participant gets exactly the unknown-id answer.
 */
export class CareTeamRules {
  /** Rule 10: the participant and their team read the changes; rule 11: everyone else as for an unknown id. */
  static readChanges(facts: ReadableFacts): CareTeamAuthority {
    if (!facts.readable) throw notFound();
    return CareTeamAuthority.READER;
  }

  /**
   * The footing the actor's role and membership alone give them over this participant's team,
   * or null. A supervisor of the participant's program; the primary case manager (never an
   * administrator: they never hold a membership, this guards stale data).
   */
  static authorityOver(actor: Actor, participant: ParticipantFacts): CareTeamAuthority | null {
    if (actor.kind !== AccountKind.STAFF) return null;
    if (actor.programRole === ProgramRole.SUPERVISOR && actor.programId === participant.program_id) {
      return CareTeamAuthority.PROGRAM_SUPERVISOR;
    }
    if (participant.is_primary && actor.programRole !== ProgramRole.ADMINISTRATOR) {
      return CareTeamAuthority.PRIMARY_CASE_MANAGER;
    }
    return null;
  }

  /** An administrator of the participant's program knows them through the roster (rule 11). */
  static knowsThroughRoster(actor: Actor, participant: ParticipantFacts): boolean {
    return actor.programRole === ProgramRole.ADMINISTRATOR && actor.programId === participant.program_id;
  }

  /**
   * Rule 10: adding to or ending a membership of the team. Those who already know the
   * participant (the team, the participant, the program's administrators through the roster)
   * are told no; anyone else learns nothing (rule 11).
   */
  static manageTeam(actor: Actor, facts: TeamManagerFacts): CareTeamAuthority {
    const authority = facts.participant ? CareTeamRules.authorityOver(actor, facts.participant) : null;
    if (authority) return authority;
    if (!facts.participant || !facts.knowsParticipant) throw notFound();
    throw forbidden("Only the participant's primary case manager or a supervisor of the program changes the care team");
  }

  /**
   * The rules on the person being added (rule 10, separation of duties): not yourself; a
   * primary case manager is named by a supervisor; support persons come only through the
   * participant's invitation; otherwise an active staff account of the participant's program
   * that is not an administrator. Answers that account, the one being added.
   */
  static newMember(actor: Pick<Actor, 'accountId'>, facts: NewMemberFacts): AccountEntity {
    const { candidate, teamRole } = facts;
    if (candidate?.id === actor.accountId) throw forbidden('Nobody adds themselves to a care team');
    if (teamRole === TeamRole.SUPPORT_PERSON) {
      throw badUserInput('input.teamRole', 'input.teamRole: support persons are invited by the participant');
    }
    if (teamRole === TeamRole.PRIMARY_CASE_MANAGER && facts.authority !== CareTeamAuthority.PROGRAM_SUPERVISOR) {
      throw forbidden('Only a supervisor of the program names a primary case manager');
    }
    const eligible =
      candidate !== null &&
      staffAccountMayAct(candidate) &&
      candidate.programId === facts.programId &&
      candidate.programRole !== ProgramRole.ADMINISTRATOR;
    if (!eligible) {
      throw badUserInput(
        'input.accountId',
        'input.accountId: not an active staff member of this program who can join a care team',
      );
    }
    return candidate;
  }
}

/**
 * Who may, per care-team permission (authorize dispatches on these). careTeam.addMember is
 * checked twice: who is asking (before anything is written), then who is added (in the
 * transaction, on the account found).
 */
export const CARE_TEAM_RULES = {
  'careTeam.readChanges': CareTeamRules.readChanges,
  'careTeam.addMember': CareTeamRules.manageTeam,
  'careTeam.addMember:newMember': CareTeamRules.newMember,
  'careTeam.endMembership': CareTeamRules.manageTeam,
} as const satisfies RuleTable;
