import cluster from 'node:cluster';
import type { Server as HttpServer } from 'node:http';
import { createAdapter as createClusterAdapter } from '@socket.io/cluster-adapter';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import { Server, type Socket } from 'socket.io';
import {
  REALTIME_PATH,
  type ClientToServerEvents,
  type PlanEventMessage,
  type SensitivityLabel,
  type ServerToClientEvents,
} from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { APP_CONFIG, type AppConfig } from '@roundtable/platform';
import { withLosslessStreamReads } from './lossless-stream-reads';
import type { EditingItem } from './presence';

/** The Redis stream that carries messages between API nodes. */
export const REALTIME_STREAM = 'roundtable:realtime';

export interface SocketData {
  actor: Actor;
  /** participantId → the label streams this socket receives for that plan (plain data: other nodes read it). */
  plans: Record<string, SensitivityLabel[]>;
  /** participantId → what this person is editing in that plan right now. */
  editing: Record<string, EditingItem>;
  /** participantId → the item this person's screen is on in that plan right now (presence:viewing). */
  viewing: Record<string, EditingItem>;
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
export interface DeliverableEvent {
  message: PlanEventMessage;
  /** The participant's access epoch the event was written under. */
  epoch: number;
}

/** Messages between API nodes (through the Redis Streams adapter). */
export interface ServerSideEvents {
  'access:changed': (participantId: string) => void;
  /** Committed plan events: every node judges them for its own sockets, one socket at a time. */
  'plan:events': (events: DeliverableEvent[]) => void;
  /** Someone joined, left or started/stopped editing: every node updates its own sockets. */
  'presence:changed': (participantId: string) => void;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

/**
 * The room of everyone watching one plan (on any node): presence reads it across nodes;
 * deliveries iterate its local sockets one by one, each judged by its own view.
 */
export const planRoom = (participantId: string) => `plan:${participantId}`;

/**
 * This node's socket.io server, shared by the gateway (which routes its events) and the
 * rooms, presence and delivery code. With REDIS_URL, the Redis Streams adapter carries
 * rooms, emits and disconnects between API nodes; without it one node works alone.
 *
 * No connectionStateRecovery (it would restore rooms without re-checking access; rule 10).
 */
@Injectable()
export class LiveSockets {
  private readonly logger = new Logger('Realtime');
  private server?: RealtimeServer;
  private redis?: RedisClientType;
  /** One of several API processes on this machine (node:cluster), joined through the primary. */
  private readonly clusterWorker = cluster.isWorker;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Starts socket.io on the API's HTTP server (and joins the other nodes through Redis). */
  async open(httpServer: HttpServer): Promise<RealtimeServer> {
    const io: RealtimeServer = new Server(httpServer, {
      path: REALTIME_PATH,
      serveClient: false,
      // Long-polling needs every request of a session on one process; the cluster's primary
      // hands connections out in turn, so cluster workers take websockets only (as the web client uses).
      transports: this.clusterWorker ? ['websocket'] : ['websocket', 'polling'],
      maxHttpBufferSize: 64 * 1024,
    });
    if (!this.config.REDIS_URL && this.clusterWorker) {
      io.adapter(createClusterAdapter());
    } else if (this.config.REDIS_URL) {
      this.redis = createClient({ url: this.config.REDIS_URL }) as RedisClientType;
      this.redis.on('error', (error: unknown) => this.logger.error({ err: error }, 'Redis connection error'));
      await this.redis.connect();
      io.adapter(
        createAdapter(await withLosslessStreamReads(this.redis, REALTIME_STREAM), { streamName: REALTIME_STREAM }),
      );
    }
    this.server = io;
    return io;
  }

  get io(): RealtimeServer | undefined {
    return this.server;
  }

  /** Whether other API nodes hear this one (REDIS_URL set, or a process of a node:cluster). */
  get clustered(): boolean {
    return Boolean(this.redis) || this.clusterWorker;
  }

  /** Tells every other node (nothing to do when this node works alone). */
  toOtherNodes<E extends keyof ServerSideEvents>(event: E, ...args: Parameters<ServerSideEvents[E]>): void {
    if (this.clustered) this.server?.serverSideEmit(event, ...args);
  }

  /** Every socket connected to this node. */
  local(): RealtimeSocket[] {
    return [...(this.server?.of('/').sockets.values() ?? [])];
  }

  /** This node's sockets watching a plan. */
  localSocketsIn(participantId: string): RealtimeSocket[] {
    const namespace = this.server?.of('/');
    const ids = namespace?.adapter.rooms.get(planRoom(participantId));
    if (!namespace || !ids) return [];
    return [...ids]
      .map((id) => namespace.sockets.get(id))
      .filter((socket): socket is RealtimeSocket => Boolean(socket?.data.plans?.[participantId]));
  }

  /** Live figures for /metrics: sockets connected to this node, and plans open in a room on it. */
  counts(): { openSockets: number; planRooms: number } {
    let planRooms = 0;
    for (const room of this.server?.of('/').adapter.rooms.keys() ?? []) if (/^plan:[^:]+$/.test(room)) planRooms++;
    return { openSockets: this.server?.engine.clientsCount ?? 0, planRooms };
  }

  /** Closes the sockets and the engine only (Nest closes the HTTP server itself), then Redis. */
  async close(): Promise<void> {
    this.server?.local.disconnectSockets(true);
    this.server?.engine.close();
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
