import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountKind, AccountStatus, ProgramRole } from '@roundtable/contracts';
import { CareTeamRepository } from '@roundtable/care-team';
import {
  AccountEntity,
  OneTimeCodeEntity,
  OneTimeCodes,
  setupCodeStatus,
  type Actor,
  type IssuedCode,
  type SignInSetupOutcome,
} from '@roundtable/identity';
import { badUserInput, Clock, createOnce, mustGet, notFound } from '@roundtable/platform';
import { AuditTrail } from './audit-trail';
import { SignInSetupCode, SignInSetupCodeStatus } from './credentials.models';
import { CredentialsPolicy } from './policies/credentials.policy';
import { authorize } from './policies/authorize';
import { SignInSetupRepository } from './sign-in-setup.repository';

/**
 * Sign-in set-up codes with two people (PRODUCT.md rule 1): a team member asks, a second
 * staff member approves from their own session, the participant (or support person) uses
 * it once within 30 minutes, and the participant's access log names both.
 */
@Injectable()
export class SignInSetupService {
  constructor(
    private readonly clock: Clock,
    private readonly policy: CredentialsPolicy,
    private readonly store: CareTeamRepository,
    private readonly codes: OneTimeCodes,
    private readonly audit: AuditTrail,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SignInSetupRepository,
  ) {}

