import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuditTrail } from './audit-trail';
import { Permission } from '@roundtable/platform';
import {
  Account,
  AccountIdInput,
  AccountsService,
  CurrentActor,
  InviteStaffInput,
  Program,
  RenameProgramInput,
  StaffInvitation,
  type Actor,
} from '@roundtable/identity';
import { AccountPolicy } from './policies/account.policy';
import { authorize } from './policies/authorize';

/**
 * Program administration: staff accounts. Administrators see no plan content. Who may is
 * AccountPolicy's (here in libs/access, above libs/identity); AccountsService does the work.
 */
@Resolver()
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
  ) {}

  @Permission('account.listProgramStaff')
  @Query(() => [Account], { description: "Administrators: the program's staff accounts." })
  programAccounts(@CurrentActor() actor: Actor): Promise<Account[]> {
    const programId = authorize('account.listProgramStaff', actor);
    return this.accounts.programAccounts(programId);
  }

  @Permission('program.read')
  @Query(() => Program, {
    description:
      'Staff: the program you work in. Administrators and supervisors also get its staff accounts counted by state; nothing about participants or plans.',
  })
  async program(@CurrentActor() actor: Actor): Promise<Program> {
    const programId = authorize('program.read', actor);
    const program = await this.accounts.program(programId);
    const staffAccounts = AccountPolicy.seesStaffCounts(actor)
      ? await this.accounts.programStaffCounts(programId)
      : null;
    return { id: program.id, name: program.name, createdAt: program.createdAt, staffAccounts };
  }

  @Permission('program.rename')
  @Mutation(() => Program, {
    description:
      'Administrators: rename your program (2 to 120 characters once trimmed). Recorded in the audit trail with the old and new names. Naming it what it is already changes nothing.',
  })
  async renameProgram(@CurrentActor() actor: Actor, @Args('input') input: RenameProgramInput): Promise<Program> {
    const programId = authorize('program.rename', actor);
    // Audited like the other account-administration changes: who, when, and what it was
    // before, in the same transaction as the change. It concerns no participant.
    const program = await this.accounts.renameProgram(programId, input.name, (manager, change) =>
      this.audit.recordIn(
        { manager, afterCommit: (announce) => announce() },
        {
          participantId: null,
          actor: actor.accountId,
          action: 'renameProgram',
          kind: 'CHANGE',
          itemId: programId,
          reason: `renamed from "${change.from}" to "${change.to}"`,
        },
      ),
    );
    return {
      id: program.id,
      name: program.name,
      createdAt: program.createdAt,
      staffAccounts: await this.accounts.programStaffCounts(programId),
    };
  }

  @Permission('account.inviteStaff')
  @Mutation(() => StaffInvitation, {
    description:
      'Administrators: create a staff account and a one-time invitation code to hand over. The account can act only after a program supervisor confirms it (confirmStaffAccount).',
  })
  inviteStaff(@CurrentActor() actor: Actor, @Args('input') input: InviteStaffInput): Promise<StaffInvitation> {
    const programId = authorize('account.inviteStaff', actor);
    return this.accounts.inviteStaff(actor, programId, input);
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
    const programId = authorize('account.confirmStaff', actor);
    return this.accounts.confirmStaffAccount(actor, programId, input.accountId, (account) =>
      authorize('account.confirmStaff:ofAccount', actor, account),
    );
  }
}
