import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountStatus } from '@roundtable/contracts';
import { badUserInput, unauthenticated } from '@roundtable/platform';
import type { Actor } from './actor';
import { AccountEntity } from './identity.entities';
import { PASSWORD_MAX } from './identity.inputs';
import { INVALID_CODE } from './credentials.service';
import { OneTimeCodes } from './one-time-codes';
import { PasswordHasher } from './password-hasher';
import { Sessions, type DeviceDetails, type IssuedTokens } from './sessions';
import { SignInThrottle } from './sign-in-throttle';

const WRONG_DETAILS = 'Those sign-in details did not work';

/**
 * What a code guess is recorded as (no username or email contains a space). Code guesses
 * count only against the per-address limit shared with failed sign-ins
 * (SignInThrottle.beginCodeGuess): a guess at a code is a guess like any other, and no one
 * guessing wrong can lock others at the same address out of redeeming their own code.
 */
export const INVITATION_CODE_GUESSES = 'staff invitation code';

/** Signing in and out, and the one-time-code flows that end in a first sign-in. */
@Injectable()
export class AuthService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    private readonly sessions: Sessions,
    private readonly codes: OneTimeCodes,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Unknown identifier, wrong password, pending or deactivated account: one error, one
   * message, and the same argon2 verification cost, so none can be told apart.
   */
  async login(
    identifier: string,
    password: string,
    address: string,
    device: DeviceDetails = {},
  ): Promise<IssuedTokens> {
    const key = identifier.trim().toLowerCase();
    if (key.length === 0 || key.length > 254)
      throw badUserInput('identifier', 'identifier: enter your email or username');
    if (password.length > PASSWORD_MAX) throw badUserInput('password', `password: at most ${PASSWORD_MAX} characters`);
    const attempt = await this.throttle.begin(key, address);

    const account = await this.dataSource.getRepository(AccountEntity).findOne({
      where: [{ email: key }, { username: key }],
    });
    const verified = await this.hasher.verify(account?.passwordHash, password);
    const allowed = verified && account?.status === AccountStatus.ACTIVE;
    await attempt.settle(allowed);
    if (!allowed || !account) throw unauthenticated(WRONG_DETAILS);
    return this.dataSource.transaction((manager) => this.sessions.start(manager, account, device));
  }

  refresh(refreshToken: string): Promise<IssuedTokens> {
    return this.sessions.refresh(refreshToken);
  }

  async logout(actor: Actor): Promise<void> {
    await this.sessions.revokeSession(this.dataSource.manager, actor.sessionId, 'signed out');
    this.sessions.announceRevoked({ sessionId: actor.sessionId });
  }

  async logoutEverywhere(actor: Actor): Promise<void> {
    await this.sessions.revokeAllSessions(this.dataSource.manager, actor.accountId, 'signed out everywhere');
    this.sessions.announceRevoked({ accountId: actor.accountId });
  }

  /**
   * A new staff member chooses their password with the code an administrator gave them.
   * Throttled per address like login (a guess here is a guess there), and every failure
   * answers the same INVALID_CODE whether the code never existed, was used, replaced or
   * expired (PRODUCT.md rule 11).
   */
  async acceptStaffInvitation(code: string, password: string, address: string): Promise<IssuedTokens> {
    const attempt = await this.throttle.beginCodeGuess(INVITATION_CODE_GUESSES, address);
    let issued: IssuedTokens | undefined;
    try {
      issued = await this.redeemStaffInvitation(code, password);
      return issued;
    } finally {
      await attempt.settle(issued !== undefined);
    }
  }

  private async redeemStaffInvitation(code: string, password: string): Promise<IssuedTokens> {
    const passwordHash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (manager) => {
      const redeemed = await this.codes.redeem(manager, code, 'STAFF_INVITATION');
      const account = redeemed && (await manager.findOneBy(AccountEntity, { id: redeemed.accountId }));
      if (!account || account.status === AccountStatus.DEACTIVATED) throw badUserInput('input.code', INVALID_CODE);
      account.passwordHash = passwordHash;
      account.status = AccountStatus.ACTIVE;
      account.version += 1;
      await manager.save(account);
      return this.sessions.start(manager, account);
    });
  }
}