  /** A team member asks for a code for the participant; the account is created on first use. */
  async request(actor: Actor, participantId: string, idempotencyKey?: string): Promise<SignInSetupCode> {
    await this.policy.assertMayRequestSetupCode(actor, participantId);
    let issued: IssuedCode | undefined;
    const id = await this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        { actor: actor.accountId, key: idempotencyKey, operation: 'createSignInSetupCode' },
        async () => {
          let account = await manager.findOneBy(AccountEntity, { participantId, kind: AccountKind.PARTICIPANT });
          if (!account) {
            const [participant] = await this.store.participants([participantId]);
            account = await manager.save(
              pendingSignIn(
                manager,
                AccountKind.PARTICIPANT,
                participant.preferredName,
                participant.programId,
                participantId,
                this.clock.now(),
              ),
            );
          }
          if (account.status === AccountStatus.DEACTIVATED) {
            throw badUserInput('input.participantId', "input.participantId: the participant's sign-in is deactivated");
          }
          issued = await this.issueAwaitingApproval(
            'signInSetup.request:ownAccount',
            manager,
            actor,
            account.id,
            participantId,
          );
          return issued.id;
        },
      ),
    );
    if (issued) {
      await this.audit.record({
        participantId,
        actor: actor.accountId,
        action: 'signInSetupRequested',
        kind: 'CHANGE',
        itemId: issued.id,
        reason: `${actor.displayName} asked for a code to set up or reset your sign-in. It works only after a second staff member approves it, for 30 minutes, once.`,
      });
    }
    const [model] = await this.models([id]);
    return { ...model, code: issued?.code ?? null };
  }

  /** A code for a support person the participant (or staff) just invited; same approval rule. */
  issueForSupportPerson(
    manager: EntityManager,
    actor: Actor,
    accountId: string,
    participantId: string,
  ): Promise<IssuedCode> {
    return this.issueAwaitingApproval('careTeam.inviteSupportPerson', manager, actor, accountId, participantId);
  }

  private issueAwaitingApproval(
    permission: 'signInSetup.request:ownAccount' | 'careTeam.inviteSupportPerson',
    manager: EntityManager,
    actor: Actor,
    accountId: string,
    participantId: string,
  ): Promise<IssuedCode> {
    // Nobody mints a credential for their own account (separation of duties).
    authorize(permission, actor, accountId);
    return this.codes.issue(manager, accountId, 'SIGN_IN_SETUP', actor.accountId, {
      requiresApproval: true,
      participantId,
    });
  }

  /** A second staff member approves; the requester, administrators and outsiders cannot. */
  async approve(actor: Actor, setupCodeId: string): Promise<SignInSetupCode> {
    const row = await this.repository.awaitingApprovalCode(setupCodeId);
    if (!row) throw notFound();
    this.audit.touch(row.participant_id);
    // The requester knows the code exists; telling them why is no leak.
    authorize('signInSetup.approve', actor, { requestedBy: row.created_by });
    const subject = {
      accountId: row.account_id,
      participantId: row.participant_id,
      programId: row.program_id,
      requestedBy: row.created_by,
    };
    await this.policy.assertMayApprove(actor, subject);
    const approved = await this.dataSource.transaction((manager) =>
      this.codes.approve(manager, row.id, actor.accountId),
    );
    if (!approved)
      throw badUserInput('input.setupCodeId', 'input.setupCodeId: this code is no longer waiting for approval');
    const [model] = await this.models([row.id]);
    await this.audit.record({
      participantId: row.participant_id,
      actor: actor.accountId,
      action: 'signInSetupApproved',
      kind: 'CHANGE',
      itemId: row.id,
      reason: `${actor.displayName} approved the sign-in set-up code ${model.requestedBy.displayName} asked for (for ${model.accountDisplayName}).`,
    });
    return model;
  }

  /** The codes waiting for an approval the caller may give (never their own requests). */
  async awaitingApproval(actor: Actor): Promise<SignInSetupCode[]> {
    if (actor.kind !== AccountKind.STAFF || actor.programRole === ProgramRole.ADMINISTRATOR) return [];
    const rows = await this.repository.awaitingApprovalFor(
      this.clock.now(),
      actor.accountId,
      actor.programRole === ProgramRole.SUPERVISOR,
      actor.programId,
    );
    return this.models(rows.map((row) => row.id));
  }

  /** Every set-up code of a participant (and their support persons), newest first, without codes. */
  async history(actor: Actor, participantId: string): Promise<SignInSetupCode[]> {
    await this.policy.assertMayReadSetupHistory(actor, participantId);
    const rows = await this.repository.historyOf(participantId);
    return this.models(rows.map((row) => row.id));
  }

  /** The participant's access log names who set up the sign-in and who approved it (rules 1, 12). */
  async recordCompleted(outcome: SignInSetupOutcome): Promise<void> {
    if (!outcome.participantId) return;
    const names = await this.names([outcome.requestedBy, outcome.approvedBy]);
    const whose =
      outcome.accountKind === AccountKind.SUPPORT_PERSON ? `${outcome.tokens.account.displayName}'s` : 'Your';
    const what = outcome.wasReset ? 'reset' : 'set up';
    await this.audit.record({
      participantId: outcome.participantId,
      actor: outcome.requestedBy,
      action:
        outcome.accountKind === AccountKind.SUPPORT_PERSON
          ? 'supportPersonSignInSetUp'
          : outcome.wasReset
            ? 'signInReset'
            : 'signInSetUp',
      kind: 'CHANGE',
      itemId: outcome.tokens.account.id,
      reason:
        `${whose} sign-in was ${what} with a code asked for by ${names.get(outcome.requestedBy ?? '') ?? 'someone'}` +
        ` and approved by ${names.get(outcome.approvedBy ?? '') ?? 'nobody'}.` +
        (outcome.wasReset ? ' Every earlier sign-in of that account, on every device, was ended.' : ''),
    });
  }

  private async names(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (unique.length === 0) return new Map();
    const rows = await this.repository.accountNames(unique);
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  private async models(ids: string[]): Promise<SignInSetupCode[]> {
    if (ids.length === 0) return [];
    const codes = await this.dataSource.getRepository(OneTimeCodeEntity).findBy(ids.map((id) => ({ id })));
    const accounts = await this.dataSource
      .getRepository(AccountEntity)
      .findBy([...new Set(codes.map((code) => code.accountId))].map((id) => ({ id })));
    const accountOf = new Map(accounts.map((account) => [account.id, account]));
    const names = await this.names(codes.flatMap((code) => [code.createdBy, code.approvedBy]));
    const byId = new Map(codes.map((code) => [code.id, code]));
    const now = this.clock.now();
    return ids.map((id) => {
      const code = mustGet(byId, id);
      const account = mustGet(accountOf, code.accountId);
      // Every sign-in set-up code is issued for a participant's care team (issueAwaitingApproval).
      if (!code.participantId) throw new Error(`Sign-in set-up code ${code.id} names no participant`);
      return {
        id: code.id,
        code: null,
        participantId: code.participantId,
        accountKind: account.kind,
        accountDisplayName: account.displayName,
        replacesPassphrase: !code.usedAt && Boolean(account.passwordHash),
        status: setupCodeStatus(code, now) as SignInSetupCodeStatus,
        requestedBy: { accountId: code.createdBy, displayName: names.get(code.createdBy ?? '') ?? 'Unknown' },
        approvedBy: code.approvedBy
          ? { accountId: code.approvedBy, displayName: names.get(code.approvedBy) ?? 'Unknown' }
          : null,
        issuedAt: code.createdAt,
        expiresAt: code.expiresAt,
      };
    });
  }
}

/** A sign-in with no passphrase yet, for a participant or support person (set up with a one-time code). */
export function pendingSignIn(
  manager: EntityManager,
  kind: AccountKind.PARTICIPANT | AccountKind.SUPPORT_PERSON,
  displayName: string,
  programId: string,
  participantId: string | null,
  now: Date,
): AccountEntity {
  return manager.create(AccountEntity, {
    kind,
    status: AccountStatus.PENDING,
    displayName,
    email: null,
    username: null,
    passwordHash: null,
    programId,
    discipline: null,
    programRole: null,
    participantId,
    createdAt: now,
    version: 1,
  });
}
