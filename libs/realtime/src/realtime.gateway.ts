import type { Server as HttpServer } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { Server, type Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { decodeJwt } from 'jose';
import {
  PlanEventType,
  REALTIME_PATH,
  SensitivityLabel,
  type ClientToServerEvents,
  type JoinPlanAck,
  type LabelCursor,
  type PlanEventMessage,
  type RealtimeError,
  type ServerToClientEvents,
} from '@roundtable/contracts';
import { VisibilityPolicy } from '@roundtable/access';
import { Authenticator, type Actor } from '@roundtable/identity';
import {
  ACCESS_CHANGED,
  APP_CONFIG,
  Clock,
  isUuid,
  SESSIONS_REVOKED,
  type AccessChanged,
  type AppConfig,
  type SessionsRevoked,
} from '@roundtable/platform';
import { describeEvent, PLAN_EVENTS_COMMITTED, type PlanEventEntity } from '@roundtable/plan';
import { presenceFor, type EditingItem } from './presence';

interface SocketData {
  actor: Actor;
  /** participantId → the label streams this socket receives for that plan (plain data: other nodes read it). */
  plans: Record<string, SensitivityLabel[]>;
  /** participantId → what this person is editing in that plan right now. */
  editing: Record<string, EditingItem>;
  /** When the access token expires (ms since epoch, by the app clock). */
  tokenExpiresAt: number;
  /** participantId → when access to that plan next changes by the clock alone (ms), if ever. */
  recheckAt: Record<string, number>;
}

/** Messages between API nodes (through the Redis Streams adapter). */
interface ServerSideEvents {
  'access:changed': (participantId: string) => void;
}

type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

const LABELS = new Set<string>(Object.values(SensitivityLabel));
/** Plan events that leave something waiting for the participant. */
const WAITING_TYPES = new Set<string>([
  PlanEventType.GOAL_PROPOSED,
  PlanEventType.OFFER_MADE,
  PlanEventType.DECISION_PROPOSED,
  PlanEventType.WRITTEN_WITH_YOU_WAITING,
]);

/** The access token's expiry (already verified by the Authenticator). */
function tokenExpiry(token: string): number {
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? exp * 1000 : 0;
}
const REPLAY_LIMIT = 5000;
/** The room of one plan's label stream, or (no label) of everyone in the plan, for presence. */
const planRoom = (participantId: string, label?: SensitivityLabel) =>
  label ? `plan:${participantId}:${label}` : `plan:${participantId}`;

export function toMessage(event: PlanEventEntity): PlanEventMessage {
  return {
    participantId: event.participantId,
    id: event.id,
    type: event.type,
    label: event.label,
    sequence: event.seq,
    itemId: event.itemId,
    summary: describeEvent(event.type, event.payload),
    occurredAt: event.occurredAt.toISOString(),
  };
}

const fail = (code: RealtimeError['code'], message: string) => ({ ok: false as const, error: { code, message } });

/** A cursor object: known labels mapped to whole numbers ≥ 0, nothing else. */
function parseCursor(value: unknown): LabelCursor | undefined {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const cursor: LabelCursor = {};
  for (const [label, sequence] of Object.entries(value)) {
    if (!LABELS.has(label) || !Number.isInteger(sequence) || (sequence as number) < 0) return undefined;
    cursor[label as SensitivityLabel] = sequence as number;
  }
  return cursor;
}

/**
 * The socket.io server at /realtime: a thin, typed gateway. It authenticates the handshake
 * with the same check as GraphQL, puts sockets in per-label plan rooms they may see, replays
 * from the client's cursor, delivers plan events after commit, re-checks rooms the moment
 * access changes, and disconnects sign-ins that ended. Services never touch sockets.
 *
 * No connectionStateRecovery (it would restore rooms without re-checking access).
 */
@Injectable()
export class RealtimeGateway implements OnApplicationShutdown {
  private readonly logger = new Logger('Realtime');
  private io?: RealtimeServer;
  private redis?: RedisClientType;
  private sweeper?: NodeJS.Timeout;
  private rechecker?: NodeJS.Timeout;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly visibility: VisibilityPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Starts socket.io on the API's HTTP server. With REDIS_URL, the Redis Streams adapter
   * carries rooms, emits and disconnects between API nodes; without it one node works alone.
   */
  async attach(httpServer: HttpServer): Promise<void> {
    const io: RealtimeServer = new Server(httpServer, {
      path: REALTIME_PATH,
      serveClient: false,
      transports: ['websocket', 'polling'],
      maxHttpBufferSize: 64 * 1024,
    });
    if (this.config.REDIS_URL) {
      this.redis = createClient({ url: this.config.REDIS_URL }) as RedisClientType;
      this.redis.on('error', (error: unknown) => this.logger.error({ err: error }, 'Redis connection error'));
      await this.redis.connect();
      io.adapter(createAdapter(this.redis, { streamName: 'roundtable:realtime' }));
      io.on('access:changed', (participantId) => void this.recheck(participantId));
    }
    this.sweeper = setInterval(() => void this.sweepOutbox(), this.config.OUTBOX_SWEEP_MS);
    this.sweeper.unref();
    this.rechecker = setInterval(() => void this.sweepConnections(), this.config.REALTIME_RECHECK_MS);
    this.rechecker.unref();
    io.use((socket, next) => {
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
          socket.data.recheckAt = {};
          socket.data.tokenExpiresAt = tokenExpiry(token as string);
          next();
        })
        .catch(() => next(new Error('Sign in to continue')));
    });
    io.on('connection', (socket) => this.onConnection(socket));
    this.io = io;
  }

  private onConnection(socket: RealtimeSocket): void {
    void socket.join(`account:${socket.data.actor.accountId}`);
    void socket.join(`session:${socket.data.actor.sessionId}`);
    socket.on('plan:join', (request, ack) => this.answer(ack, () => this.join(socket, request)));
    socket.on('plan:leave', (request, ack) =>
      this.answer(ack, async () => {
        const participantId = (request as { participantId?: unknown } | undefined)?.participantId;
        if (!isUuid(participantId)) return fail('BAD_USER_INPUT', 'participantId is required');
        this.leave(socket, participantId, [...(socket.data.plans[participantId] ?? [])]);
        await this.presence(participantId);
        return { ok: true as const };
      }),
    );
    socket.on('presence:editing', (request, ack) => this.answer(ack, () => this.editing(socket, request)));
    socket.on('auth:refresh', (request, ack) => this.answer(ack, () => this.refreshToken(socket, request)));
    socket.on('disconnect', () => {
      for (const participantId of Object.keys(socket.data.plans ?? {})) void this.presence(participantId);
    });
  }

  /** A new access token for the same account keeps the connection open past the old one's expiry. */
  private async refreshToken(
    socket: RealtimeSocket,
    request: unknown,
  ): Promise<{ ok: true } | { ok: false; error: RealtimeError }> {
    const token = (typeof request === 'object' && request !== null ? request : {}) as { token?: unknown };
    if (typeof token.token !== 'string') return fail('BAD_USER_INPUT', 'token is required');
    const actor = await this.authenticator.authenticate(token.token);
    if (!actor || actor.accountId !== socket.data.actor.accountId)
      return fail('UNAUTHENTICATED', 'Sign in to continue');
    void socket.leave(`session:${socket.data.actor.sessionId}`);
    void socket.join(`session:${actor.sessionId}`);
    socket.data.actor = actor;
    socket.data.tokenExpiresAt = tokenExpiry(token.token);
    return { ok: true };
  }

  /**
   * Runs every REALTIME_RECHECK_MS on each node, by the app clock: closes sockets whose
   * token expired, and re-checks plans whose access was due to change by the clock (a grant
   * or break-glass reaching its end). Public so tests can drive it with a manual clock.
   */
  async sweepConnections(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const socket of this.io?.of('/').sockets.values() ?? []) {
      if (!socket.data.actor) continue;
      if (socket.data.tokenExpiresAt <= now) {
        socket.emit('auth:expired');
        socket.disconnect(true);
        continue;
      }
      for (const [participantId, at] of Object.entries(socket.data.recheckAt)) {
        if (at <= now) await this.recheckSocket(socket, participantId).catch(() => undefined);
      }
    }
  }

  /** "I am editing this item now" (or null: nothing). Shown only to those who may see the item. */
  private async editing(
    socket: RealtimeSocket,
    request: unknown,
  ): Promise<{ ok: true } | { ok: false; error: RealtimeError }> {
    const { participantId, itemId } = (typeof request === 'object' && request !== null ? request : {}) as {
      participantId?: unknown;
      itemId?: unknown;
    };
    if (!isUuid(participantId) || !(itemId === null || typeof itemId === 'string')) {
      return fail('BAD_USER_INPUT', 'participantId and itemId (or null) are required');
    }
    const labels = socket.data.plans[participantId];
    if (!labels) return fail('NOT_FOUND', 'Not found');
    if (itemId === null) {
      delete socket.data.editing[participantId];
    } else {
      const label = isUuid(itemId) ? await this.itemLabel(participantId, itemId) : undefined;
      if (!label || !labels.includes(label)) return fail('NOT_FOUND', 'Not found');
      socket.data.editing[participantId] = { itemId, label };
    }
    await this.presence(participantId);
    return { ok: true };
  }

  private async itemLabel(participantId: string, itemId: string): Promise<SensitivityLabel | undefined> {
    const rows: { label: SensitivityLabel }[] = await this.dataSource.query(
      `SELECT label FROM goal WHERE id = $2 AND participant_id = $1
       UNION ALL SELECT label FROM step WHERE id = $2 AND participant_id = $1
       UNION ALL SELECT label FROM strategy WHERE id = $2 AND participant_id = $1
       UNION ALL SELECT label FROM offer WHERE id = $2 AND participant_id = $1
       UNION ALL SELECT label FROM metric WHERE id = $2 AND participant_id = $1`,
      [participantId, itemId],
    );
    return rows[0]?.label;
  }

  /** Sends each socket in the plan (on every node) who is there, with only the edits it may see. */
  private async presence(participantId: string): Promise<void> {
    if (!this.io) return;
    try {
      const sockets = await this.io.in(planRoom(participantId)).fetchSockets();
      const present = sockets.map((socket) => ({
        actor: socket.data.actor,
        editing: socket.data.editing?.[participantId],
      }));
      for (const socket of sockets) {
        socket.emit('presence', presenceFor(participantId, present, socket.data.plans?.[participantId] ?? []));
      }
    } catch (error) {
      // Presence is a courtesy: a node going away mid-fetch must not break anything else.
      this.logger.warn({ err: error }, 'Presence update failed');
    }
  }

  /** Runs a handler for a client event; whatever the client sent, it gets an answer and the server carries on. */
  private answer<T>(ack: unknown, handler: () => Promise<T>): void {
    const reply = typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => undefined;
    handler().then(reply, (error: unknown) => {
      this.logger.error({ err: error }, 'Realtime handler failed');
      reply(fail('INTERNAL_SERVER_ERROR', 'Something went wrong'));
    });
  }

  private async join(socket: RealtimeSocket, request: unknown): Promise<JoinPlanAck> {
    const { participantId, cursor: rawCursor } = (typeof request === 'object' && request !== null ? request : {}) as {
      participantId?: unknown;
      cursor?: unknown;
    };
    if (typeof participantId !== 'string') return fail('BAD_USER_INPUT', 'participantId is required');
    const cursor = parseCursor(rawCursor);
    if (!cursor) return fail('BAD_USER_INPUT', 'cursor maps labels to the last sequence seen');
    const labels = isUuid(participantId)
      ? await this.visibility.visibleLabels(socket.data.actor, participantId)
      : new Set<SensitivityLabel>();
    if (labels.size === 0) return fail('NOT_FOUND', 'Not found');

    // Rooms first, then replay: an event committed in between arrives twice at most, never
    // zero times; clients drop a (label, sequence) they already hold.
    this.enter(socket, participantId, labels);
    await this.scheduleRecheck(socket, participantId);
    const replay = await this.replay(participantId, labels, cursor);
    if (replay.length > REPLAY_LIMIT) {
      // Too far behind to catch up event by event: reload the plan over GraphQL, then stream.
      await this.presence(participantId);
      return { ok: true, labels: [...labels], replayed: 0, reload: true };
    }
    // Replay fills a reconnect gap; it never reaches back before this viewer's access to a
    // label began. Such a stream is not replayed and the client reloads it over GraphQL.
    const since = await this.visibility.accessSince(socket.data.actor, participantId);
    const tooFarBack = new Set(
      replay
        .filter((event) => event.occurredAt < (since.get(event.label) ?? new Date(8.64e15)))
        .map((event) => event.label),
    );
    const replayed = replay.filter((event) => !tooFarBack.has(event.label));
    for (const event of replayed) socket.emit('plan:event', toMessage(event));
    await this.presence(participantId);
    if (tooFarBack.size)
      return { ok: true, labels: [...labels], replayed: replayed.length, reload: true, reloadLabels: [...tooFarBack] };
    return { ok: true, labels: [...labels], replayed: replayed.length };
  }

  /** Every visible event after the cursor, per label, merged in commit order. */
  private replay(
    participantId: string,
    labels: Set<SensitivityLabel>,
    cursor: LabelCursor,
  ): Promise<PlanEventEntity[]> {
    const after = Object.fromEntries([...labels].map((label) => [label, cursor[label] ?? 0]));
    return this.dataSource.query(
      `SELECT e.id, e.participant_id AS "participantId", e.label, e.seq, e.type, e.item_id AS "itemId", e.actor,
              e.occurred_at AS "occurredAt", e.payload
         FROM plan_event e
        WHERE e.participant_id = $1 AND e.label = ANY($2) AND e.seq > ($3::jsonb ->> e.label)::int
          AND NOT EXISTS (SELECT 1 FROM hidden_plan_item h WHERE h.participant_id = e.participant_id AND h.item_id = e.item_id)
        ORDER BY e.occurred_at, e.label, e.seq
        LIMIT $4`,
      [participantId, [...labels], JSON.stringify(after), REPLAY_LIMIT + 1],
    );
  }

  private enter(socket: RealtimeSocket, participantId: string, labels: Iterable<SensitivityLabel>): void {
    const current = new Set(socket.data.plans[participantId] ?? []);
    for (const label of labels) {
      current.add(label);
      void socket.join(planRoom(participantId, label));
    }
    void socket.join(planRoom(participantId));
    socket.data.plans[participantId] = [...current];
  }

  private leave(socket: RealtimeSocket, participantId: string, labels: SensitivityLabel[]): void {
    const remaining = (socket.data.plans[participantId] ?? []).filter((label) => !labels.includes(label));
    for (const label of labels) void socket.leave(planRoom(participantId, label));
    const editing = socket.data.editing[participantId];
    if (editing && !remaining.includes(editing.label)) delete socket.data.editing[participantId];
    if (remaining.length) {
      socket.data.plans[participantId] = remaining;
    } else {
      delete socket.data.plans[participantId];
      delete socket.data.editing[participantId];
      void socket.leave(planRoom(participantId));
    }
  }

  /**
   * After commit: each event goes to the sockets in its plan-and-label room (on every node),
   * and nowhere else; then it is marked published in the outbox.
   */
  @OnEvent(PLAN_EVENTS_COMMITTED, { async: true, promisify: true })
  async deliver(events: PlanEventEntity[]): Promise<void> {
    this.emit(events);
    await this.dataSource
      .query('UPDATE plan_event SET published_at = now() WHERE id = ANY($1) AND published_at IS NULL', [
        events.map((event) => event.id),
      ])
      .catch((error: unknown) => this.logger.error({ err: error }, 'Could not mark plan events published'));
  }

  private emit(events: PlanEventEntity[]): void {
    for (const event of events) {
      this.io?.to(planRoom(event.participantId, event.label)).emit('plan:event', toMessage(event));
    }
    void this.notifyWaiting(events);
  }

  /** Tells the participant's own devices that something now waits for them (no content: they ask waitingForYou). */
  private async notifyWaiting(events: PlanEventEntity[]): Promise<void> {
    const waiting = new Set(
      events
        .filter(
          (event) =>
            WAITING_TYPES.has(event.type) ||
            (event.type === PlanEventType.GOAL_EXPRESSED && event.payload.writtenWithParticipant === true),
        )
        .map((event) => event.participantId),
    );
    if (waiting.size === 0 || !this.io) return;
    try {
      const accounts: { id: string; participant_id: string }[] = await this.dataSource.query(
        "SELECT id, participant_id FROM account WHERE kind = 'PARTICIPANT' AND participant_id = ANY($1)",
        [[...waiting]],
      );
      for (const account of accounts) {
        this.io.to(`account:${account.id}`).emit('waiting:changed', { participantId: account.participant_id });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not notify what is waiting');
    }
  }

  /**
   * The outbox sweeper, on every node: events committed more than two seconds ago and
   * never published (their node died in between) are claimed by exactly one node and
   * delivered. A client may see one twice; it drops (label, sequence) pairs it holds.
   */
  async sweepOutbox(): Promise<number> {
    try {
      const [rows]: [PlanEventEntity[], number] = await this.dataSource.query(
        `UPDATE plan_event SET published_at = now()
          WHERE id IN (SELECT id FROM plan_event
                        WHERE published_at IS NULL AND recorded_at < now() - interval '2 seconds'
                        ORDER BY recorded_at LIMIT 500 FOR UPDATE SKIP LOCKED)
          RETURNING id, participant_id AS "participantId", label, seq, type, item_id AS "itemId", actor,
                    occurred_at AS "occurredAt", payload`,
      );
      const ordered = [...rows].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq);
      this.emit(ordered);
      return ordered.length;
    } catch (error) {
      this.logger.error({ err: error }, 'Outbox sweep failed');
      return 0;
    }
  }

  /** Consent, team or break-glass changed: re-check every socket watching that plan, on every node, at once. */
  @OnEvent(ACCESS_CHANGED, { async: true, promisify: true })
  async reconsider({ participantId }: AccessChanged): Promise<void> {
    if (this.redis) this.io?.serverSideEmit('access:changed', participantId);
    await this.recheck(participantId);
  }

  private async recheck(participantId: string): Promise<void> {
    const sockets = [...(this.io?.of('/').sockets.values() ?? [])].filter(
      (socket) => socket.data.plans?.[participantId],
    );
    for (const socket of sockets) await this.recheckSocket(socket, participantId, false);
    if (sockets.length) await this.presence(participantId);
  }

  private async recheckSocket(socket: RealtimeSocket, participantId: string, announcePresence = true): Promise<void> {
    const had = new Set(socket.data.plans[participantId] ?? []);
    const now = await this.visibility.visibleLabels(socket.data.actor, participantId);
    const dropped = [...had].filter((label) => !now.has(label));
    const grown = [...now].filter((label) => !had.has(label));
    if (dropped.length) {
      this.leave(socket, participantId, dropped);
      socket.emit('plan:drop', { participantId, labels: dropped });
    }
    if (grown.length) {
      this.enter(socket, participantId, grown);
      socket.emit('plan:grow', { participantId, labels: grown });
    }
    await this.scheduleRecheck(socket, participantId);
    if (announcePresence && (dropped.length || grown.length)) await this.presence(participantId);
  }

  private async scheduleRecheck(socket: RealtimeSocket, participantId: string): Promise<void> {
    const next = socket.data.plans[participantId]
      ? await this.visibility.nextChangeAt(socket.data.actor, participantId)
      : null;
    if (next) socket.data.recheckAt[participantId] = next.getTime();
    else delete socket.data.recheckAt[participantId];
  }

  /** Sign-out, sign-out everywhere, deactivation and refresh-token reuse end live connections too. */
  @OnEvent(SESSIONS_REVOKED)
  disconnect(revoked: SessionsRevoked): void {
    const room = 'sessionId' in revoked ? `session:${revoked.sessionId}` : `account:${revoked.accountId}`;
    this.io?.in(room).disconnectSockets(true);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    clearInterval(this.rechecker);
    // Close the sockets and the engine only: Nest closes the HTTP server itself.
    this.io?.local.disconnectSockets(true);
    this.io?.engine.close();
    await this.redis?.quit().catch(() => undefined);
  }
}
