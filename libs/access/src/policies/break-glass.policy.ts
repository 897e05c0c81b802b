import { Injectable } from '@nestjs/common';
import type { Actor } from '@roundtable/identity';
import { AuditTrail } from '../audit-trail';
import { authorize } from './authorize';
import type { BreakGlassRecord } from './break-glass.rules';
import { CompartmentPolicy } from './compartment.policy';

/** Every break-glass operation's named permission (ARCHITECTURE.md "Who may do what is one policy too"). */
export enum BreakGlassPermission {
  REQUEST = 'breakGlass.request',
  END = 'breakGlass.end',
  APPROVE = 'breakGlass.approve',
  REVIEW = 'breakGlass.review',
  LIST_FOR_SUPERVISION = 'breakGlass.listForSupervision',
  READ_OWN = 'breakGlass.readOwn',
}

export type BreakGlassTarget = { participantId: string } | { access: BreakGlassRecord } | { program: true };

/**
 * Who may do what with emergency ("break-glass") access (PRODUCT.md rule 12; the rules are
 * BreakGlassRules in break-glass.rules.ts). This injectable loads what they judge (the care
 * team, whether the actor knows the participant) and asks `authorize`.
 */
@Injectable()
export class BreakGlassPolicy {
  constructor(
    private readonly compartment: CompartmentPolicy,
    private readonly audit: AuditTrail,
  ) {}

  async authorize(actor: Actor, permission: BreakGlassPermission, target: BreakGlassTarget): Promise<void> {
    switch (permission) {
      case BreakGlassPermission.REQUEST: {
        const { participantId } = target as { participantId: string };
        authorize('breakGlass.request', actor, await this.compartment.staffOnTeamFacts(actor, participantId));
        return;
      }
      case BreakGlassPermission.END: {
        const { access } = target as { access: BreakGlassRecord };
        this.audit.touch(access.participantId);
        authorize('breakGlass.end', actor, access);
        return;
      }
      case BreakGlassPermission.APPROVE:
      case BreakGlassPermission.REVIEW: {
        const { access } = target as { access: BreakGlassRecord };
        this.audit.touch(access.participantId);
        authorize(
          permission === BreakGlassPermission.APPROVE ? 'breakGlass.approve' : 'breakGlass.review',
          actor,
          access,
        );
        return;
      }
      case BreakGlassPermission.LIST_FOR_SUPERVISION:
        authorize('breakGlass.listForSupervision', actor);
        return;
      case BreakGlassPermission.READ_OWN: {
        const { participantId } = target as { participantId: string };
        this.audit.touch(participantId);
        authorize('breakGlass.readOwn', await this.compartment.participantThemselfFacts(actor, participantId));
        return;
      }
    }
  }
}
