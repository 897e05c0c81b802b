import { Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import type { LeavePlanAck, RealtimeError } from '@roundtable/contracts';
import { Authenticator } from '@roundtable/identity';
import { Clock, type SessionsRevoked } from '@roundtable/platform';
import { authorize } from '@roundtable/access';
import { LiveSockets, type RealtimeSocket } from './live-sockets';
import { SocketSessionRepository } from './socket-session.repository';
import type { SocketPayload } from './socket-payloads';

/** The access token's expiry (already verified by the Authenticator). */
function tokenExpiry(token: string): number {
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? exp * 1000 : 0;
}

/**
 * Who a socket is and for how long (rule 10: access ends when the sign-in ends): the
 * handshake checks the token with the same Authenticator as GraphQL (sent in the handshake
 * `auth` field, never the query string), a refresh keeps the connection past the old
 * token's expiry, and ended sign-ins close their sockets.
 */
@Injectable()
export class SocketSignIn {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly clock: Clock,
    private readonly live: LiveSockets,
    private readonly sessions: SocketSessionRepository,
  ) {}

  /** socket.io middleware: only a signed-in socket connects, with no plans open yet. */
  handshake(socket: RealtimeSocket, next: (error?: Error) => void): void {
    const token: unknown = socket.handshake.auth?.token;
    this.authenticator
      .authenticate(typeof token === 'string' ? token : undefined)
      .then((actor) => {
        if (!actor) {
          const error = new Error('Sign in to continue') as Error & { data: RealtimeError };
          error.data = { code: 'UNAUTHENTICATED', message: 'Sign in to continue' };
          return next(error);
        }
        socket.data.actor = actor;
        socket.data.plans = {};
        socket.data.editing = {};
        socket.data.viewing = {};
        socket.data.recheckAt = {};
        socket.data.epochs = {};
        socket.data.tokenExpiresAt = tokenExpiry(token as string);
        next();
      })
      .catch(() => next(new Error('Sign in to continue')));
  }

  /** The rooms that sign-out, sign-out everywhere and deactivation reach (see `end`). */
  joinOwnRooms(socket: RealtimeSocket): void {
    void socket.join(`account:${socket.data.actor.accountId}`);
    void socket.join(`session:${socket.data.actor.sessionId}`);
  }

  /** A new access token for the same account keeps the connection open past the old one's expiry. */
  async refresh(socket: RealtimeSocket, { token }: SocketPayload<'auth:refresh'>): Promise<LeavePlanAck> {
    // Rule 10 (LivePlanRoomPolicy.refreshLive): a fresh token of the same account, or UNAUTHENTICATED.
    const actor = authorize(
      'session.refreshLive',
      socket.data.actor.accountId,
      await this.authenticator.authenticate(token),
    );
    void socket.leave(`session:${socket.data.actor.sessionId}`);
    void socket.join(`session:${actor.sessionId}`);
    socket.data.actor = actor;
    socket.data.tokenExpiresAt = tokenExpiry(token);
    return { ok: true };
  }

  /** The token ran out and was not refreshed: say so, then close. */
  expire(socket: RealtimeSocket): void {
    socket.emit('auth:expired');
    socket.disconnect(true);
  }

  /** Which of these sign-ins are still open (not revoked or expired, account active), in one round trip. */
  stillOpen(sessionIds: string[]): Promise<Set<string>> {
    return this.sessions.openSessionIds(sessionIds, this.clock.now());
  }

  /** Sign-out, sign-out everywhere, deactivation and refresh-token reuse end live connections too. */
  end(revoked: SessionsRevoked): void {
    const room = 'sessionId' in revoked ? `session:${revoked.sessionId}` : `account:${revoked.accountId}`;
    this.live.io?.in(room).disconnectSockets(true);
  }
}
