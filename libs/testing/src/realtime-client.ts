import { io, type Socket } from 'socket.io-client';
import {
  REALTIME_PATH,
  type ClientToServerEvents,
  type JoinPlanAck,
  type LabelCursor,
  type PlanEventMessage,
  type PresenceMessage,
  type ServerToClientEvents,
} from '@roundtable/contracts';

export type RealtimeClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client over a real websocket, as a browser or phone would connect. */
export function connectRealtime(baseUrl: string, token: string | undefined): Promise<RealtimeClient> {
  const socket: RealtimeClient = io(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Collects every plan event a socket receives, in arrival order (each `plan:events` message unpacked). */
export function collectPlanEvents(socket: RealtimeClient): PlanEventMessage[] {
  const received: PlanEventMessage[] = [];
  socket.on('plan:events', (messages) => received.push(...messages));
  return received;
}

/** Collects every presence list a socket receives, in arrival order. */
export function collectPresence(socket: RealtimeClient): PresenceMessage[] {
  const seen: PresenceMessage[] = [];
  socket.on('presence', (message) => seen.push(message));
  return seen;
}

/** The sockets one spec opens, each as a signed-in person would, closed together when it ends. */
export class SocketPool {
  private readonly sockets: RealtimeClient[] = [];

  async connect(baseUrl: string, token: string): Promise<RealtimeClient> {
    const socket = await connectRealtime(baseUrl, token);
    this.sockets.push(socket);
    return socket;
  }

  closeAll(): void {
    for (const socket of this.sockets.splice(0)) socket.close();
  }
}

/**
 * A cursor past every sequence on every label: joining with it replays nothing, so the socket
 * receives only what happens from now on.
 */
export const LIVE_FROM_NOW: LabelCursor = {
  GENERAL: 1e6,
  HOUSING: 1e6,
  HEALTH: 1e6,
  MENTAL_HEALTH: 1e6,
  LEGAL: 1e6,
  SUBSTANCE_USE: 1e6,
};

export function joinPlan(socket: RealtimeClient, participantId: string, cursor?: LabelCursor): Promise<JoinPlanAck> {
  return socket.timeout(5000).emitWithAck('plan:join', { participantId, cursor });
}

/** Resolves once `predicate` holds over what arrived, or rejects after `ms` (no sleeping on success). */
export function waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > ms) return reject(new Error('condition not met in time'));
      setTimeout(check, 10);
    };
    check();
  });
}
