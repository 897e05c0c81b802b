import { Injectable } from '@nestjs/common';
import { AccountKind, Discipline, ProgramRole } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { forbidden, notFound } from '@roundtable/platform';
import { AuditTrail } from '../audit-trail';
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

/** Physicians, prescribers and nurses (PRODUCT.md "Who does what"): the clinicians of break-glass. */
export const BREAK_GLASS_DISCIPLINES: ReadonlySet<Discipline> = new Set([Discipline.MEDICAL, Discipline.NURSING]);

/** The break-glass access an operation acts on, with the program of its participant. */
export interface BreakGlassRecord {
  participantId: string;
  programId: string;
  accountId: string;
}

export type BreakGlassTarget = { participantId: string } | { access: BreakGlassRecord } | { program: true };

/**
 * Who may do what with emergency ("break-glass") access (PRODUCT.md rule 12: a reason, time
 * limits, audited, shown to the participant; ARCHITECTURE.md "Separation of duties").
 *
 * - REQUEST: a physician, prescriber or nurse on the participant's care team (rule 12). Anyone
 *   else on the team is refused; anyone outside it learns nothing (rule 11).
 * - END: the clinician who holds it.
 * - APPROVE / REVIEW: a supervisor of the participant's program who is not the clinician:
 *   nobody approves or reviews their own emergency access.
 * - LIST_FOR_SUPERVISION: supervisors, for their own program.
 * - READ_OWN: the participant (rule 12: shown to the participant).
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
        await this.compartment.assertStaffOnTeam(actor, participantId);
        if (!actor.discipline || !BREAK_GLASS_DISCIPLINES.has(actor.discipline)) {
          throw forbidden('Emergency access is for the physicians, prescribers and nurses on the care team');
        }
        return;
      }
      case BreakGlassPermission.END: {
        const { access } = target as { access: BreakGlassRecord };
        this.audit.touch(access.participantId);
        if (access.accountId !== actor.accountId) throw notFound();
        return;
      }
      case BreakGlassPermission.APPROVE:
      case BreakGlassPermission.REVIEW: {
        const { access } = target as { access: BreakGlassRecord };
        this.audit.touch(access.participantId);
        if (access.accountId === actor.accountId) {
          throw forbidden('A supervisor other than the clinician approves and reviews emergency access');
        }
        if (!this.supervises(actor, access.programId)) throw notFound();
        return;
      }
      case BreakGlassPermission.LIST_FOR_SUPERVISION:
        if (!actor.programId || !this.supervises(actor, actor.programId)) {
          throw forbidden('Only program supervisors review emergency access');
        }
        return;
      case BreakGlassPermission.READ_OWN: {
        const { participantId } = target as { participantId: string };
        this.audit.touch(participantId);
        if (actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId) return;
        const readable = await this.compartment.readableParticipantIds(actor, [participantId]);
        throw readable.has(participantId) ? forbidden('Only the participant sees this list') : notFound();
      }
    }
  }

  private supervises(actor: Actor, programId: string): boolean {
    return (
      actor.kind === AccountKind.STAFF && actor.programRole === ProgramRole.SUPERVISOR && actor.programId === programId
    );
  }
}
