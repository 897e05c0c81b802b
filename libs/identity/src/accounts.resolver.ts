import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission } from '@roundtable/platform';
import type { Actor } from './actor';
import { AccountsService } from './accounts.service';
import { CurrentActor } from './current-actor.decorator';
import { AccountIdInput, InviteStaffInput } from './identity.inputs';
import { Account, StaffInvitation } from './identity.models';

/** Program administration: staff accounts. Administrators see no plan content. */
@Resolver()
export class AccountsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Permission('account.listProgramStaff')
  @Query(() => [Account], { description: "Administrators: the program's staff accounts." })
  programAccounts(@CurrentActor() actor: Actor): Promise<Account[]> {
    return this.accounts.programAccounts(actor);
  }

  @Permission('account.inviteStaff')
  @Mutation(() => StaffInvitation, {
    description:
      'Administrators: create a staff account and a one-time invitation code to hand over. The account can act only after a program supervisor confirms it (confirmStaffAccount).',
  })
  inviteStaff(@CurrentActor() actor: Actor, @Args('input') input: InviteStaffInput): Promise<StaffInvitation> {
    return this.accounts.inviteStaff(actor, input);
  }

  @Permission('account.listAwaitingConfirmation')
  @Query(() => [Account], {
    description:
      'Program supervisors: invited staff accounts waiting for a confirmation you may give (you did not invite them).',
  })
  staffAwaitingConfirmation(@CurrentActor() actor: Actor): Promise<Account[]> {
    return this.accounts.staffAwaitingConfirmation(actor);
  }

  @Permission('account.confirmStaff')
  @Mutation(() => Account, {
    description:
      'Program supervisors: confirm an invited staff member; until then the account cannot act or join a care team. Never the inviter.',
  })
  confirmStaffAccount(@CurrentActor() actor: Actor, @Args('input') input: AccountIdInput): Promise<Account> {
    return this.accounts.confirmStaffAccount(actor, input.accountId);
  }
}
