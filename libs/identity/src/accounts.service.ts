import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, AccountStatus, ProgramRole } from '@roundtable/contracts';
import { badUserInput, Clock, forbidden, notFound } from '@roundtable/platform';
import type { Actor } from './actor';
import { AccountEntity } from './identity.entities';
import type { InviteStaffInput } from './identity.inputs';
import { OneTimeCodes, type IssuedCode } from './one-time-codes';
import { Sessions } from './sessions';

export function isAdministrator(actor: Actor): boolean {
  return actor.kind === AccountKind.STAFF && actor.programRole === ProgramRole.ADMINISTRATOR;
}

/** Program administrators manage staff accounts; no email service is involved. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly clock: Clock,
    private readonly codes: OneTimeCodes,
    private readonly sessions: Sessions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private requireAdministrator(actor: Actor): string {
    if (!isAdministrator(actor) || !actor.programId) throw forbidden('Only a program administrator can do this');
    return actor.programId;
  }

  async programAccounts(actor: Actor): Promise<AccountEntity[]> {
    const programId = this.requireAdministrator(actor);
    return this.dataSource.getRepository(AccountEntity).find({
      where: { programId, kind: AccountKind.STAFF },
      order: { displayName: 'ASC' },
    });
  }

  async inviteStaff(
    actor: Actor,
    input: InviteStaffInput,
  ): Promise<{ account: AccountEntity; invitation: IssuedCode }> {
    const programId = this.requireAdministrator(actor);
    const email = input.email.trim().toLowerCase();
    if (input.programRole !== ProgramRole.ADMINISTRATOR && !input.discipline) {
      throw badUserInput('input.discipline', 'input.discipline: staff who may join care teams need a discipline');
    }
    return this.dataSource.transaction(async (manager) => {
      if (await manager.findOneBy(AccountEntity, { email })) {
        throw badUserInput('input.email', 'input.email: an account with this email exists');
      }
      const account = await manager.save(
        manager.create(AccountEntity, {
          kind: AccountKind.STAFF,
          status: AccountStatus.PENDING,
          displayName: input.displayName.trim(),
          email,
          username: null,
          passwordHash: null,
          programId,
          discipline: input.discipline ?? null,
          programRole: input.programRole,
          participantId: null,
          createdAt: this.clock.now(),
          version: 1,
        }),
      );
      const invitation = await this.codes.issue(manager, account.id, 'STAFF_INVITATION', actor.accountId);
      return { account, invitation };
    });
  }

  /** Deactivation ends every session at once; the account's data stays. */
  async setActive(actor: Actor, accountId: string, active: boolean): Promise<AccountEntity> {
    const programId = this.requireAdministrator(actor);
    if (accountId === actor.accountId)
      throw badUserInput('input.accountId', 'input.accountId: you cannot deactivate yourself');
    const account = await this.dataSource.transaction(async (manager) => {
      const account = await manager.findOneBy(AccountEntity, { id: accountId, programId });
      if (!account) throw notFound();
      if (!active) await this.sessions.revokeAllSessions(manager, account.id, 'account deactivated');
      const status = active
        ? account.passwordHash
          ? AccountStatus.ACTIVE
          : AccountStatus.PENDING
        : AccountStatus.DEACTIVATED;
      if (account.status !== status) {
        account.status = status;
        account.version += 1;
        await manager.save(account);
      }
      return account;
    });
    if (!active) this.sessions.announceRevoked({ accountId: account.id });
    return account;
  }
}
