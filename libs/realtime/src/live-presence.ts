import { Injectable, Logger } from '@nestjs/common';
import type { LeavePlanAck } from '@roundtable/contracts';
import { isUuid } from '@roundtable/platform';
import { PlanItemLabels } from '@roundtable/plan';
import { authorize } from '@roundtable/access';
import { LiveSockets, planRoom, type RealtimeSocket } from './live-sockets';
import { isThePlansParticipant, presenceFor, type EditingItem } from './presence';
import { RealtimeParticipantRepository } from './realtime-participant.repository';
import { SerialQueues } from './serial-queues';
import type { SocketPayload } from './socket-payloads';

/**
 * Who is in a plan room, what they are editing and which item they are on, kept up to date on every node. Presence
 * lives in memory only and is never written down; each socket is sent only what it may see
 * (presence.ts), and only when that changed: someone starting to edit a hidden item leaves
 * no trace (rules 10, 11), and the participant's own presence is theirs to share (rule 13).
 */
@Injectable()
export class LivePresence {
  private readonly logger = new Logger('Realtime');
  /** Presence updates per plan, in order, apart from deliveries (presence waits on every node). */
  private readonly queues = new SerialQueues((error) => this.logger.warn({ err: error }, 'Presence update failed'));
  /** The last presence message each local socket received, per plan: an unchanged view sends nothing. */
  private readonly lastSent = new WeakMap<RealtimeSocket, Map<string, string>>();

  constructor(
    private readonly live: LiveSockets,
    private readonly itemLabels: PlanItemLabels,
    private readonly participants: RealtimeParticipantRepository,
  ) {}

  /**
   * "I am editing this item now" (or null: nothing). Shown only to those who may see the
   * item (rules 10, 11): to anyone else it is as if nothing happened — no message at all.
   */
  announceEditing(socket: RealtimeSocket, payload: SocketPayload<'presence:editing'>): Promise<LeavePlanAck> {
    return this.announce(socket, 'editing', payload);
  }

  /**
   * "My screen is on this item now" (or null: none): in a conference room, the agenda item
   * someone opened or the one the room is on (agenda items register their labels with
   * PlanItemLabels from libs/conference). The same rule as editing: only those who may see
   * the item learn it; to anyone else nothing moves, not a message, not a count (rule 11).
   */
  announceViewing(socket: RealtimeSocket, payload: SocketPayload<'presence:viewing'>): Promise<LeavePlanAck> {
    return this.announce(socket, 'viewing', payload);
  }

  /**
   * An item this socket may see, or NOT_FOUND: an unknown id, one from another plan and one
   * hidden from this socket answer alike (rule 11).
   */
  private async announce(
    socket: RealtimeSocket,
    kind: 'editing' | 'viewing',
    { participantId, itemId }: { participantId: string; itemId: string | null },
  ): Promise<LeavePlanAck> {
    const joined = socket.data.plans[participantId];
    // The item's label is read only for a plan this socket joined (no round trip otherwise).
    const label =
      joined && itemId !== null && isUuid(itemId)
        ? (await this.itemLabels.labelsOf(participantId, [itemId])).get(itemId)
        : undefined;
    // Rules 10 and 11 (LivePlanRoomPolicy.announcePresence): NOT_FOUND for a plan not joined or an item not visible.
    authorize(kind === 'editing' ? 'presence.announceEditing' : 'presence.announceViewing', {
      joined,
      item: itemId === null ? null : { label },
    });
    if (itemId === null) {
      delete socket.data[kind][participantId];
    } else if (label) {
      socket.data[kind][participantId] = { itemId, label };
    }
    await this.changed(participantId);
    return { ok: true };
  }

  /** A closed socket leaves every plan room it was in. */
  disconnected(socket: RealtimeSocket): void {
    for (const participantId of Object.keys(socket.data.plans ?? {})) void this.changed(participantId);
  }

  /** The socket left the plan's room: what it was last sent there no longer holds. */
  forget(socket: RealtimeSocket, participantId: string): void {
    this.lastSent.get(socket)?.delete(participantId);
  }

  /** Presence changed in a plan: this node updates its own sockets and tells the others to. */
  changed(participantId: string): Promise<void> {
    this.live.toOtherNodes('presence:changed', participantId);
    return this.updateLocally(participantId);
  }

  /**
   * Sends each local socket in the plan who is there (from every node), with only the edits
   * it may see, judged by each item's label now. A socket whose view did not change gets no
   * message at all.
   */
  updateLocally(participantId: string): Promise<void> {
    return this.queues.run(participantId, async () => {
      const io = this.live.io;
      if (!io) return;
      try {
        const everywhere = await io.in(planRoom(participantId)).fetchSockets();
        const onItems = everywhere.flatMap((socket) =>
          [socket.data.editing?.[participantId], socket.data.viewing?.[participantId]].flatMap((item) =>
            item ? [item.itemId] : [],
          ),
        );
        const labels = await this.itemLabels.labelsOf(participantId, [...new Set(onItems)]);
        // Each item judged by its label now (it may have become stricter since it was announced).
        const now = (item?: EditingItem): EditingItem | undefined => {
          const label = item && labels.get(item.itemId);
          return item && label ? { itemId: item.itemId, label } : undefined;
        };
        const present = everywhere.map((socket) => ({
          actor: socket.data.actor,
          editing: now(socket.data.editing?.[participantId]),
          viewing: now(socket.data.viewing?.[participantId]),
        }));
        // Read at every update, never cached: turning sharing off takes effect at once, on every node.
        const shared = await this.participants.sharesPresence(participantId);
        for (const socket of this.live.localSocketsIn(participantId)) {
          const message = presenceFor(
            participantId,
            present,
            socket.data.plans[participantId] ?? [],
            shared || isThePlansParticipant(socket.data.actor, participantId),
          );
          const serialized = JSON.stringify(message);
          const sent = this.lastSent.get(socket) ?? new Map<string, string>();
          if (sent.get(participantId) === serialized) continue;
          sent.set(participantId, serialized);
          this.lastSent.set(socket, sent);
          socket.emit('presence', message);
        }
      } catch (error) {
        // Presence is a courtesy: a node going away mid-fetch must not break anything else.
        this.logger.warn({ err: error }, 'Presence update failed');
      }
    });
  }
}
