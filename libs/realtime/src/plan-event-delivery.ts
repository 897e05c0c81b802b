import { Injectable, Logger } from '@nestjs/common';
import { PlanEventType, type PlanEventMessage } from '@roundtable/contracts';
import { Clock, groupBy } from '@roundtable/platform';
import { planEventOf, type PlanEventEntity } from '@roundtable/plan';
import { LiveSockets, type DeliverableEvent } from './live-sockets';
import { toMessage } from './plan-event-message';
import { PendingMessages } from './pending-messages';
import { PlanRooms } from './plan-rooms';
import { RealtimeParticipantRepository } from './realtime-participant.repository';

/** Plan events that leave something waiting for the participant. */
const WAITING_TYPES = new Set<string>([
  PlanEventType.GOAL_PROPOSED,
  PlanEventType.OFFER_MADE,
  PlanEventType.DECISION_PROPOSED,
  PlanEventType.WRITTEN_WITH_YOU_WAITING,
]);

/** So does a goal written down with the participant: it waits for them to confirm it (rules 1, 3). */
function leavesSomethingWaiting(event: PlanEventEntity): boolean {
  if (WAITING_TYPES.has(event.type)) return true;
  const known = planEventOf(event);
  return known?.type === PlanEventType.GOAL_EXPRESSED && known.payload.writtenWithParticipant;
}

/**
 * Committed plan events on their way to sockets: every node judges them for its own
 * sockets, one socket at a time, in the order they arrived per plan, and re-checks a
 * socket whose view is older than an event before sending it (revocation beats delivery,
 * rule 10). A socket receives an event only for a label stream it holds (rule 11).
 */
@Injectable()
export class PlanEventDelivery {
  private readonly logger = new Logger('Realtime');

  constructor(
    private readonly live: LiveSockets,
    private readonly rooms: PlanRooms,
    private readonly clock: Clock,
    private readonly participants: RealtimeParticipantRepository,
  ) {}

  /** To every node (through the Redis adapter) and this node's own sockets. */
  publish(events: PlanEventEntity[]): void {
    const deliverable = events.map((event) => ({ message: toMessage(event), epoch: Number(event.accessEpoch ?? 0) }));
    if (deliverable.length) this.live.toOtherNodes('plan:events', deliverable);
    this.deliverLocally(deliverable);
    void this.notifyWaiting(events);
  }

  /** Queues events per plan on this node, so each plan's sockets get them in arrival order. */
  deliverLocally(events: DeliverableEvent[]): void {
    for (const [participantId, planEvents] of groupBy(events, (event) => event.message.participantId)) {
      void this.rooms.inOrder(participantId, () => this.deliverToPlan(participantId, planEvents));
    }
  }

  /**
   * Revocation beats delivery (rule 10), judged per socket: before an event goes out, every
   * local socket whose view is older than the event's access epoch, or whose access was due
   * to change by the clock, or whose token expired, is re-checked (one batched check for all
   * of them). With the epoch unchanged no query runs: the socket's labels decide.
   *
   * Events that arrive together (committed together: a step done and its win) reach each
   * socket as one `plan:events` message, so one socket write rather than one per event
   * (issue 18: socket writes were the largest item in the API's profile at full size; in the
   * bench's mix, where every other edit records a win, 1.5 writes per peer became 1). What
   * a socket was already given goes out before any re-check, so a `plan:drop` never
   * overtakes an event committed before the narrowing.
   */
  private async deliverToPlan(participantId: string, events: DeliverableEvent[]): Promise<void> {
    const pending = new PendingMessages();
    for (const event of events) {
      const now = this.clock.now().getTime();
      const stale = this.live
        .localSocketsIn(participantId)
        .filter(
          (socket) =>
            (socket.data.epochs[participantId] ?? -1) < event.epoch ||
            (socket.data.recheckAt[participantId] ?? Infinity) <= now ||
            socket.data.tokenExpiresAt <= now,
        );
      if (stale.length) {
        this.send(pending.take());
        await this.rooms.recheckSockets(participantId, stale, event.epoch);
      }
      for (const socket of this.live.localSocketsIn(participantId)) {
        if (socket.data.plans[participantId]?.includes(event.message.label)) pending.add(socket.id, event.message);
      }
    }
    this.send(pending.take());
  }

  /**
   * One broadcast per distinct list, to exactly the sockets that get it, on this node: the
   * message is encoded once, not once per socket (issue 18); every other node judges its own.
   */
  private send(groups: { socketIds: string[]; messages: PlanEventMessage[] }[]): void {
    for (const { socketIds, messages } of groups) this.live.io?.local.to(socketIds).emit('plan:events', messages);
  }

  /** Tells the participant's own devices that something now waits for them (no content: they ask waitingForYou). */
  private async notifyWaiting(events: PlanEventEntity[]): Promise<void> {
    const waiting = new Set(events.filter(leavesSomethingWaiting).map((event) => event.participantId));
    const io = this.live.io;
    if (waiting.size === 0 || !io) return;
    try {
      const accounts = await this.participants.participantAccounts([...waiting]);
      for (const account of accounts) {
        io.to(`account:${account.id}`).emit('waiting:changed', { participantId: account.participant_id });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not notify what is waiting');
    }
  }
}
