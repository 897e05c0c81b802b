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
  type PermissionName,
  type PlanEventMessage,
  type RealtimeError,
  type ServerToClientEvents,
} from '@roundtable/contracts';
import { AuditTrail, VisibilityPolicy } from '@roundtable/access';
import { Authenticator, type Actor } from '@roundtable/identity';
import {
  ACCESS_CHANGED,
  APP_CONFIG,
  Clock,
  isUuid,
  PRESENCE_SHARING_CHANGED,
  SESSIONS_REVOKED,
  type AccessChanged,
  type PresenceSharingChanged,
  type AppConfig,
  type SessionsRevoked,
} from '@roundtable/platform';
import { describeEvent, PLAN_EVENTS_COMMITTED, type PlanEventEntity } from '@roundtable/plan';
import { isThePlansParticipant, presenceFor, type EditingItem } from './presence';
import { SerialQueues } from './serial-queues';
import { CLIENT_EVENTS, SOCKET_EVENT_PERMISSIONS, type ClientEvent } from './socket-event-permissions';

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
  /**
   * participantId → the access epoch this socket's view of that plan was checked at. An event
   * stamped with a newer epoch is delivered only after a re-check (rule 10). Server-side only:
   * the epoch counts narrowings the viewer may not know about, so it never reaches a client.
   */
  epochs: Record<string, number>;
}

/** A plan event on its way to local sockets: the client message plus what only servers read. */
interface DeliverableEvent {
  message: PlanEventMessage;
  /** The participant's access epoch the event was written under. */
  epoch: number;
}

/** Messages between API nodes (through the Redis Streams adapter). */
interface ServerSideEvents {
  'access:changed': (participantId: string) => void;
  /** Committed plan events: every node judges them for its own sockets, one socket at a time. */
  'plan:events': (events: DeliverableEvent[]) => void;
  /** Someone joined, left or started/stopped editing: every node updates its own sockets. */
  'presence:changed': (participantId: string) => void;
}

type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

const LABELS = new Set<string>(Object.values(SensitivityLabel));
/** plan_event.seq is a PostgreSQL integer: a cursor beyond it names no event (and must not reach SQL). */
const MAX_SEQUENCE = 2_147_483_647;
/** Client mistakes (answered with an error ack) are logged at info; only server faults at error. */
const CLIENT_ERROR_CODES = new Set<RealtimeError['code']>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);
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
/**
 * The room of everyone watching one plan (on any node): presence reads it across nodes;
 * deliveries iterate its local sockets one by one, each judged by its own view.
 */
const planRoom = (participantId: string) => `plan:${participantId}`;

