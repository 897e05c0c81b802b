import { Injectable } from '@nestjs/common';
import { AccountKind } from '@roundtable/contracts';
import type { AccountEntity, Actor } from '@roundtable/identity';
import { Clock } from '@roundtable/platform';
import { AuditTrail } from '../audit-trail';
import { CompartmentRepository } from '../compartment.repository';
import { AccountPolicy, type AccountChangeRules, type AccountParticipantsFacts } from './account.policy';
import { authorize } from './authorize';
import { CompartmentPolicy } from './compartment.policy';

export type { AccountChangeRules } from './account.policy';

/**
 * Who may switch an account's sign-in off or on (PRODUCT.md rules 1, 12; the rules are
 * AccountPolicy.changeActive and changeActiveOfParticipants in account.policy.ts). This
 * injectable loads what they judge, each round trip only when the answer still depends on it:
 * the participants a support person's account belongs to, whether the actor is their primary
 * case manager, and whether a refused actor knows them.
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
    const byAccount = authorize('account.changeActive', actor, target);
    if (byAccount) return byAccount;
    const participantIds =
      target.kind === AccountKind.PARTICIPANT && target.participantId
        ? [target.participantId]
        : await this.repository.supportedBy(target.id);
    for (const id of participantIds) this.audit.touch(id);
    return authorize(
      'account.changeActive:ofParticipants',
      actor,
      target,
      await this.facts(actor, target, participantIds),
    );
  }

  private async facts(
    actor: Actor,
    target: AccountEntity,
    participantIds: string[],
  ): Promise<AccountParticipantsFacts> {
    if (AccountPolicy.changeActiveDecidedByRole(actor, target)) return { participantIds };
    if (await this.isPrimaryCaseManager(actor.accountId, participantIds)) {
      return { participantIds, primaryCaseManager: true };
    }
    const readable = await this.compartment.readableParticipantIds(actor, participantIds);
    return { participantIds, primaryCaseManager: false, knowsParticipant: readable.size > 0 };
  }

  private async isPrimaryCaseManager(accountId: string, participantIds: string[]): Promise<boolean> {
    if (participantIds.length === 0) return false;
    return this.repository.isPrimaryCaseManagerOfAny(accountId, participantIds, this.clock.now());
  }
}
