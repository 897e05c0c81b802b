import { Injectable } from '@nestjs/common';
import { AccountKind } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { authorize } from './authorize';
import { CompartmentPolicy } from './compartment.policy';
import { SignInSetupPolicy, type SetupCodeSubject } from './sign-in-setup.policy';

/**
 * Who may mint and approve sign-in credentials (PRODUCT.md rule 1; ARCHITECTURE "Separation
 * of duties"; the rules are SignInSetupPolicy's, in sign-in-setup.policy.ts). This injectable
 * loads the care-team memberships they judge and asks `authorize`.
 */
@Injectable()
export class CredentialsPolicy {
  constructor(private readonly compartment: CompartmentPolicy) {}

  /** Requesting a set-up code: a staff member on the participant's care team (SignInSetupPolicy.requestSetupCode). */
  async assertMayRequestSetupCode(actor: Actor, participantId: string): Promise<void> {
    authorize('signInSetup.request', await this.compartment.staffOnTeamFacts(actor, participantId));
  }

  /**
   * Approving one: a second staff member (SignInSetupPolicy.approver). Their membership of the
   * care team is read only when their role does not answer.
   */
  async assertMayApprove(actor: Actor, code: SetupCodeSubject): Promise<void> {
    const staffOnTeam =
      SignInSetupPolicy.approverByRole(actor, code) === undefined
        ? await this.compartment.isStaffOnTeam(actor.accountId, code.participantId)
        : undefined;
    authorize('signInSetup.approve:approver', actor, code, { staffOnTeam });
  }

  /** Who may read a participant's set-up history (SignInSetupPolicy.readHistory). */
  async assertMayReadSetupHistory(actor: Actor, participantId: string): Promise<void> {
    authorize(
      'signInSetup.readHistory',
      actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId
        ? { isParticipant: true }
        : { isParticipant: false, team: await this.compartment.staffOnTeamFacts(actor, participantId) },
    );
  }
}
