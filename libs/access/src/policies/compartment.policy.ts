import { Injectable } from '@nestjs/common';
import { AccountKind, ProgramRole } from '@roundtable/contracts';
import { Clock, isUuid, mustGet } from '@roundtable/platform';
import type { Actor } from '@roundtable/identity';
import { AuditTrail } from '../audit-trail';
import { CompartmentRepository } from '../compartment.repository';
import { RequestAccess } from '../request-access';
import { authorize } from './authorize';
import type { ParticipantThemselfFacts, StaffOnTeamFacts } from './compartment.rules';

/**
 * The compartment: who may see which participant at all. Staff read only participants
 * whose care team they are on; a participant reads only themselves; supervisors and
 * administrators see their program's roster (names and teams) but read a participant's
 * record only through a care-team membership, which administrators never hold.
 * Outside the compartment a participant answers exactly like an unknown id.
 *
 * It loads the facts (memberships, through CompartmentRepository or the request's access
 * snapshot); the decisions are CompartmentRules (compartment.rules.ts), reached through
 * `authorize` so that AuthorizationTrace sees every check.
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
      mustGet(members, row.participant_id).add(row.account_id);
    }
    return members;
  }

  /** NOT_FOUND unless the actor may read this participant (CompartmentRules.readable). */
  async assertReadable(actor: Actor, participantId: string): Promise<void> {
    this.audit.touch(participantId);
    authorize('shared:readable', { readable: await this.knows(actor, participantId) });
  }

  /** Supervisors and administrators: their program's roster. */
  seesProgramRoster(actor: Actor): boolean {
    return (
      actor.kind === AccountKind.STAFF &&
      (actor.programRole === ProgramRole.SUPERVISOR || actor.programRole === ProgramRole.ADMINISTRATOR)
    );
  }

  /** A staff member (not a support person) on the participant's team right now (CompartmentRules.staffOnTeam). */
  async assertStaffOnTeam(actor: Actor, participantId: string): Promise<void> {
    authorize('shared:staffOnTeam', await this.staffOnTeamFacts(actor, participantId));
  }

  /**
   * Whether the actor is a staff member (not a support person) on the participant's team now,
   * for the rules that require it; whether a refused actor knows the participant is one more
   * round trip, paid only when they are not.
   */
  async staffOnTeamFacts(actor: Actor, participantId: string): Promise<StaffOnTeamFacts> {
    this.audit.touch(participantId);
    const staffOnTeam = actor.kind === AccountKind.STAFF && (await this.actorIsStaffOnTeam(actor, participantId));
    return staffOnTeam ? { staffOnTeam } : { staffOnTeam, knowsParticipant: await this.knows(actor, participantId) };
  }

  /** The participant themself, on their own account; if not, whether the actor knows them (a round trip, only then). */
  async participantThemselfFacts(actor: Actor, participantId: string): Promise<ParticipantThemselfFacts> {
    if (actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId) return { isParticipant: true };
    return { isParticipant: false, knowsParticipant: await this.knows(actor, participantId) };
  }

  /** Whether the actor may read this participant: what a refusal depends on (rule 11). */
  async knows(actor: Actor, participantId: string): Promise<boolean> {
    return (await this.readableParticipantIds(actor, [participantId])).has(participantId);
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
