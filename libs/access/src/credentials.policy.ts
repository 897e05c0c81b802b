import { Injectable } from '@nestjs/common';
import { AccountKind, ProgramRole } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { CompartmentPolicy } from './policies/compartment.policy';

/** What the approval check needs to know about one set-up code. */
export interface SetupCodeSubject {
  accountId: string;
  participantId: string;
  programId: string;
  requestedBy: string | null;
}

/**
 * Who may mint and approve sign-in credentials (PRODUCT.md rule 1; ARCHITECTURE
 * "Separation of duties"): no one account can both mint a credential and make it work.
 */
@Injectable()
export class CredentialsPolicy {
  constructor(private readonly compartment: CompartmentPolicy) {}

  /**
   * Requesting a set-up code: a staff member on the participant's care team. Never an
   * administrator (they are never on a team), a support person or the participant; anyone
   * who may not see the participant gets NOT_FOUND.
   */
  async assertMayRequestSetupCode(actor: Actor, participantId: string): Promise<void> {
    await this.compartment.assertStaffOnTeam(actor, participantId);
  }

  /**
   * Approving one: a second staff member, from their own account — a supervisor of the
   * participant's program or another staff member on the participant's care team. Never
   * the requester (two sessions of one account are still one person), never the account
   * being set up, never an administrator, support person or participant.
   */
  async mayApprove(actor: Actor, code: SetupCodeSubject): Promise<boolean> {
    if (actor.kind !== AccountKind.STAFF || actor.programRole === ProgramRole.ADMINISTRATOR) return false;
    if (actor.accountId === code.requestedBy || actor.accountId === code.accountId) return false;
    if (actor.programRole === ProgramRole.SUPERVISOR && actor.programId === code.programId) return true;
    return this.compartment.isStaffOnTeam(actor.accountId, code.participantId);
  }

  /** Who may read a participant's set-up history: the participant and staff on their team (rule 12). */
  async assertMayReadSetupHistory(actor: Actor, participantId: string): Promise<void> {
    if (actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId) return;
    await this.compartment.assertStaffOnTeam(actor, participantId);
  }
}
