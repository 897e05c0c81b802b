import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  APP_CONFIG,
  Clock,
  SESSIONS_REVOKED,
  unauthenticated,
  type AppConfig,
  type SessionsRevoked,
} from '@roundtable/platform';
import { AccessTokenService } from './access-token.service';
import { AccountEntity, AuthSessionEntity, RefreshTokenEntity } from './identity.entities';
import { randomSecret, sameHash, sha256 } from './secrets';
import { SessionsRepository } from './sessions.repository';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  /** Null for a shared-device sign-in, and in the answer to the web client (it gets a cookie). */
  refreshToken: string | null;
  /** When the refresh token (and its session) stops working unless used. */
  refreshTokenExpiresAt?: Date;
  account: AccountEntity;
}

/** What the person signing in told us about the device, for "Signed in on these devices". */
export interface DeviceDetails {
  /** "This is a shared computer": no refresh token, the sign-in ends with the access token. */
  sharedDevice?: boolean;
  userAgent?: string | null;
}

const REFRESH_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/i;

/**
 * Sessions and rotating refresh tokens. A refresh token works once; presenting a used one
 * means it was copied, so the whole session (the token family) is revoked.
 */
@Injectable()
export class Sessions {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly accessTokens: AccessTokenService,
    private readonly events: EventEmitter2,
    private readonly sessionsRepository: SessionsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Tell live connections (realtime) that sign-ins ended; call after the revocation commits. */
  announceRevoked(revoked: SessionsRevoked): void {
    this.events.emit(SESSIONS_REVOKED, revoked);
  }

  async start(manager: EntityManager, account: AccountEntity, device: DeviceDetails = {}): Promise<IssuedTokens> {
    const now = this.clock.now();
    const sharedDevice = device.sharedDevice === true;
    const session = await manager.save(
      manager.create(AuthSessionEntity, {
        accountId: account.id,
        createdAt: now,
        // A shared-device sign-in has no refresh token, so it lives exactly as long as its access token.
        expiresAt: sharedDevice ? this.accessTokens.expiryFrom(now) : this.refreshExpiry(now),
        revokedAt: null,
        revokedReason: null,
        sharedDevice,
        userAgent: device.userAgent?.slice(0, 300) ?? null,
        lastUsedAt: now,
      }),
    );
    return this.issue(manager, account, session.id, !sharedDevice);
  }

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const parsed = REFRESH_TOKEN.exec(refreshToken.trim());
    if (!parsed) throw unauthenticated('This sign-in has ended; sign in again');
    const [, tokenId, secret] = parsed;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshTokenEntity, {
        where: { id: tokenId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token || !sameHash(token.secretHash, sha256(secret))) return undefined;
      const session = await manager.findOneBy(AuthSessionEntity, { id: token.sessionId });
      const account = session && (await manager.findOneBy(AccountEntity, { id: session.accountId }));
      const now = this.clock.now();
      if (!session || !account || session.revokedAt || session.expiresAt <= now || account.status !== 'ACTIVE') {
        return undefined;
      }
      if (token.usedAt) {
        await this.revokeSession(manager, session.id, 'refresh token reused');
        return { reusedSession: session.id };
      }
      await manager.update(RefreshTokenEntity, { id: token.id }, { usedAt: now });
      await manager.update(
        AuthSessionEntity,
        { id: session.id },
        { expiresAt: this.refreshExpiry(now), lastUsedAt: now },
      );
      return this.issue(manager, account, session.id);
    });
    if (outcome && 'reusedSession' in outcome) this.announceRevoked({ sessionId: outcome.reusedSession });
    if (!outcome || 'reusedSession' in outcome) throw unauthenticated('This sign-in has ended; sign in again');
    return outcome;
  }

  async revokeSession(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await this.sessionsRepository.revoke(manager, sessionId, this.clock.now(), reason);
  }

  async revokeAllSessions(manager: EntityManager, accountId: string, reason: string): Promise<void> {
    await this.sessionsRepository.revokeAllOfAccount(manager, accountId, this.clock.now(), reason);
  }

  private refreshExpiry(from: Date): Date {
    return new Date(from.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
  }

  private async issue(
    manager: EntityManager,
    account: AccountEntity,
    sessionId: string,
    withRefreshToken = true,
  ): Promise<IssuedTokens> {
    if (!withRefreshToken) {
      const access = await this.accessTokens.issue({ accountId: account.id, sessionId });
      return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: null, account };
    }
    const secret = randomSecret();
    const token = await manager.save(
      manager.create(RefreshTokenEntity, {
        sessionId,
        secretHash: sha256(secret),
        createdAt: this.clock.now(),
        usedAt: null,
      }),
    );
    const access = await this.accessTokens.issue({ accountId: account.id, sessionId });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: `${token.id}.${secret}`,
      refreshTokenExpiresAt: this.refreshExpiry(this.clock.now()),
      account,
    };
  }
}