function toMessage(event: PlanEventEntity): PlanEventMessage {
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

/**
 * A cursor object: known labels mapped to whole numbers from 0 to 2^31 − 1, nothing else
 * (no arrays, no prototype keys such as `__proto__`, no NaN, fractions or huge numbers).
 */
export function parseCursor(value: unknown): LabelCursor | undefined {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length > LABELS.size) return undefined;
  const cursor: LabelCursor = {};
  for (const [label, sequence] of entries) {
    if (!LABELS.has(label) || typeof sequence !== 'number' || !Number.isInteger(sequence)) return undefined;
    if (sequence < 0 || sequence > MAX_SEQUENCE) return undefined;
    cursor[label as SensitivityLabel] = sequence;
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
  /** One queue per participant's plan on this node: deliveries and re-checks in arrival order. */
  private readonly queues = new SerialQueues((error) => this.logger.error({ err: error }, 'Realtime delivery failed'));
  /** Presence updates per plan, in order, apart from deliveries (presence waits on every node). */
  private readonly presenceQueues = new SerialQueues((error) =>
    this.logger.warn({ err: error }, 'Presence update failed'),
  );
  /** The last presence message each local socket received, per plan: an unchanged view sends nothing. */
  private readonly lastPresence = new WeakMap<RealtimeSocket, Map<string, string>>();

  constructor(
    private readonly authenticator: Authenticator,
    private readonly visibility: VisibilityPolicy,
    private readonly audit: AuditTrail,
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
      io.on('plan:events', (events) => this.deliverLocally(events));
      io.on('presence:changed', (participantId) => void this.presenceLocally(participantId));
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
          socket.data.epochs = {};
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
    // Keyed by ClientToServerEvents, like SOCKET_EVENT_PERMISSIONS: an event added to the
    // contract compiles only with both a handler and a permission, and only declared events
    // are listened for.
    const handlers: Record<ClientEvent, (request: unknown) => Promise<unknown>> = {
      'plan:join': (request) => this.join(socket, request),
      'plan:leave': async (request) => {
        const participantId = (request as { participantId?: unknown } | undefined)?.participantId;
        if (!isUuid(participantId)) return fail('BAD_USER_INPUT', 'participantId is required');
        this.leave(socket, participantId, [...(socket.data.plans[participantId] ?? [])]);
        await this.presence(participantId);
        return { ok: true as const };
      },
      'presence:editing': (request) => this.editing(socket, request),
      'auth:refresh': (request) => this.refreshToken(socket, request),
    };
    for (const event of CLIENT_EVENTS) {
      socket.on(event, (request: unknown, ack: unknown) =>
        this.answer(ack, SOCKET_EVENT_PERMISSIONS[event], () => handlers[event](request)),
      );
    }
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
    const due = new Map<string, RealtimeSocket[]>();
    for (const socket of this.io?.of('/').sockets.values() ?? []) {
      if (!socket.data.actor) continue;
      if (socket.data.tokenExpiresAt <= now) {
        this.expire(socket);
        continue;
      }
      for (const [participantId, at] of Object.entries(socket.data.recheckAt)) {
        if (at <= now) due.set(participantId, [...(due.get(participantId) ?? []), socket]);
      }
    }
    await Promise.all(
      [...due].map(([participantId, sockets]) =>
        this.queues.run(participantId, () => this.recheckSockets(participantId, sockets)),
      ),
    );
  }

  private expire(socket: RealtimeSocket): void {
    socket.emit('auth:expired');
    socket.disconnect(true);
  }

  /**
   * "I am editing this item now" (or null: nothing). Shown only to those who may see the
   * item (rules 10, 11): to anyone else it is as if nothing happened — no message at all.
   */
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
      const label = isUuid(itemId) ? (await this.itemLabels(participantId, [itemId])).get(itemId) : undefined;
      if (!label || !labels.includes(label)) return fail('NOT_FOUND', 'Not found');
      socket.data.editing[participantId] = { itemId, label };
    }
    await this.presence(participantId);
    return { ok: true };
  }

  /** The current label of each of these plan items (an item's label may have become stricter since). */
  private async itemLabels(participantId: string, itemIds: string[]): Promise<Map<string, SensitivityLabel>> {
    if (itemIds.length === 0) return new Map();
    const rows: { id: string; label: SensitivityLabel }[] = await this.dataSource.query(
      `SELECT id, label FROM goal WHERE participant_id = $1 AND id = ANY($2)
       UNION ALL SELECT id, label FROM step WHERE participant_id = $1 AND id = ANY($2)
       UNION ALL SELECT id, label FROM strategy WHERE participant_id = $1 AND id = ANY($2)
       UNION ALL SELECT id, label FROM offer WHERE participant_id = $1 AND id = ANY($2)
       UNION ALL SELECT id, label FROM metric WHERE participant_id = $1 AND id = ANY($2)`,
      [participantId, itemIds],
    );
    return new Map(rows.map((row) => [row.id, row.label]));
  }

  /** Presence changed in a plan: this node updates its own sockets and tells the others to. */
  private presence(participantId: string): Promise<void> {
    if (this.redis) this.io?.serverSideEmit('presence:changed', participantId);
    return this.presenceLocally(participantId);
  }

  /**
   * Sends each local socket in the plan who is there (from every node), with only the edits
   * it may see, judged by each item's label now. A socket whose view did not change gets no
   * message at all: someone starting to edit a hidden item leaves no trace (rule 11).
   */
  private presenceLocally(participantId: string): Promise<void> {
    return this.presenceQueues.run(participantId, async () => {
      if (!this.io) return;
      try {
        const everywhere = await this.io.in(planRoom(participantId)).fetchSockets();
        const editing = everywhere.flatMap((socket) => {
          const item = socket.data.editing?.[participantId];
          return item ? [item.itemId] : [];
        });
        const labels = await this.itemLabels(participantId, editing);
        const present = everywhere.map((socket) => {
          const item = socket.data.editing?.[participantId];
          const label = item && labels.get(item.itemId);
          return { actor: socket.data.actor, editing: item && label ? { itemId: item.itemId, label } : undefined };
        });
        // Read at every update, never cached: turning sharing off takes effect at once, on every node.
        const shared = await this.sharesPresence(participantId);
        for (const socket of this.localSocketsIn(participantId)) {
          const message = presenceFor(
            participantId,
            present,
            socket.data.plans[participantId] ?? [],
            shared || isThePlansParticipant(socket.data.actor, participantId),
          );
          const serialized = JSON.stringify(message);
          const sent = this.lastPresence.get(socket) ?? new Map<string, string>();
          if (sent.get(participantId) === serialized) continue;
          sent.set(participantId, serialized);
          this.lastPresence.set(socket, sent);
          socket.emit('presence', message);
        }
      } catch (error) {
        // Presence is a courtesy: a node going away mid-fetch must not break anything else.
        this.logger.warn({ err: error }, 'Presence update failed');
      }
    });
  }

  /**
   * Whether the participant lets their team see when they are here (off unless they turned it
   * on). Only this choice is stored: presence itself lives in memory and is never written down.
   */
  private async sharesPresence(participantId: string): Promise<boolean> {
    const rows: { share: boolean }[] = await this.dataSource.query(
      'SELECT share_presence_with_team AS share FROM participant WHERE id = $1',
      [participantId],
    );
    return rows[0]?.share ?? false;
  }

  /** The participant turned presence sharing on or off: everyone in the room gets the new view at once. */
  @OnEvent(PRESENCE_SHARING_CHANGED, { async: true, promisify: true })
  async presenceSharingChanged({ participantId }: PresenceSharingChanged): Promise<void> {
    await this.presence(participantId);
  }

  /** This node's sockets watching a plan. */
  private localSocketsIn(participantId: string): RealtimeSocket[] {
    const namespace = this.io?.of('/');
    const ids = namespace?.adapter.rooms.get(planRoom(participantId));
    if (!namespace || !ids) return [];
    return [...ids]
      .map((id) => namespace.sockets.get(id))
      .filter((socket): socket is RealtimeSocket => Boolean(socket?.data.plans?.[participantId]));
  }

  /**
   * Runs a handler for a client event; whatever the client sent, it gets an answer and the
   * server carries on. A client's mistake is logged at info, naming the permission it was
   * refused under (so a log search finds every refusal of one action), a server fault at error.
   */
  private answer<T>(ack: unknown, permission: PermissionName, handler: () => Promise<T>): void {
    const reply = typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => undefined;
    handler().then(
      (answer) => {
        const error = (answer as { ok?: boolean; error?: RealtimeError } | undefined)?.error;
        if (error && CLIENT_ERROR_CODES.has(error.code))
          this.logger.log({ code: error.code, permission }, 'Realtime request refused');
        reply(answer);
      },
      (error: unknown) => {
        this.logger.error({ err: error }, 'Realtime handler failed');
        reply(fail('INTERNAL_SERVER_ERROR', 'Something went wrong'));
      },
    );
  }

  private async join(socket: RealtimeSocket, request: unknown): Promise<JoinPlanAck> {
    const { participantId, cursor: rawCursor } = (typeof request === 'object' && request !== null ? request : {}) as {
      participantId?: unknown;
      cursor?: unknown;
    };
    if (typeof participantId !== 'string') return fail('BAD_USER_INPUT', 'participantId is required');
    const cursor = parseCursor(rawCursor);
    if (!cursor) {
      return fail('BAD_USER_INPUT', 'cursor maps labels to the last sequence seen (whole numbers 0 to 2147483647)');
    }
    if (!isUuid(participantId)) return fail('NOT_FOUND', 'Not found');
    const actor = socket.data.actor;
    // The epoch is read before the check, so the check reflects every narrowing up to it.
    const epoch = await this.currentEpoch(participantId);
    const labels = await this.visibility.visibleLabels(actor, participantId);
    // Every join is audited like a GraphQL read of those labels (rule 12), or as a denied attempt.
    await this.audit.record({
      participantId,
      actor: actor.accountId,
      action: 'plan:join',
      kind: labels.size ? 'READ' : 'DENIED',
      labels: [...labels],
    });
    if (labels.size === 0) return fail('NOT_FOUND', 'Not found');

    // Rooms first, then replay: an event committed in between arrives twice at most, never
    // zero times; clients drop a (label, sequence) they already hold.
    this.enter(socket, participantId, labels);
    // A re-check elsewhere may have moved the view on; keep the older epoch so the next
    // newer event re-checks again (never the reverse).
    socket.data.epochs[participantId] = Math.min(socket.data.epochs[participantId] ?? epoch, epoch);
    await this.scheduleRecheck(socket, participantId);
    let replay = await this.replay(participantId, labels, cursor);
    if (replay.length > REPLAY_LIMIT) {
      // Too far behind to catch up event by event: reload the plan over GraphQL, then stream.
      await this.presence(participantId);
      return { ok: true, labels: [...labels], replayed: 0, reload: true };
    }
    // Something in the replay was written after a narrowing this join's check may not have
    // seen: check again before sending any of it (revocation beats delivery, rule 10).
    const newest = Math.max(epoch, ...replay.map((event) => event.accessEpoch));
    if (newest > epoch) {
      await this.recheckSockets(participantId, [socket], newest);
      const visibleNow = new Set(socket.data.plans[participantId] ?? []);
      if (visibleNow.size === 0) return fail('NOT_FOUND', 'Not found');
      replay = replay.filter((event) => visibleNow.has(event.label));
    }
    // Replay fills a reconnect gap; it never reaches back before this viewer's access to a
    // label began. Such a stream is not replayed and the client reloads it over GraphQL.
    const since = await this.visibility.accessSince(actor, participantId);
    const tooFarBack = new Set(
      replay
        .filter((event) => event.occurredAt < (since.get(event.label) ?? new Date(8.64e15)))
        .map((event) => event.label),
    );
    const replayed = replay.filter((event) => !tooFarBack.has(event.label));
    for (const event of replayed) socket.emit('plan:event', toMessage(event));
    await this.presence(participantId);
    const joined = [...(socket.data.plans[participantId] ?? labels)];
    if (tooFarBack.size)
      return { ok: true, labels: joined, replayed: replayed.length, reload: true, reloadLabels: [...tooFarBack] };
    return { ok: true, labels: joined, replayed: replayed.length };
  }

  /** The participant's access epoch now (0 before anything ever narrowed). */
  private async currentEpoch(participantId: string): Promise<number> {
    const rows: { epoch: string }[] = await this.dataSource.query(
      'SELECT epoch FROM participant_access_epoch WHERE participant_id = $1',
      [participantId],
    );
    return Number(rows[0]?.epoch ?? 0);
  }

  /** Every visible event after the cursor, per label, merged in commit order. */
  private async replay(
    participantId: string,
    labels: Set<SensitivityLabel>,
    cursor: LabelCursor,
  ): Promise<PlanEventEntity[]> {
    const after = Object.fromEntries([...labels].map((label) => [label, cursor[label] ?? 0]));
    const rows: (PlanEventEntity & { accessEpoch: string })[] = await this.dataSource.query(
      `SELECT e.id, e.participant_id AS "participantId", e.label, e.seq, e.type, e.item_id AS "itemId", e.actor,
              e.occurred_at AS "occurredAt", e.payload, e.access_epoch AS "accessEpoch"
         FROM plan_event e
        WHERE e.participant_id = $1 AND e.label = ANY($2) AND e.seq > ($3::jsonb ->> e.label)::int
          AND NOT EXISTS (SELECT 1 FROM hidden_plan_item h WHERE h.participant_id = e.participant_id AND h.item_id = e.item_id)
        ORDER BY e.occurred_at, e.label, e.seq
        LIMIT $4`,
      [participantId, [...labels], JSON.stringify(after), REPLAY_LIMIT + 1],
    );
    return rows.map((row) => ({ ...row, accessEpoch: Number(row.accessEpoch) }));
  }

  private enter(socket: RealtimeSocket, participantId: string, labels: Iterable<SensitivityLabel>): void {
    const current = new Set(socket.data.plans[participantId] ?? []);
    for (const label of labels) current.add(label);
    void socket.join(planRoom(participantId));
    socket.data.plans[participantId] = [...current];
  }

  private leave(socket: RealtimeSocket, participantId: string, labels: SensitivityLabel[]): void {
    const remaining = (socket.data.plans[participantId] ?? []).filter((label) => !labels.includes(label));
    const editing = socket.data.editing[participantId];
    if (editing && !remaining.includes(editing.label)) delete socket.data.editing[participantId];
    if (remaining.length) {
      socket.data.plans[participantId] = remaining;
    } else {
      delete socket.data.plans[participantId];
      delete socket.data.editing[participantId];
      delete socket.data.epochs[participantId];
      delete socket.data.recheckAt[participantId];
      this.lastPresence.get(socket)?.delete(participantId);
      void socket.leave(planRoom(participantId));
    }
  }

  /**
   * After commit: the events go to every node (through the Redis adapter) and each node
   * judges them for its own sockets; then they are marked published in the outbox.
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
    const deliverable = events.map((event) => ({ message: toMessage(event), epoch: Number(event.accessEpoch ?? 0) }));
    if (this.redis && deliverable.length) this.io?.serverSideEmit('plan:events', deliverable);
    this.deliverLocally(deliverable);
    void this.notifyWaiting(events);
  }

  /** Queues events per plan on this node, so each plan's sockets get them in arrival order. */
  private deliverLocally(events: DeliverableEvent[]): void {
    const byPlan = new Map<string, DeliverableEvent[]>();
    for (const event of events) {
      const participantId = event.message.participantId;
      byPlan.set(participantId, [...(byPlan.get(participantId) ?? []), event]);
    }
    for (const [participantId, planEvents] of byPlan) {
      void this.queues.run(participantId, () => this.deliverToPlan(participantId, planEvents));
    }
  }

  /**
   * Revocation beats delivery (rule 10), judged per socket: before an event goes out, every
   * local socket whose view is older than the event's access epoch, or whose access was due
   * to change by the clock, or whose token expired, is re-checked (one batched check for all
   * of them). With the epoch unchanged no query runs: the socket's labels decide.
   */
  private async deliverToPlan(participantId: string, events: DeliverableEvent[]): Promise<void> {
    for (const event of events) {
      const now = this.clock.now().getTime();
      const stale = this.localSocketsIn(participantId).filter(
        (socket) =>
          (socket.data.epochs[participantId] ?? -1) < event.epoch ||
          (socket.data.recheckAt[participantId] ?? Infinity) <= now ||
          socket.data.tokenExpiresAt <= now,
      );
      if (stale.length) await this.recheckSockets(participantId, stale, event.epoch);
      for (const socket of this.localSocketsIn(participantId)) {
        if (socket.data.plans[participantId]?.includes(event.message.label)) socket.emit('plan:event', event.message);
      }
    }
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
                    occurred_at AS "occurredAt", payload, access_epoch AS "accessEpoch"`,
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

  private recheck(participantId: string): Promise<void> {
    return this.queues.run(participantId, () => this.recheckSockets(participantId, this.localSocketsIn(participantId)));
  }

  /**
   * Re-checks these local sockets' view of one plan in a few batched queries whatever their
   * number: ended sign-ins are closed; each socket drops the label streams it lost (told
   * with `plan:drop` before anything newer is delivered) and gains those it was granted.
   * `atLeastEpoch`: the epoch of the event that asked (already committed, so this check
   * reflects every narrowing up to it); without it the current epoch, read first.
   */
  private async recheckSockets(participantId: string, sockets: RealtimeSocket[], atLeastEpoch?: number): Promise<void> {
    const watching = sockets.filter((socket) => socket.connected && socket.data.plans?.[participantId]);
    if (watching.length === 0) return;
    const epoch = atLeastEpoch ?? (await this.currentEpoch(participantId));
    const now = this.clock.now().getTime();
    const signedIn = await this.liveSessions(watching.map((socket) => socket.data.actor.sessionId));
    const ended = watching.filter(
      (socket) => socket.data.tokenExpiresAt <= now || !signedIn.has(socket.data.actor.sessionId),
    );
    for (const socket of ended) {
      for (const plan of Object.keys(socket.data.plans)) this.leave(socket, plan, [...socket.data.plans[plan]]);
      if (socket.data.tokenExpiresAt <= now) this.expire(socket);
      else socket.disconnect(true);
    }
    const remaining = watching.filter((socket) => !ended.includes(socket));
    const actors = [...new Map(remaining.map((socket) => [socket.data.actor.accountId, socket.data.actor])).values()];
    const [visible, nextChanges] = await Promise.all([
      this.visibility.visibleLabelsOf(actors, participantId),
      this.visibility.nextChangesAt(actors, participantId),
    ]);
    let changed = ended.length > 0;
    for (const socket of remaining) {
      const labels = visible.get(socket.data.actor.accountId) ?? new Set<SensitivityLabel>();
      changed = this.applyView(socket, participantId, labels) || changed;
      if (!socket.data.plans[participantId]) continue;
      socket.data.epochs[participantId] = Math.max(socket.data.epochs[participantId] ?? epoch, epoch);
      const next = nextChanges.get(socket.data.actor.accountId);
      if (next) socket.data.recheckAt[participantId] = next.getTime();
      else delete socket.data.recheckAt[participantId];
    }
    // Presence waits on every node; deliveries must not wait for it.
    if (changed) void this.presence(participantId);
  }

  /** Moves a socket to exactly these labels of a plan, telling it what it lost and gained. */
  private applyView(socket: RealtimeSocket, participantId: string, labels: Set<SensitivityLabel>): boolean {
    const had = new Set(socket.data.plans[participantId] ?? []);
    const dropped = [...had].filter((label) => !labels.has(label));
    const grown = [...labels].filter((label) => !had.has(label));
    if (dropped.length) {
      this.leave(socket, participantId, dropped);
      socket.emit('plan:drop', { participantId, labels: dropped });
    }
    if (grown.length) {
      this.enter(socket, participantId, grown);
      socket.emit('plan:grow', { participantId, labels: grown });
    }
    return dropped.length > 0 || grown.length > 0;
  }

  /** Which of these sign-ins are still open (not revoked or expired, account active), in one round trip. */
  private async liveSessions(sessionIds: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM auth_session s JOIN account a ON a.id = s.account_id
        WHERE s.id = ANY($1) AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.status = 'ACTIVE'`,
      [[...new Set(sessionIds)], this.clock.now()],
    );
    return new Set(rows.map((row) => row.id));
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

  /** Live figures for /metrics: sockets connected to this node, and plans open in a room on it. */
  liveCounts(): { openSockets: number; planRooms: number } {
    let planRooms = 0;
    for (const room of this.io?.of('/').adapter.rooms.keys() ?? []) if (/^plan:[^:]+$/.test(room)) planRooms++;
    return { openSockets: this.io?.engine.clientsCount ?? 0, planRooms };
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    clearInterval(this.rechecker);
    // Close the sockets and the engine only: Nest closes the HTTP server itself.
    this.io?.local.disconnectSockets(true);
    this.io?.engine.close();
    await this.closeRedis();
  }

  /** QUIT, but never wait long on a Redis that is cut off: a stopping node must stop. */
  private async closeRedis(): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    let timer: NodeJS.Timeout | undefined;
    const quitted = await Promise.race([
      redis.quit().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), 2000);
      }),
    ]);
    clearTimeout(timer);
    if (!quitted && redis.isOpen) redis.destroy();
  }
}
