import { Injectable } from '@nestjs/common';
import { AccountKind, ProgramRole } from '@roundtable/contracts';
import { Clock, forbidden, isUuid, notFound } from '@roundtable/platform';
import type { Actor } from '@roundtable/identity';
import { AuditTrail } from '../audit-trail';
import { CompartmentRepository } from '../compartment.repository';
import { RequestAccess } from '../request-access';

/**
 * The compartment: who may see which participant at all. Staff read only participants
 * whose care team they are on; a participant reads only themselves; supervisors and
 * administrators see their program's roster (names and teams) but read a participant's
 * record only through a care-team membership, which administrators never hold.
 * Outside the compartment a participant answers exactly like an unknown id.
 */
@Injectable()
export class CompartmentPolicy {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly requestAccess: RequestAccess,
    private readonly repository: CompartmentRepository,
  ) {}

  /** Which of `participantIds` the actor may read, in one round trip (none, within a request that has read them). */
  async readableParticipantIds(actor: Actor, candidates: readonly string[]): Promise<Set<string>> {
    // A malformed id names no participant; it must not reach PostgreSQL as a bad uuid cast.
    const participantIds = candidates.filter(isUuid);
    if (actor.kind === AccountKind.PARTICIPANT) {
      return new Set(participantIds.filter((id) => id === actor.participantId));
    }
    if (actor.programRole === ProgramRole.ADMINISTRATOR || participantIds.length === 0) return new Set();
    const snapshot = await this.requestAccess.of(actor);
    if (snapshot) return new Set(participantIds.filter((id) => snapshot.memberships.has(id)));
    return new Set(await this.repository.memberOf(actor.accountId, participantIds, this.clock.now()));
  }

  /**
   * Which of these accounts are on each participant's care team now (staff or support persons),
   * for several participants' plans in one round trip (none when no one is asked about).
   */
  async membersAmongAcross(
    plans: readonly { participantId: string; accountIds: readonly string[] }[],
  ): Promise<Map<string, Set<string>>> {
    const members = new Map(plans.map(({ participantId }) => [participantId, new Set<string>()]));
    const pairs = plans.flatMap(({ participantId, accountIds }) =>
      accountIds.map((accountId) => ({ participantId, accountId })),
    );
    if (pairs.length === 0) return members;
    for (const row of await this.repository.membersAmongAcross(pairs, this.clock.now())) {
      members.get(row.participant_id)!.add(row.account_id);
    }
    return members;
  }

  /** NOT_FOUND unless the actor may read this participant. */
  async assertReadable(actor: Actor, participantId: string): Promise<void> {
    this.audit.touch(participantId);
    const readable = await this.readableParticipantIds(actor, [participantId]);
    if (!readable.has(participantId)) throw notFound();
  }

  /** Supervisors and administrators: their program's roster. */
  seesProgramRoster(actor: Actor): boolean {
    return (
      actor.kind === AccountKind.STAFF &&
      (actor.programRole === ProgramRole.SUPERVISOR || actor.programRole === ProgramRole.ADMINISTRATOR)
    );
  }

  /**
   * May change this participant's team: an administrator of their program, or a staff
   * member on the team. NOT_FOUND when the actor may not even know the participant.
   */
  async assertCanManageTeam(actor: Actor, participantId: string): Promise<void> {
    this.audit.touch(participantId);
    if (actor.kind === AccountKind.STAFF && actor.programRole === ProgramRole.ADMINISTRATOR) {
      if (!(await this.repository.participantInProgram(participantId, actor.programId))) throw notFound();
      return;
    }
    await this.assertStaffOnTeam(actor, participantId);
  }

  /** The refusal for an actor who may not do something to a participant: hidden or not allowed. */
  async refusal(actor: Actor, participantId: string): Promise<Error> {
    const readable = await this.readableParticipantIds(actor, [participantId]);
    return readable.has(participantId) ? forbidden('Only a staff member on the care team can do this') : notFound();
  }

  /** A staff member (not a support person) on the participant's team right now. */
  async assertStaffOnTeam(actor: Actor, participantId: string): Promise<void> {
    this.audit.touch(participantId);
    if (actor.kind !== AccountKind.STAFF || !(await this.actorIsStaffOnTeam(actor, participantId))) {
      throw await this.refusal(actor, participantId);
    }
  }

  private async actorIsStaffOnTeam(actor: Actor, participantId: string): Promise<boolean> {
    const snapshot = await this.requestAccess.of(actor);
    if (snapshot) return snapshot.memberships.get(participantId)?.asStaff ?? false;
    return this.isStaffOnTeam(actor.accountId, participantId);
  }

  async isStaffOnTeam(accountId: string, participantId: string): Promise<boolean> {
    return this.repository.isStaffOnTeam(accountId, participantId, this.clock.now());
  }
}
