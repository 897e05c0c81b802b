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
    description:
      'Administrators: create a staff account and a one-time invitation code to hand over. The account can act only after a program supervisor confirms it (confirmStaffAccount).',
  })
  inviteStaff(@CurrentActor() actor: Actor, @Args('input') input: InviteStaffInput): Promise<StaffInvitation> {
    return this.accounts.inviteStaff(actor, input);
  }

  @Query(() => [Account], {
    description:
      'Program supervisors: invited staff accounts waiting for a confirmation you may give (you did not invite them).',
  })
  staffAwaitingConfirmation(@CurrentActor() actor: Actor): Promise<Account[]> {
    return this.accounts.staffAwaitingConfirmation(actor);
  }

  @Mutation(() => Account, {
    description:
      'Program supervisors: confirm an invited staff member; until then the account cannot act or join a care team. Never the inviter.',
  })
  confirmStaffAccount(@CurrentActor() actor: Actor, @Args('input') input: AccountIdInput): Promise<Account> {
    return this.accounts.confirmStaffAccount(actor, input.accountId);
  }
}
