import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from './actor';
import { AccountsService } from './accounts.service';
import { CurrentActor } from './current-actor.decorator';
import { AccountIdInput, InviteStaffInput } from './identity.inputs';
import { Account, StaffInvitation } from './identity.models';

/** Program administration: staff accounts. Administrators see no plan content. */
@Resolver()
export class AccountsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Query(() => [Account], { description: "Administrators: the program's staff accounts." })
  programAccounts(@CurrentActor() actor: Actor): Promise<Account[]> {
    return this.accounts.programAccounts(actor);
  }

  @Mutation(() => StaffInvitation, {
    description: 'Administrators: create a staff account and a one-time invitation code to hand over.',
  })
  inviteStaff(@CurrentActor() actor: Actor, @Args('input') input: InviteStaffInput): Promise<StaffInvitation> {
    return this.accounts.inviteStaff(actor, input);
  }

  @Mutation(() => Account, { description: 'Administrators: deactivate an account; its sign-ins end at once.' })
  deactivateAccount(@CurrentActor() actor: Actor, @Args('input') input: AccountIdInput): Promise<Account> {
    return this.accounts.setActive(actor, input.accountId, false);
  }

  @Mutation(() => Account, { description: 'Administrators: reactivate a deactivated account.' })
  reactivateAccount(@CurrentActor() actor: Actor, @Args('input') input: AccountIdInput): Promise<Account> {
    return this.accounts.setActive(actor, input.accountId, true);
  }
}
