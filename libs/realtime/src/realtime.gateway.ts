import type { Server as HttpServer } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  ACCESS_CHANGED,
  APP_CONFIG,
  PRESENCE_SHARING_CHANGED,
  SESSIONS_REVOKED,
  type AccessChanged,
  type AppConfig,
  type PresenceSharingChanged,
  type SessionsRevoked,
} from '@roundtable/platform';
import { PLAN_EVENTS_COMMITTED, PlanOutbox, type PlanEventEntity } from '@roundtable/plan';
import { LivePresence } from './live-presence';
import { LiveSockets, type RealtimeSocket } from './live-sockets';
import { PlanEventDelivery } from './plan-event-delivery';
import { PlanRooms } from './plan-rooms';
import { answer } from './socket-answers';
import { CLIENT_EVENTS, SOCKET_EVENT_PERMISSIONS, type ClientEvent } from './socket-event-permissions';
import { parsePayload, type SocketPayload } from './socket-payloads';
import { SocketSignIn } from './socket-sign-in';

/** Each client event's handler, taking the payload socket-payloads.ts parsed. */
type Handlers = { [E in ClientEvent]: (payload: SocketPayload<E>) => Promise<unknown> };

/** Parses the payload, then runs the event's handler; a malformed payload gets its BAD_USER_INPUT answer. */
async function route<E extends ClientEvent>(handlers: Handlers, event: E, request: unknown): Promise<unknown> {
  const parsed = parsePayload(event, request);
  return parsed.ok ? handlers[event](parsed.payload) : parsed;
}

/**
 * The socket.io server at /realtime, as a router only: it starts the server, authenticates
 * the handshake (SocketSignIn), and sends each client event, with its payload parsed
 * (socket-payloads.ts) and its permission named (SOCKET_EVENT_PERMISSIONS), to the code
 * that does it: plan rooms and replay (plan-rooms.ts), presence (live-presence.ts),
 * delivery of committed plan events (plan-event-delivery.ts), sign-ins (socket-sign-in.ts).
 * Domain events and messages from other nodes are routed the same way. Services never
 * touch sockets.
 */
@Injectable()
export class RealtimeGateway implements OnApplicationShutdown {
  private readonly logger = new Logger('Realtime');
  private rechecker?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly live: LiveSockets,
    private readonly signIn: SocketSignIn,
    private readonly rooms: PlanRooms,
    private readonly presence: LivePresence,
    private readonly delivery: PlanEventDelivery,
    private readonly outbox: PlanOutbox,
  ) {}

  /** Starts socket.io on the API's HTTP server and routes what reaches it. */
  async attach(httpServer: HttpServer): Promise<void> {
    const io = await this.live.open(httpServer);
    if (this.live.clustered) {
      io.on('access:changed', (participantId) => void this.rooms.recheck(participantId));
      io.on('plan:events', (events) => this.delivery.deliverLocally(events));
      io.on('presence:changed', (participantId) => void this.presence.updateLocally(participantId));
    }
    this.outbox.start((events) => this.delivery.publish(events));
    this.rechecker = setInterval(() => void this.sweepConnections(), this.config.REALTIME_RECHECK_MS);
    this.rechecker.unref();
    io.use((socket, next) => this.signIn.handshake(socket, next));
    io.on('connection', (socket) => this.onConnection(socket));
  }

  private onConnection(socket: RealtimeSocket): void {
    this.signIn.joinOwnRooms(socket);
    // Keyed by ClientToServerEvents, like SOCKET_EVENT_PERMISSIONS and the payload schemas:
    // an event added to the contract compiles only with a handler, a permission and a
    // schema, and only declared events are listened for.
    const handlers: Handlers = {
      'plan:join': (payload) => this.rooms.join(socket, payload),
      'plan:leave': (payload) => this.rooms.leave(socket, payload),
      'presence:editing': (payload) => this.presence.announceEditing(socket, payload),
      'presence:viewing': (payload) => this.presence.announceViewing(socket, payload),
      'auth:refresh': (payload) => this.signIn.refresh(socket, payload),
    };
    for (const event of CLIENT_EVENTS) {
      socket.on(event, (request: unknown, ack: unknown) =>
        answer(this.logger, ack, SOCKET_EVENT_PERMISSIONS[event], () => route(handlers, event, request)),
      );
    }
    socket.on('disconnect', () => this.presence.disconnected(socket));
  }

  /**
   * Runs every REALTIME_RECHECK_MS on each node, by the app clock (PlanRooms.sweepConnections).
   * Public so tests can drive it with a manual clock.
   */
  sweepConnections(): Promise<void> {
    return this.rooms.sweepConnections();
  }

  /**
   * After commit: the events go to every node and each node judges them for its own
   * sockets; then they are marked published in the outbox.
   */
  @OnEvent(PLAN_EVENTS_COMMITTED, { async: true, promisify: true })
  async deliver(events: PlanEventEntity[]): Promise<void> {
    this.delivery.publish(events);
    await this.outbox.markPublished(events);
  }

  /** Consent, team or break-glass changed: re-check every socket watching that plan, on every node, at once. */
  @OnEvent(ACCESS_CHANGED, { async: true, promisify: true })
  async reconsider({ participantId }: AccessChanged): Promise<void> {
    this.live.toOtherNodes('access:changed', participantId);
    await this.rooms.recheck(participantId);
  }

  /** The participant turned presence sharing on or off: everyone in the room gets the new view at once. */
  @OnEvent(PRESENCE_SHARING_CHANGED, { async: true, promisify: true })
  async presenceSharingChanged({ participantId }: PresenceSharingChanged): Promise<void> {
    await this.presence.changed(participantId);
  }

  /** Sign-out, sign-out everywhere, deactivation and refresh-token reuse end live connections too. */
  @OnEvent(SESSIONS_REVOKED)
  disconnect(revoked: SessionsRevoked): void {
    this.signIn.end(revoked);
  }

  /** Live figures for /metrics: sockets connected to this node, and plans open in a room on it. */
  liveCounts(): { openSockets: number; planRooms: number } {
    return this.live.counts();
  }

  async onApplicationShutdown(): Promise<void> {
    this.outbox.stop();
    clearInterval(this.rechecker);
    await this.live.close();
  }
}
