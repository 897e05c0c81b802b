import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, AccountStatus } from '@roundtable/contracts';
import { badUserInput, unauthenticated } from '@roundtable/platform';
import type { Actor } from './actor';
import { AccountEntity } from './identity.entities';
import type {
  CompleteSignInSetupInput,
  RegenerateRecoveryCodesInput,
  ResetPassphraseWithRecoveryCodeInput,
} from './identity.inputs';
import { OneTimeCodes } from './one-time-codes';
import { PasswordHasher } from './password-hasher';
import { RecoveryCodes } from './recovery-codes';
import { Sessions, type IssuedTokens } from './sessions';
import { SignInThrottle } from './sign-in-throttle';

/**
 * What a code guess is recorded as (no username or email contains a space). Code guesses
 * count only against the per-address limit shared with failed sign-ins
 * (SignInThrottle.beginCodeGuess): a guess at a code is a guess like any other, and no one
 * guessing wrong can lock others at the same address out of redeeming their own code.
 */
export const SETUP_CODE_GUESSES = 'sign-in set-up code';

/** Unknown, unapproved, expired, replaced and used codes all answer exactly this (rule 11). */
export const INVALID_CODE = 'That code is not valid: it may have been used already or have expired';
const WRONG_RECOVERY = 'That username and recovery code did not work';

export interface SignInSetupOutcome {
  tokens: IssuedTokens;
  recoveryCodes: string[];
  /** Whose plan the new sign-in reaches: the participant, or the one a support person supports. */
  participantId: string | null;
  accountKind: AccountKind;
  requestedBy: string | null;
  approvedBy: string | null;
  /** The account already had a passphrase: this replaced it and ended its sign-ins. */
  wasReset: boolean;
}

export interface RecoveryResetOutcome {
  tokens: IssuedTokens;
  participantId: string | null;
  remainingRecoveryCodes: number;
}

const SELF_SERVICE_KINDS = new Set<AccountKind>([AccountKind.PARTICIPANT, AccountKind.SUPPORT_PERSON]);

/**
 * The participant's and support person's own credentials (PRODUCT.md rule 1): completing an
 * approved set-up code, and recovery codes that let them reset a passphrase with no staff.
 * Who may request and approve a set-up code is decided in libs/access (credentials policy).
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    private readonly sessions: Sessions,
    private readonly codes: OneTimeCodes,
    private readonly recovery: RecoveryCodes,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Sets (or resets) the username and passphrase with an approved code; every earlier
   * sign-in ends and a fresh set of recovery codes replaces the old ones. Throttled per
   * address like login: only a code that did not work counts as a failed guess (a taken
   * username is not a guess at a code).
   */
  async completeSignInSetup(input: CompleteSignInSetupInput, address: string): Promise<SignInSetupOutcome> {
    const attempt = await this.throttle.beginCodeGuess(SETUP_CODE_GUESSES, address);
    let codeWorked = false;
    try {
      return await this.redeemSetupCode(input, () => {
        codeWorked = true;
      });
    } finally {
      await attempt.settle(codeWorked);
    }
  }

  private async redeemSetupCode(input: CompleteSignInSetupInput, codeWorked: () => void): Promise<SignInSetupOutcome> {
    const passwordHash = await this.hasher.hash(input.passphrase);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const redeemed = await this.codes.redeem(manager, input.code, 'SIGN_IN_SETUP');
      const account = redeemed && (await manager.findOneBy(AccountEntity, { id: redeemed.accountId }));
      if (
        !redeemed ||
        !account ||
        account.status === AccountStatus.DEACTIVATED ||
        !SELF_SERVICE_KINDS.has(account.kind)
      )
        throw badUserInput('input.code', INVALID_CODE);
      codeWorked();
      const username = input.username?.toLowerCase() ?? account.username;
      if (!username) throw badUserInput('input.username', 'input.username: choose a username');
      if (username !== account.username) {
        const taken = await manager.findOneBy(AccountEntity, { username });
        if (taken) throw badUserInput('input.username', 'input.username: that username is taken; try another');
      }
      const wasReset = Boolean(account.passwordHash);
      await this.sessions.revokeAllSessions(manager, account.id, 'sign-in reset');
      account.username = username;
      account.passwordHash = passwordHash;
      account.status = AccountStatus.ACTIVE;
      account.version += 1;
      await manager.save(account);
      const recoveryCodes = await this.recovery.replace(manager, account.id);
      return {
        tokens: await this.sessions.start(manager, account),
        recoveryCodes,
        participantId: redeemed.participantId ?? account.participantId,
        accountKind: account.kind,
        requestedBy: redeemed.createdBy,
        approvedBy: redeemed.approvedBy,
        wasReset,
      };
    });
    // Earlier sign-ins ended with the reset; their live connections end too.
    this.sessions.announceRevoked({ accountId: outcome.tokens.account.id });
    return outcome;
  }

  /**
   * A participant or support person resets their passphrase with one of their recovery
   * codes. Throttled with the same counters as login (a guess here is a guess there), and
   * every failure answers the same: unknown username, wrong, used or revoked code.
   */
  async resetWithRecoveryCode(
    input: ResetPassphraseWithRecoveryCodeInput,
    address: string,
  ): Promise<RecoveryResetOutcome> {
    const key = input.username.trim().toLowerCase();
    const attempt = await this.throttle.begin(key, address);
    const passwordHash = await this.hasher.hash(input.newPassphrase);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const account = await manager.findOneBy(AccountEntity, { username: key });
      const eligible = account && SELF_SERVICE_KINDS.has(account.kind) && account.status === AccountStatus.ACTIVE;
      // Verified even when the account is not eligible, so the answer takes the same time.
      const used = await this.recovery.use(manager, eligible ? account.id : undefined, input.recoveryCode);
      if (!used || !account || !eligible) return undefined;
      await this.sessions.revokeAllSessions(manager, account.id, 'passphrase reset with a recovery code');
      account.passwordHash = passwordHash;
      account.version += 1;
      await manager.save(account);
      return {
        tokens: await this.sessions.start(manager, account),
        participantId: account.participantId,
        remainingRecoveryCodes: await this.recovery.remaining(manager, account.id),
      };
    });
    await attempt.settle(Boolean(outcome));
    if (!outcome) throw unauthenticated(WRONG_RECOVERY);
    this.sessions.announceRevoked({ accountId: outcome.tokens.account.id });
    return outcome;
  }

  /**
   * New recovery codes for the signed-in participant or support person; the old ones stop
   * working. The passphrase is asked again so a borrowed, still-open session cannot mint
   * codes that would outlive it. Only after AccountPolicy.regenerateRecoveryCodes (libs/access,
   * which sits above this library: CredentialsResolver asks it first).
   */
  async regenerateRecoveryCodes(actor: Actor, input: RegenerateRecoveryCodesInput, address: string): Promise<string[]> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: actor.accountId });
    const key = (account.username ?? account.id).toLowerCase();
    const attempt = await this.throttle.begin(key, address);
    const verified = await this.hasher.verify(account.passwordHash, input.passphrase);
    await attempt.settle(verified);
    if (!verified) throw badUserInput('input.passphrase', 'input.passphrase: that is not your current passphrase');
    return this.dataSource.transaction((manager) => this.recovery.replace(manager, account.id));
  }
}
