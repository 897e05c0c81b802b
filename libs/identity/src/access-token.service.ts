import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, Clock, type AppConfig } from '@roundtable/platform';

export interface AccessTokenClaims {
  accountId: string;
  sessionId: string;
}

const ISSUER = 'roundtable';
/** Verified tokens kept at most (about 200 bytes each); the oldest goes first. */
const VERIFIED_KEPT = 10_000;
const AUDIENCE = 'roundtable-api';

/** Short-lived HS256 access tokens; the session they name is re-checked on every request. */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;
  /**
   * Tokens whose signature has been checked, with their claims and expiry (seconds). Keyed by
   * the whole token, signature included, so only the exact bytes once verified can match.
   * Checking an HS256 signature goes through WebCrypto's thread pool (3.5 % of the API's
   * CPU under the plan-screen bench, issue 18); the expiry is still checked against the
   * clock on every use, and the session the token names is read on every request anyway
   * (a revoked session or account is refused there, not here).
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; expiresAt: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
  }

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = now + this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** When a token issued at `from` expires. */
  expiryFrom(from: Date): Date {
    return new Date((Math.floor(from.getTime() / 1000) + this.config.ACCESS_TOKEN_TTL_SECONDS) * 1000);
  }

  /** The claims of a valid, unexpired token; undefined for anything else. */
  async verify(token: string): Promise<AccessTokenClaims | undefined> {
    const known = this.verified.get(token);
    if (known) {
      if (this.clock.now().getTime() < known.expiresAt * 1000) return known.claims;
      this.verified.delete(token);
      return undefined;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') {
        return undefined;
      }
      const claims = { accountId: payload.sub, sessionId: payload.sid };
      this.keep(token, claims, payload.exp);
      return claims;
    } catch {
      return undefined;
    }
  }

  private keep(token: string, claims: AccessTokenClaims, expiresAt: number): void {
    const oldest = this.verified.keys().next();
    if (this.verified.size >= VERIFIED_KEPT && !oldest.done) this.verified.delete(oldest.value);
    this.verified.set(token, { claims, expiresAt });
  }
}
