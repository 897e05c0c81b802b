import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission } from '@roundtable/platform';
import {
  Account,
  AccountIdInput,
  AccountsService,
  CurrentActor,
  InviteStaffInput,
  StaffInvitation,
  type Actor,
} from '@roundtable/identity';
import { AccountPolicy } from './policies/account.policy';

/**
 * Program administration: staff accounts. Administrators see no plan content. Who may is
 * AccountPolicy's (here in libs/access, above libs/identity); AccountsService does the work.
 */
@Resolver()
export class AccountsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Permission('account.listProgramStaff')
  @Query(() => [Account], { description: "Administrators: the program's staff accounts." })
  programAccounts(@CurrentActor() actor: Actor): Promise<Account[]> {
    AccountPolicy.administerStaff(actor);
    return this.accounts.programAccounts(actor.programId);
  }

  @Permission('account.inviteStaff')
  @Mutation(() => StaffInvitation, {
    description:
      'Administrators: create a staff account and a one-time invitation code to hand over. The account can act only after a program supervisor confirms it (confirmStaffAccount).',
  })
  inviteStaff(@CurrentActor() actor: Actor, @Args('input') input: InviteStaffInput): Promise<StaffInvitation> {
    AccountPolicy.administerStaff(actor);
    return this.accounts.inviteStaff(actor, actor.programId, input);
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
    AccountPolicy.confirmStaffAccount(actor);
    return this.accounts.confirmStaffAccount(actor, actor.programId, input.accountId, (account) =>
      AccountPolicy.confirmStaffAccountOf(actor, account),
    );
  }
}
