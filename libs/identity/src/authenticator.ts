import { Injectable } from '@nestjs/common';
import { AccountStatus } from '@roundtable/contracts';
import { Clock } from '@roundtable/platform';
import { AccessTokenService } from './access-token.service';
import type { Actor } from './actor';
import { SessionsRepository } from './sessions.repository';

/** An invited staff account no supervisor has confirmed yet (rule 1): it may hold tokens but not act. */
export const AWAITING_CONFIRMATION = 'ACCOUNT_AWAITING_CONFIRMATION';

/** Such an account's sign-in: who it would be, kept apart so nothing mistakes it for an actor. */
export interface AwaitingConfirmation {
  awaitingConfirmation: Actor;
}

export function isAwaitingConfirmation(resolved: Actor | AwaitingConfirmation): resolved is AwaitingConfirmation {
  return 'awaitingConfirmation' in resolved;
}

/**
 * Turns a bearer token into an Actor. The same check serves GraphQL and socket
 * handshakes: a valid signature is not enough, the session must be open and the account
 * active right now, so sign-out and deactivation take effect at once.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly clock: Clock,
    private readonly sessionsRepository: SessionsRepository,
  ) {}

  /** The actor, or undefined for anyone who may not act (including accounts awaiting confirmation). */
  async authenticate(token: string | undefined): Promise<Actor | undefined> {
    const resolved = await this.resolve(token);
    return resolved && !isAwaitingConfirmation(resolved) ? resolved : undefined;
  }

  /**
   * Like authenticate, but tells an unconfirmed account apart so the guard can say why it is
   * refused (and let it do the one thing it may: end its own sign-in).
   */
  async resolve(token: string | undefined): Promise<Actor | AwaitingConfirmation | undefined> {
    if (!token) return undefined;
    const claims = await this.tokens.verify(token);
    if (!claims) return undefined;
    const rows = await this.sessionsRepository.liveActor(
      claims.sessionId,
      claims.accountId,
      this.clock.now(),
      AccountStatus.ACTIVE,
    );
    const row = rows[0];
    if (!row) return undefined;
    const actor: Actor = {
      accountId: row.account_id,
      sessionId: claims.sessionId,
      kind: row.kind,
      displayName: row.display_name,
      programId: row.program_id,
      programRole: row.program_role,
      discipline: row.discipline,
      participantId: row.participant_id,
    };
    return row.awaiting_confirmation ? { awaitingConfirmation: actor } : actor;
  }
}

/** The token from an `Authorization: Bearer …` header value. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
