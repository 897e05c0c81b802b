import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountKind, AccountStatus, ProgramRole } from '@roundtable/contracts';
import { badUserInput, Clock, createOnce, notFound } from '@roundtable/platform';
import type { Actor } from './actor';
import { AccountsRepository } from './accounts.repository';
import { AccountEntity, ProgramEntity } from './identity.entities';
import { PROGRAM_NAME_MAX, PROGRAM_NAME_MIN, type InviteStaffInput } from './identity.inputs';
import type { ProgramStaffCounts } from './identity.models';
import { OneTimeCodes, type IssuedCode } from './one-time-codes';
import { Sessions } from './sessions';

export function isAdministrator(actor: Actor): boolean {
  return actor.kind === AccountKind.STAFF && actor.programRole === ProgramRole.ADMINISTRATOR;
}

export function isSupervisor(actor: Actor): boolean {
  return actor.kind === AccountKind.STAFF && actor.programRole === ProgramRole.SUPERVISOR;
}

/** Program administrators manage staff accounts; no email service is involved. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly clock: Clock,
    private readonly codes: OneTimeCodes,
    private readonly sessions: Sessions,
    private readonly accounts: AccountsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The staff accounts of a program. Only after AccountPolicy.administerStaff (libs/access). */
  async programAccounts(programId: string): Promise<AccountEntity[]> {
    return this.dataSource.getRepository(AccountEntity).find({
      where: { programId, kind: AccountKind.STAFF },
      order: { displayName: 'ASC' },
    });
  }

  /** The program row itself. Only after AccountPolicy.readProgram (libs/access). */
  async program(programId: string): Promise<ProgramEntity> {
    const program = await this.dataSource.getRepository(ProgramEntity).findOneBy({ id: programId });
    if (!program) throw notFound();
    return program;
  }

  /**
   * The program's staff accounts by state; every staff account is in exactly one of them.
   * Staff accounts only, never participants (PRODUCT.md "Who does what": the administrator
   * sees no plan content). Only after AccountPolicy.seesStaffCounts (libs/access).
   */
  async programStaffCounts(programId: string): Promise<ProgramStaffCounts> {
    return this.accounts.programStaffCounts(programId);
  }

  /**
   * Renames the program: trimmed, inner spaces collapsed (as create-program does), 2 to 120
   * characters. Naming it what it is already changes nothing and records nothing, so a retry
   * is harmless. `record` writes the audit row in the same transaction (the audit trail lives
   * in libs/access, above this library). Only after AccountPolicy.renameProgram.
   */
  async renameProgram(
    programId: string,
    name: string,
    record: (manager: EntityManager, change: { from: string; to: string }) => Promise<void>,
  ): Promise<ProgramEntity> {
    const to = name.trim().replace(/\s+/g, ' ');
    if (to.length < PROGRAM_NAME_MIN || to.length > PROGRAM_NAME_MAX) {
      throw badUserInput(
        'input.name',
        `input.name: give the program a name of ${PROGRAM_NAME_MIN} to ${PROGRAM_NAME_MAX} characters`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const program = await manager.findOne(ProgramEntity, {
        where: { id: programId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!program) throw notFound();
      if (program.name === to) return program;
      const from = program.name;
      program.name = to;
      await manager.save(program);
      await record(manager, { from, to });
      return program;
    });
  }

  /** An invited staff account of the program. Only after AccountPolicy.administerStaff (libs/access). */
  async inviteStaff(
    actor: Actor,
    programId: string,
    input: InviteStaffInput,
  ): Promise<{ account: AccountEntity; invitation: IssuedCode }> {
    const email = input.email.trim().toLowerCase();
    if (input.programRole !== ProgramRole.ADMINISTRATOR && !input.discipline) {
      throw badUserInput('input.discipline', 'input.discipline: staff who may join care teams need a discipline');
    }
    return this.dataSource.transaction(async (manager) => {
      let first: { account: AccountEntity; invitation: IssuedCode } | undefined;
      const accountId = await createOnce(
        manager,
        { actor: actor.accountId, key: input.idempotencyKey, operation: 'inviteStaff' },
        async () => (first = await this.createInvited(manager, actor, programId, input, email)).account.id,
      );
      return first ?? this.reissue(manager, actor, programId, accountId);
    });
  }

  /**
   * The same administrator asks again with the same key because the first answer was lost
   * (the key is scoped to its actor, so nobody else reaches this). Codes are kept only
   * hashed, so the lost one cannot be shown again: a fresh code replaces it, and only the
   * code in this answer works. Once the invitation has been accepted (or the account
   * deactivated) there is nothing left to hand over, and no code is made.
   */
  private async reissue(
    manager: EntityManager,
    actor: Actor,
    programId: string,
    accountId: string,
  ): Promise<{ account: AccountEntity; invitation: IssuedCode }> {
    const account = await manager.findOne(AccountEntity, {
      where: { id: accountId, programId, kind: AccountKind.STAFF },
      lock: { mode: 'pessimistic_write' },
    });
    if (!account || account.status !== AccountStatus.PENDING || account.passwordHash) {
      throw badUserInput(
        'input.idempotencyKey',
        'input.idempotencyKey: this invitation is no longer waiting to be accepted; use a new key for a new invitation',
      );
    }
    return { account, invitation: await this.codes.issue(manager, account.id, 'STAFF_INVITATION', actor.accountId) };
  }

  private async createInvited(
    manager: EntityManager,
    actor: Actor,
    programId: string,
    input: InviteStaffInput,
    email: string,
  ): Promise<{ account: AccountEntity; invitation: IssuedCode }> {
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
        // Rule 1: the administrator who minted the account cannot also make it act.
        awaitingConfirmation: true,
        invitedBy: actor.accountId,
      }),
    );
    const invitation = await this.codes.issue(manager, account.id, 'STAFF_INVITATION', actor.accountId);
    return { account, invitation };
  }

  /** Supervisors: invited staff of their program that wait for a confirmation they may give. */
  async staffAwaitingConfirmation(actor: Actor): Promise<AccountEntity[]> {
    if (!isSupervisor(actor) || !actor.programId) return [];
    const accounts = await this.dataSource.getRepository(AccountEntity).find({
      where: { programId: actor.programId, kind: AccountKind.STAFF, awaitingConfirmation: true },
      order: { createdAt: 'ASC' },
    });
    return accounts.filter((account) => account.invitedBy !== actor.accountId && account.id !== actor.accountId);
  }

  /**
   * A supervisor of the program, other than the inviter, confirms an invited staff member
   * (rule 1, separation of duties): only then can the account act or join a care team.
   * Only after AccountPolicy.confirmStaffAccount (libs/access, which sits above this library);
   * `authorize` is AccountPolicy.confirmStaffAccountOf, judged on the locked row after
   * NOT_FOUND and before the state check, as always.
   */
  async confirmStaffAccount(
    actor: Actor,
    programId: string,
    accountId: string,
    authorize: (account: AccountEntity) => void,
  ): Promise<AccountEntity> {
    return this.dataSource.transaction(async (manager) => {
      const account = await manager.findOne(AccountEntity, {
        where: { id: accountId, programId, kind: AccountKind.STAFF },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account) throw notFound();
      authorize(account);
      if (!account.awaitingConfirmation)
        throw badUserInput('input.accountId', 'input.accountId: this account is already confirmed');
      account.awaitingConfirmation = false;
      account.confirmedBy = actor.accountId;
      account.confirmedAt = this.clock.now();
      account.version += 1;
      return manager.save(account);
    });
  }

  /**
   * Deactivation ends every session at once; the account's data stays, and the reason is
   * kept for the person it concerns. Who may do it is decided by the caller's policy.
   */
  async changeActive(
    accountId: string,
    active: boolean,
    change: { by: string; reason: string | null },
  ): Promise<AccountEntity> {
    const account = await this.dataSource.transaction(async (manager) => {
      const account = await manager.findOne(AccountEntity, {
        where: { id: accountId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account) throw notFound();
      if (!active) await this.sessions.revokeAllSessions(manager, account.id, 'account deactivated');
      const status = active
        ? account.passwordHash
          ? AccountStatus.ACTIVE
          : AccountStatus.PENDING
        : AccountStatus.DEACTIVATED;
      if (account.status !== status) {
        account.status = status;
        if (!active) {
          account.deactivatedAt = this.clock.now();
          account.deactivatedBy = change.by;
          account.deactivationReason = change.reason;
        }
        account.version += 1;
        await manager.save(account);
      }
      return account;
    });
    if (!active) this.sessions.announceRevoked({ accountId: account.id });
    return account;
  }
}
