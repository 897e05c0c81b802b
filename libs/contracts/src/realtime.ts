import type { SensitivityLabel } from './plan';

/** The last sequence a client saw, per label it may see. Absent labels mean "from the start". */
export type LabelCursor = Partial<Record<SensitivityLabel, number>>;

/** One plan event as delivered live or replayed (never anything the receiver may not see). */
export interface PlanEventMessage {
  participantId: string;
  id: string;
  type: string;
  label: SensitivityLabel;
  /** Gapless within this plan and label. */
  sequence: number;
  itemId: string | null;
  summary: string;
  occurredAt: string;
}

/** The most events one `plan:events` message carries (a long replay comes in several). */
export const PLAN_EVENTS_PER_MESSAGE = 200;

export interface RealtimeError {
  code: 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN' | 'INTERNAL_SERVER_ERROR';
  message: string;
}

/**
 * Who is in a plan room now, what they are editing and which item their screen is on (only
 * items the receiver may see; PRODUCT.md rules 10, 11).
 */
export interface PresenceMessage {
  participantId: string;
  people: {
    accountId: string;
    displayName: string;
    discipline: string | null;
    isParticipant: boolean;
    editingItemId: string | null;
    /**
     * The item their screen is on (in a conference room: the agenda item they opened, or the
     * one the room is on), or null: none, or one the receiver may not see.
     */
    viewingItemId: string | null;
  }[];
}

/**
 * The answer to plan:join. `reload`: the client is too far behind to replay, or its cursor
 * reaches back before its access to `reloadLabels` began; it reloads those over GraphQL.
 */
export type JoinPlanAck =
  | { ok: true; labels: SensitivityLabel[]; replayed: number; reload?: boolean; reloadLabels?: SensitivityLabel[] }
  | { ok: false; error: RealtimeError };
export type LeavePlanAck = { ok: true } | { ok: false; error: RealtimeError };

/** Events the server sends. */
export interface ServerToClientEvents {
  /**
   * Plan events, in commit order: the events committed together (a step done and the win it
   * records) in one message, and a replay in messages of up to PLAN_EVENTS_PER_MESSAGE.
   * Never empty.
   */
  'plan:events': (messages: PlanEventMessage[]) => void;
  /**
   * Visibility shrank: forget these label streams of this plan (and their items). Arrives
   * before any event written after the narrowing (PRODUCT.md rule 10).
   */
  'plan:drop': (message: { participantId: string; labels: SensitivityLabel[] }) => void;
  /** Visibility grew: these label streams now arrive; rejoin with a cursor or reload over GraphQL. */
  'plan:grow': (message: { participantId: string; labels: SensitivityLabel[] }) => void;
  /** Something now waits for you in this plan (a proposal, an offer, an entry to confirm): ask waitingForYou. */
  'waiting:changed': (message: { participantId: string }) => void;
  /** Your access token expired and was not refreshed (auth:refresh): the socket closes next. */
  'auth:expired': () => void;
  /**
   * Who is in the plan room: sent to a socket only when what it may see of that changed
   * (someone joined, left, or started/stopped editing an item it may see; rule 11).
   */
  presence: (message: PresenceMessage) => void;
}

/** Events a client sends; each is answered through its acknowledgement. */
export interface ClientToServerEvents {
  'plan:join': (request: { participantId: string; cursor?: LabelCursor }, ack: (answer: JoinPlanAck) => void) => void;
  'plan:leave': (request: { participantId: string }, ack: (answer: LeavePlanAck) => void) => void;
  /** A fresh access token for this connection (same account), before the old one expires. */
  'auth:refresh': (request: { token: string }, ack: (answer: LeavePlanAck) => void) => void;
  /** What I am editing in this plan now (null: nothing), so two people don't silently edit the same item. */
  'presence:editing': (
    request: { participantId: string; itemId: string | null },
    ack: (answer: LeavePlanAck) => void,
  ) => void;
  /**
   * Which item my screen is on in this plan now (null: none), e.g. the agenda item I opened in
   * a conference room, so others can see who is on which item.
   */
  'presence:viewing': (
    request: { participantId: string; itemId: string | null },
    ack: (answer: LeavePlanAck) => void,
  ) => void;
}

export const REALTIME_PATH = '/realtime';
