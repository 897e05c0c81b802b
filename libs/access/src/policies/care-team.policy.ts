import { Injectable } from '@nestjs/common';
import { AccountKind, AccountStatus, ProgramRole, TeamRole } from '@roundtable/contracts';
import type { AccountEntity, Actor } from '@roundtable/identity';
import { badUserInput, Clock, forbidden, isUuid, notFound } from '@roundtable/platform';
import { AuditTrail } from '../audit-trail';
import { CompartmentRepository, type ParticipantFacts } from '../compartment.repository';
import { CompartmentPolicy } from './compartment.policy';

/** Every care-team operation's named permission (ARCHITECTURE.md "Who may do what is one policy too"). */
export enum CareTeamPermission {
  ADD_MEMBER = 'careTeam.addMember',
  END_MEMBERSHIP = 'careTeam.endMembership',
  READ_CHANGES = 'careTeam.readChanges',
}

/** On what footing an actor was allowed: later rules (who may name a primary case manager) depend on it. */
export enum CareTeamAuthority {
  PROGRAM_SUPERVISOR = 'PROGRAM_SUPERVISOR',
  PRIMARY_CASE_MANAGER = 'PRIMARY_CASE_MANAGER',
  READER = 'READER',
}

export interface CareTeamTarget {
  participantId: string;
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
 * Who may change a participant's care team, and who may read its change list.
 *
 * - PRODUCT.md rule 10 / ARCHITECTURE.md "Separation of duties": team membership is added or
 *   ended only by the participant's primary case manager (an open PRIMARY_CASE_MANAGER
 *   membership) or a supervisor of the participant's program; never by an administrator
 *   (they mint accounts, so they must not also give them access); nobody adds themselves.
 * - Rule 10: the participant sees every change; the team sees its own team.
 * - Rule 11: anyone who may not know the participant gets exactly the unknown-id answer.
 */
@Injectable()
export class CareTeamPolicy {
  constructor(
    private readonly clock: Clock,
    private readonly compartment: CompartmentPolicy,
    private readonly audit: AuditTrail,
    private readonly repository: CompartmentRepository,
  ) {}

  async authorize(actor: Actor, permission: CareTeamPermission, target: CareTeamTarget): Promise<CareTeamAuthority> {
    this.audit.touch(target.participantId);
    switch (permission) {
      case CareTeamPermission.READ_CHANGES:
        // Rule 10: the participant and their team; rule 11: everyone else as for an unknown id.
        await this.compartment.assertReadable(actor, target.participantId);
        return CareTeamAuthority.READER;
      case CareTeamPermission.ADD_MEMBER:
      case CareTeamPermission.END_MEMBERSHIP:
        return this.teamManager(actor, target.participantId);
    }
  }

  /**
   * The rules on the person being added (rule 10, separation of duties): not yourself; a
   * primary case manager is named by a supervisor; support persons come only through the
   * participant's invitation; otherwise an active staff account of the participant's program
   * that is not an administrator.
   */
  checkNewMember(
    actor: Actor,
    authority: CareTeamAuthority,
    candidate: AccountEntity | null,
    programId: string,
    teamRole: TeamRole,
  ): void {
    if (candidate?.id === actor.accountId) throw forbidden('Nobody adds themselves to a care team');
    if (teamRole === TeamRole.SUPPORT_PERSON) {
      throw badUserInput('input.teamRole', 'input.teamRole: support persons are invited by the participant');
    }
    if (teamRole === TeamRole.PRIMARY_CASE_MANAGER && authority !== CareTeamAuthority.PROGRAM_SUPERVISOR) {
      throw forbidden('Only a supervisor of the program names a primary case manager');
    }
    const eligible =
      candidate !== null &&
      staffAccountMayAct(candidate) &&
      candidate.programId === programId &&
      candidate.programRole !== ProgramRole.ADMINISTRATOR;
    if (!eligible) {
      throw badUserInput(
        'input.accountId',
        'input.accountId: not an active staff member of this program who can join a care team',
      );
    }
  }

  private async teamManager(actor: Actor, participantId: string): Promise<CareTeamAuthority> {
    const facts = isUuid(participantId) ? await this.facts(actor, participantId) : undefined;
    if (facts && actor.kind === AccountKind.STAFF) {
      if (actor.programRole === ProgramRole.SUPERVISOR && actor.programId === facts.program_id) {
        return CareTeamAuthority.PROGRAM_SUPERVISOR;
      }
      // Administrators never act through a membership (they never hold one; this guards stale data).
      if (facts.is_primary && actor.programRole !== ProgramRole.ADMINISTRATOR) {
        return CareTeamAuthority.PRIMARY_CASE_MANAGER;
      }
    }
    if (!facts) throw notFound();
    // Those who already know the participant (the team, the participant, the program's
    // administrators through the roster) are told no; anyone else learns nothing (rule 11).
    const knows =
      (actor.programRole === ProgramRole.ADMINISTRATOR && actor.programId === facts.program_id) ||
      (await this.compartment.readableParticipantIds(actor, [participantId])).has(participantId);
    if (!knows) throw notFound();
    throw forbidden("Only the participant's primary case manager or a supervisor of the program changes the care team");
  }

  private async facts(actor: Actor, participantId: string): Promise<ParticipantFacts | undefined> {
    return this.repository.participantFacts(participantId, actor.accountId, this.clock.now());
  }
}
