/** Messages between the orchestrator (main.ts) and its workers. */
import type { CpuWindow } from './cpu';
import type { LatencySummary, SecondSummary } from './stats';

export interface ReadsRequest {
  type: 'reads';
  url: string;
  query: string;
  /** Requests cycle through these (viewer token, participant). */
  targets: { token?: string; participantId: string }[];
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  /** Also measure every process's CPU time over the measured seconds (the scaling profile). */
  cpu?: boolean;
}

export interface ReadsResult {
  type: 'reads';
  requests: number;
  errors: number;
  firstError?: string;
  rps: number;
  bytesPerResponse: number;
  latency: LatencySummary;
  cpu?: CpuWindow;
}

/** The same reads against two servers in turns, `slices` windows each of `seconds / slices`. */
export interface ReadsPairedRequest {
  type: 'readsPaired';
  query: string;
  sides: { url: string; targets: ReadsRequest['targets'] }[];
  concurrency: number;
  /** Measured seconds per side, in all. */
  seconds: number;
  slices: number;
  warmupSeconds: number;
  /** Also add up every process's CPU time over each side's windows. */
  cpu?: boolean;
}

export interface ReadsPairedResult {
  type: 'readsPaired';
  /** In the order of the request's sides. */
  results: ReadsResult[];
}

export interface RealtimeRoom {
  participantId: string;
  /** One per client socket. */
  tokens: string[];
  /** Who edits (staff of the room), in turn. */
  editorTokens: string[];
  cursor: Record<string, number>;
  steps: { id: string; version: number; done: boolean }[];
}

export interface RealtimeRequest {
  type: 'realtime';
  mode: 'api' | 'socketio';
  url: string;
  rooms: RealtimeRoom[];
  rate: number;
  seconds: number;
  /** Also measure every process's CPU time while edits are sent (the scaling profile). */
  cpu?: boolean;
  /** Also time the database's own commits while edits are sent (commit-probe.ts). */
  commitProbeUrl?: string;
}

/** The database's commit latency, probed every 50 ms while edits were sent. */
export interface CommitProbeResult {
  latency: LatencySummary;
  bySecond: SecondSummary[];
  errors: number;
}

export interface RealtimeResult {
  type: 'realtime';
  sockets: number;
  joinErrors: number;
  connectSeconds: number;
  sent: number;
  skippedBusy: number;
  editErrors: number;
  firstError?: string;
  achievedRate: number;
  expectedDeliveries: number;
  delivered: number;
  lost: number;
  duplicates: number;
  unexpectedEvents: number;
  otherEvents: number;
  deliveriesPerSecond: number;
  /** Mutation (or bare POST) round trip. */
  mutation: LatencySummary;
  /** Edit sent → the last socket of its room received it. */
  allPeers: LatencySummary;
  /** Event stamped in the committing transaction → the last socket received it. */
  commitToAll: LatencySummary;
  /** Edit sent → each single delivery. */
  perDelivery: LatencySummary;
  /**
   * Edit sent → all peers, by the second of sending (0 = the first second): where the slow
   * edits are, at the start (a cold process), in bursts, or throughout.
   */
  allPeersBySecond: SecondSummary[];
  /**
   * Edit sent → all peers for the edits sent after the first WARM_UP_SECONDS: the same edits
   * once the edit path has run a while (JIT-compiled, pools full). Reported beside the whole
   * run's figure, never instead of it.
   */
  allPeersAfterWarmUp: LatencySummary;
  /** From the first edit sent to the last due (not the connecting or the drain). */
  cpu?: CpuWindow;
  /** When asked for: the database's own commits over the same seconds. */
  commitProbe?: CommitProbeResult;
}

export interface IdleRequest {
  type: 'idle';
  url: string;
  tokens: string[];
  count: number;
}

export interface PgTxnRequest {
  type: 'pgtxn';
  databaseUrl: string;
  rate: number;
  seconds: number;
  steps: {
    id: string;
    participantId: string;
    label: string;
    text: string;
    actor: string;
    version: number;
    done: boolean;
  }[];
}

export interface PgTxnResult {
  type: 'pgtxn';
  sent: number;
  skippedBusy: number;
  errors: number;
  firstError?: string;
  txnPerSecond: number;
  latency: LatencySummary;
  /** By the second the transaction started in: whether the slow ones come together. */
  bySecond: SecondSummary[];
}
