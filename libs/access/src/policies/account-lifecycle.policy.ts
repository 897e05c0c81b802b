import { Injectable } from '@nestjs/common';
import { AccountKind, ProgramRole } from '@roundtable/contracts';
import { isAdministrator, isSupervisor, type AccountEntity, type Actor } from '@roundtable/identity';
import { badUserInput, Clock, forbidden, notFound } from '@roundtable/platform';
import { AuditTrail } from '../audit-trail';
import { CompartmentRepository } from '../compartment.repository';
import { CompartmentPolicy } from './compartment.policy';

/** What a permitted deactivation or reactivation must also do. */
export interface AccountChangeRules {
  /** Participants who are told (their access log), with the reason. */
  participantIds: string[];
  /** A reason is required: the sign-in belongs to a participant or their support person (rule 12). */
  reasonRequired: boolean;
}

/**
 * Who may switch an account's sign-in off or on (PRODUCT.md rules 1, 12):
 * - a staff account: an administrator of its program (never themselves);
 * - a participant's account: their primary case manager or a supervisor of the program —
 *   never an administrator, who sees no plan and is not someone the participant works with;
 * - a support person's account: the participant they support, that participant's primary
 *   case manager, or a supervisor of the program.
 * For participants and support persons a reason is required and shown to the participant.
 * Anyone who may not know the account gets NOT_FOUND.
 */
@Injectable()
export class AccountLifecyclePolicy {
  constructor(
    private readonly clock: Clock,
    private readonly compartment: CompartmentPolicy,
    private readonly audit: AuditTrail,
    private readonly repository: CompartmentRepository,
  ) {}

  async assertMayChangeActive(actor: Actor, target: AccountEntity): Promise<AccountChangeRules> {
    if (target.id === actor.accountId)
      throw badUserInput('input.accountId', 'input.accountId: you cannot change your own account this way');
    const sameProgram = actor.kind === AccountKind.STAFF && actor.programId === target.programId;
    if (target.kind === AccountKind.STAFF) {
      if (isAdministrator(actor) && sameProgram) return { participantIds: [], reasonRequired: false };
      if (sameProgram) throw forbidden('Only a program administrator can deactivate a staff account');
      throw notFound();
    }
    const participantIds =
      target.kind === AccountKind.PARTICIPANT ? [target.participantId!] : await this.supportedBy(target.id);
    for (const id of participantIds) this.audit.touch(id);
    const rules = { participantIds, reasonRequired: true };
    if (target.kind === AccountKind.SUPPORT_PERSON && actor.kind === AccountKind.PARTICIPANT) {
      if (actor.participantId && participantIds.includes(actor.participantId)) return rules;
      throw notFound();
    }
    if (isSupervisor(actor) && sameProgram) return rules;
    if (await this.isPrimaryCaseManager(actor.accountId, participantIds)) return rules;
    const readable = await this.compartment.readableParticipantIds(actor, participantIds);
    if (readable.size > 0 || (sameProgram && actor.programRole === ProgramRole.ADMINISTRATOR)) {
      throw forbidden(
        "Only the participant's primary case manager or a program supervisor can switch this sign-in off or on",
      );
    }
    throw notFound();
  }

  /** The participants whose team this support person is (or was) on. */
  private async supportedBy(accountId: string): Promise<string[]> {
    return this.repository.supportedBy(accountId);
  }

  private async isPrimaryCaseManager(accountId: string, participantIds: string[]): Promise<boolean> {
    if (participantIds.length === 0) return false;
    return this.repository.isPrimaryCaseManagerOfAny(accountId, participantIds, this.clock.now());
  }
}
