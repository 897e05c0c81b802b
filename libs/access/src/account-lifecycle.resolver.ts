import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind } from '@roundtable/contracts';
import { Participant } from '@roundtable/care-team';
import {
  Account,
  AccountEntity,
  AccountIdInput,
  AccountsService,
  CurrentActor,
  DeactivateAccountInput,
  type Actor,
} from '@roundtable/identity';
import { badUserInput, notFound, Permission } from '@roundtable/platform';
import { AccountLifecyclePolicy } from './policies/account-lifecycle.policy';
import { AuditTrail } from './audit-trail';
import { CompartmentPolicy } from './policies/compartment.policy';
import { ParticipantSignIn } from './credentials.models';

/** Switching sign-ins off and on, with the reason shown to the participant (PRODUCT.md rules 1, 12). */
@Resolver(() => Participant)
export class AccountLifecycleResolver {
  constructor(
    private readonly policy: AccountLifecyclePolicy,
    private readonly compartment: CompartmentPolicy,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Permission('account.changeActive')
  @Mutation(() => Account, {
    description:
      "Deactivate an account; its sign-ins end at once. Staff accounts: a program administrator. A participant's account: their primary case manager or a program supervisor (never an administrator). A support person's: the participant, their primary case manager or a supervisor. For participants and support persons `reason` is required and the participant sees it.",
  })
  async deactivateAccount(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeactivateAccountInput,
  ): Promise<Account> {
    const target = await this.target(input.accountId);
    const rules = await this.policy.assertMayChangeActive(actor, target);
    const reason = input.reason?.trim() || null;
    if (rules.reasonRequired && !reason)
      throw badUserInput('input.reason', 'input.reason: say why; the participant will see it');
    const account = await this.accounts.changeActive(target.id, false, { by: actor.accountId, reason });
    await this.tell(
      rules.participantIds,
      actor,
      target,
      'accountDeactivated',
      `${this.whose(target)} sign-in was switched off by ${actor.displayName}: ${reason ?? 'no reason given'}`,
    );
    return account;
  }

  @Permission('account.changeActive')
  @Mutation(() => Account, {
    description: 'Reactivate a deactivated account: the same people who may deactivate it. The participant is told.',
  })
  async reactivateAccount(@CurrentActor() actor: Actor, @Args('input') input: AccountIdInput): Promise<Account> {
    const target = await this.target(input.accountId);
    const rules = await this.policy.assertMayChangeActive(actor, target);
    const account = await this.accounts.changeActive(target.id, true, { by: actor.accountId, reason: null });
    await this.tell(
      rules.participantIds,
      actor,
      target,
      'accountReactivated',
      `${this.whose(target)} sign-in was switched back on by ${actor.displayName}.`,
    );
    return account;
  }

  @ResolveField(() => ParticipantSignIn, {
    nullable: true,
    description:
      "The participant's own sign-in: for the participant and the staff on their care team; null for others or when none was ever set up.",
  })
  async signIn(@Parent() participant: Participant, @CurrentActor() actor: Actor): Promise<ParticipantSignIn | null> {
    const own = actor.kind === AccountKind.PARTICIPANT && actor.participantId === participant.id;
    if (
      !own &&
      !(actor.kind === AccountKind.STAFF && (await this.compartment.isStaffOnTeam(actor.accountId, participant.id)))
    )
      return null;
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .findOneBy({ participantId: participant.id, kind: AccountKind.PARTICIPANT });
    if (!account) return null;
    return {
      accountId: account.id,
      status: account.status,
      deactivatedAt: account.deactivatedAt,
      deactivationReason: account.deactivationReason,
    };
  }

  private async target(accountId: string): Promise<AccountEntity> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ id: accountId });
    if (!account) throw notFound();
    return account;
  }

  private whose(target: AccountEntity): string {
    return target.kind === AccountKind.SUPPORT_PERSON ? `${target.displayName}'s` : 'Your';
  }

  private async tell(
    participantIds: string[],
    actor: Actor,
    target: AccountEntity,
    action: string,
    reason: string,
  ): Promise<void> {
    await this.audit.record(
      ...participantIds.map((participantId) => ({
        participantId,
        actor: actor.accountId,
        action,
        kind: 'CHANGE' as const,
        itemId: target.id,
        reason,
      })),
    );
  }
}
