import { Injectable } from '@nestjs/common';
import { AccountStatus } from '@roundtable/contracts';
import { Clock } from '@roundtable/platform';
import { AccessTokenService } from './access-token.service';
import { actorFromRow, type Actor } from './actor';
import { SessionsRepository, type SessionActorRow } from './sessions.repository';

/** An invited staff account no supervisor has confirmed yet (rule 1): it may hold tokens but not act. */
export const AWAITING_CONFIRMATION = 'ACCOUNT_AWAITING_CONFIRMATION';

/** Such an account's sign-in: who it would be, kept apart so nothing mistakes it for an actor. */
export interface AwaitingConfirmation {
  awaitingConfirmation: Actor;
}

export function isAwaitingConfirmation(resolved: Actor | AwaitingConfirmation): resolved is AwaitingConfirmation {
  return 'awaitingConfirmation' in resolved;
}

/** A live session's account, and what to do with the Actor built from it. */
export interface LiveActor {
  row: SessionActorRow;
  /** Called with the Actor made from `row` (a reader that read more for it keeps that here). */
  adopt?: (actor: Actor) => void;
}

/**
 * Reads the account behind an open, unexpired, active session. Identity's own reads only that;
 * libs/access puts in its place one that reads the account's access in the same statement and
 * keeps it for that actor's request (issue 18: authentication and access in one statement).
 * libs/identity cannot import libs/access, hence a reader handed in rather than called.
 */
export interface LiveActorReader {
  /**
   * `forOneRequest`: the Actor will live only as long as one HTTP request (the AuthGuard's),
   * so what is read with it may be kept with it; a socket's actor lives as long as its
   * connection, and nothing must be kept with it (its checks read afresh).
   */
  read(sessionId: string, accountId: string, at: Date, forOneRequest: boolean): Promise<LiveActor | undefined>;
}

/**
 * Turns a bearer token into an Actor. The same check serves GraphQL and socket
 * handshakes: a valid signature is not enough, the session must be open and the account
 * active right now, so sign-out and deactivation take effect at once.
 */
@Injectable()
export class Authenticator {
  private reader: LiveActorReader;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly clock: Clock,
    sessionsRepository: SessionsRepository,
  ) {
    this.reader = {
      read: async (sessionId, accountId, at) => {
        const [row] = await sessionsRepository.liveActor(sessionId, accountId, at, AccountStatus.ACTIVE);
        return row ? { row } : undefined;
      },
    };
  }

  /** Puts a reader that reads more in the same statement in place of identity's own. */
  useReader(reader: LiveActorReader): void {
    this.reader = reader;
  }

  /** The actor, or undefined for anyone who may not act (including accounts awaiting confirmation). */
  async authenticate(token: string | undefined): Promise<Actor | undefined> {
    const resolved = await this.resolve(token);
    return resolved && !isAwaitingConfirmation(resolved) ? resolved : undefined;
  }

  /**
   * Like authenticate, but tells an unconfirmed account apart so the guard can say why it is
   * refused (and let it do the one thing it may: end its own sign-in).
   */
  async resolve(
    token: string | undefined,
    { forOneRequest = false }: { forOneRequest?: boolean } = {},
  ): Promise<Actor | AwaitingConfirmation | undefined> {
    if (!token) return undefined;
    const claims = await this.tokens.verify(token);
    if (!claims) return undefined;
    const live = await this.reader.read(claims.sessionId, claims.accountId, this.clock.now(), forOneRequest);
    if (!live) return undefined;
    const { row } = live;
    const actor = actorFromRow(row, claims.sessionId);
    live.adopt?.(actor);
    return row.awaiting_confirmation ? { awaitingConfirmation: actor } : actor;
  }
}

/** The token from an `Authorization: Bearer …` header value. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
