import { Injectable } from '@nestjs/common';
import type { Actor } from '@roundtable/identity';
import { AuditTrail } from '../audit-trail';
import { authorize } from './authorize';
import { CompartmentPolicy } from './compartment.policy';

/**
 * Consent: who sees what is the participant's to decide (docs/product-rules.md rules 10,
 * 11, 12; the rule is ConsentRules in consent.rules.ts). ConsentService calls this first in
 * every consent operation.
 */
@Injectable()
export class ConsentPolicy {
  constructor(
    private readonly compartment: CompartmentPolicy,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Only the participant themselves; others get FORBIDDEN if they know the participant,
   * NOT_FOUND otherwise. Whether they know the participant (a round trip) is asked only when
   * the actor is not the participant.
   */
  async assertIsParticipant(actor: Actor, participantId: string): Promise<void> {
    this.audit.touch(participantId);
    authorize('shared:participantDecides', await this.compartment.participantThemselfFacts(actor, participantId));
  }
}
