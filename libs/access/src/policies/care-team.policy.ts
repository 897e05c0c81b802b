import { Injectable } from '@nestjs/common';
import type { TeamRole } from '@roundtable/contracts';
import type { AccountEntity, Actor } from '@roundtable/identity';
import { Clock, isUuid } from '@roundtable/platform';
import { AuditTrail } from '../audit-trail';
import { CompartmentRepository, type ParticipantFacts } from '../compartment.repository';
import { authorize } from './authorize';
import { CareTeamAuthority, CareTeamRules } from './care-team.rules';
import { CompartmentPolicy } from './compartment.policy';

/** Every care-team operation's named permission (ARCHITECTURE.md "Who may do what is one policy too"). */
export enum CareTeamPermission {
  ADD_MEMBER = 'careTeam.addMember',
  END_MEMBERSHIP = 'careTeam.endMembership',
  READ_CHANGES = 'careTeam.readChanges',
}

export interface CareTeamTarget {
  participantId: string;
}

/**
 * Who may change a participant's care team, and who may read its change list (rules 10 and
 * 11; the rules themselves are CareTeamRules in care-team.rules.ts). This injectable loads
 * what they judge (the participant's program, the actor's memberships) and asks `authorize`.
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
        return authorize('careTeam.readChanges', {
          readable: await this.compartment.knows(actor, target.participantId),
        });
      case CareTeamPermission.ADD_MEMBER:
        return authorize('careTeam.addMember', actor, await this.teamManagerFacts(actor, target.participantId));
      case CareTeamPermission.END_MEMBERSHIP:
        return authorize('careTeam.endMembership', actor, await this.teamManagerFacts(actor, target.participantId));
    }
  }

  /**
   * The rules on the person being added (CareTeamRules.newMember), on the account found in the
   * transaction: answers that account once it may join.
   */
  checkNewMember(
    actor: Actor,
    authority: CareTeamAuthority,
    candidate: AccountEntity | null,
    programId: string,
    teamRole: TeamRole,
  ): AccountEntity {
    return authorize('careTeam.addMember:newMember', actor, { authority, candidate, programId, teamRole });
  }

  /**
   * The participant's program and the actor's footing (one round trip); whether the actor
   * knows the participant is asked only when that footing does not let them through, and
   * costs a round trip only when the roster does not already answer it.
   */
  private async teamManagerFacts(
    actor: Actor,
    participantId: string,
  ): Promise<{ participant: ParticipantFacts | undefined; knowsParticipant?: boolean }> {
    const participant = isUuid(participantId)
      ? await this.repository.participantFacts(participantId, actor.accountId, this.clock.now())
      : undefined;
    if (!participant || CareTeamRules.authorityOver(actor, participant)) return { participant };
    const knowsParticipant =
      CareTeamRules.knowsThroughRoster(actor, participant) || (await this.compartment.knows(actor, participantId));
    return { participant, knowsParticipant };
  }
}
