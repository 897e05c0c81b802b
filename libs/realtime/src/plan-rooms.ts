import { Injectable, Logger } from '@nestjs/common';
import {
  PLAN_EVENTS_PER_MESSAGE,
  type JoinPlanAck,
  type LeavePlanAck,
  type SensitivityLabel,
} from '@roundtable/contracts';
import { AuditTrail, authorize, VisibilityPolicy } from '@roundtable/access';
import { Clock, groupBy, isUuid } from '@roundtable/platform';
import { LivePresence } from './live-presence';
import { LiveSockets, planRoom, type RealtimeSocket } from './live-sockets';
import { toMessage } from './plan-event-message';
import { REPLAY_LIMIT, withinAccess } from './replay';
import { ReplayRepository } from './replay.repository';
import { RealtimeParticipantRepository } from './realtime-participant.repository';
import { SerialQueues } from './serial-queues';
import { fail } from './socket-answers';
import type { SocketPayload } from './socket-payloads';
import { SocketSignIn } from './socket-sign-in';

/**
 * Who is in which plan room, for which label streams, and the checks that keep it so: a
 * socket joins with the same access as reading the plan (audited, rule 12), and drops the
 * streams it lost the moment access narrows, by a change or by the clock, before anything
 * newer reaches it (revocation beats delivery, rule 10). Every socket is judged by its own
 * view; anyone else gets NOT_FOUND, exactly like an unknown plan (rule 11).
 */
@Injectable()
export class PlanRooms {
  private readonly logger = new Logger('Realtime');
  /** One queue per participant's plan on this node: deliveries and re-checks in arrival order. */
  private readonly queues = new SerialQueues((error) => this.logger.error({ err: error }, 'Realtime delivery failed'));

  constructor(
    private readonly live: LiveSockets,
    private readonly signIn: SocketSignIn,
    private readonly presence: LivePresence,
    private readonly replay: ReplayRepository,
    private readonly visibility: VisibilityPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly participants: RealtimeParticipantRepository,
  ) {}

  /** Runs a task for one plan after every delivery and re-check queued before it on this node. */
  inOrder(participantId: string, task: () => Promise<void>): Promise<void> {
    return this.queues.run(participantId, task);
  }

  async join(socket: RealtimeSocket, { participantId, cursor }: SocketPayload<'plan:join'>): Promise<JoinPlanAck> {
    if (!isUuid(participantId)) return fail('NOT_FOUND', 'Not found');
    const actor = socket.data.actor;
    // The epoch is read before the check, so the check reflects every narrowing up to it.
    const epoch = await this.participants.accessEpoch(participantId);
    const labels = await this.visibility.visibleLabels(actor, participantId);
    // Every join is audited like a GraphQL read of those labels (rule 12), or as a denied attempt.
    await this.audit.record({
      participantId,
      actor: actor.accountId,
      action: 'plan:join',
      kind: labels.size ? 'READ' : 'DENIED',
      labels: [...labels],
    });
    // Rules 10 and 11 (LivePlanRoomPolicy.watchLive): NOT_FOUND, like an unknown plan, when no label is visible.
    authorize('plan.watchLive', { visibleLabels: labels });

    // Rooms first, then replay: an event committed in between arrives twice at most, never
    // zero times; clients drop a (label, sequence) they already hold.
    this.enter(socket, participantId, labels);
    // A re-check elsewhere may have moved the view on; keep the older epoch so the next
    // newer event re-checks again (never the reverse).
    socket.data.epochs[participantId] = Math.min(socket.data.epochs[participantId] ?? epoch, epoch);
    await this.scheduleRecheck(socket, participantId);
    let replay = await this.replay.eventsAfter(participantId, labels, cursor);
    if (replay.length > REPLAY_LIMIT) {
      // Too far behind to catch up event by event: reload the plan over GraphQL, then stream.
      await this.presence.changed(participantId);
      return { ok: true, labels: [...labels], replayed: 0, reload: true };
    }
    // Something in the replay was written after a narrowing this join's check may not have
    // seen: check again before sending any of it (revocation beats delivery, rule 10).
    const newest = Math.max(epoch, ...replay.map((event) => event.accessEpoch));
    if (newest > epoch) {
      await this.recheckSockets(participantId, [socket], newest);
      const visibleNow = new Set(socket.data.plans[participantId] ?? []);
      authorize('plan.watchLive', { visibleLabels: visibleNow });
      replay = replay.filter((event) => visibleNow.has(event.label));
    }
    const { replayed, tooFarBack } = withinAccess(replay, await this.visibility.accessSince(actor, participantId));
    const messages = replayed.map(toMessage);
    for (let start = 0; start < messages.length; start += PLAN_EVENTS_PER_MESSAGE) {
      socket.emit('plan:events', messages.slice(start, start + PLAN_EVENTS_PER_MESSAGE));
    }
    await this.presence.changed(participantId);
    const joined = [...(socket.data.plans[participantId] ?? labels)];
    if (tooFarBack.size)
      return { ok: true, labels: joined, replayed: replayed.length, reload: true, reloadLabels: [...tooFarBack] };
    return { ok: true, labels: joined, replayed: replayed.length };
  }

  /** plan:leave: a socket leaves its own room only, every stream of it. */
  async leave(socket: RealtimeSocket, { participantId }: SocketPayload<'plan:leave'>): Promise<LeavePlanAck> {
    authorize('plan.leaveLive');
    this.exit(socket, participantId, [...(socket.data.plans[participantId] ?? [])]);
    await this.presence.changed(participantId);
    return { ok: true };
  }

  /** Consent, team or break-glass changed: re-check every socket on this node watching that plan. */
  recheck(participantId: string): Promise<void> {
    return this.inOrder(participantId, () =>
      this.recheckSockets(participantId, this.live.localSocketsIn(participantId)),
    );
  }

  /**
   * Runs every REALTIME_RECHECK_MS on each node, by the app clock: closes sockets whose
   * token expired, and re-checks plans whose access was due to change by the clock (a grant
   * or break-glass reaching its end).
   */
  async sweepConnections(): Promise<void> {
    const now = this.clock.now().getTime();
    const dueRechecks: { participantId: string; socket: RealtimeSocket }[] = [];
    for (const socket of this.live.local()) {
      if (!socket.data.actor) continue;
      if (socket.data.tokenExpiresAt <= now) {
        this.signIn.expire(socket);
        continue;
      }
      for (const [participantId, at] of Object.entries(socket.data.recheckAt)) {
        if (at <= now) dueRechecks.push({ participantId, socket });
      }
    }
    await Promise.all(
      [...groupBy(dueRechecks, (due) => due.participantId)].map(([participantId, due]) =>
        this.inOrder(participantId, () =>
          this.recheckSockets(
            participantId,
            due.map(({ socket }) => socket),
          ),
        ),
      ),
    );
  }

  /**
   * Re-checks these local sockets' view of one plan in a few batched queries whatever their
   * number: ended sign-ins are closed; each socket drops the label streams it lost (told
   * with `plan:drop` before anything newer is delivered) and gains those it was granted.
   * `atLeastEpoch`: the epoch of the event that asked (already committed, so this check
   * reflects every narrowing up to it); without it the current epoch, read first.
   */
  async recheckSockets(participantId: string, sockets: RealtimeSocket[], atLeastEpoch?: number): Promise<void> {
    const watching = sockets.filter((socket) => socket.connected && socket.data.plans?.[participantId]);
    if (watching.length === 0) return;
    const epoch = atLeastEpoch ?? (await this.participants.accessEpoch(participantId));
    const now = this.clock.now().getTime();
    const signedIn = await this.signIn.stillOpen(watching.map((socket) => socket.data.actor.sessionId));
    const ended = watching.filter(
      (socket) => socket.data.tokenExpiresAt <= now || !signedIn.has(socket.data.actor.sessionId),
    );
    for (const socket of ended) {
      for (const plan of Object.keys(socket.data.plans)) this.exit(socket, plan, [...socket.data.plans[plan]]);
      if (socket.data.tokenExpiresAt <= now) this.signIn.expire(socket);
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
    if (changed) void this.presence.changed(participantId);
  }

  private enter(socket: RealtimeSocket, participantId: string, labels: Iterable<SensitivityLabel>): void {
    const current = new Set(socket.data.plans[participantId] ?? []);
    for (const label of labels) current.add(label);
    void socket.join(planRoom(participantId));
    socket.data.plans[participantId] = [...current];
  }

  /** Stops these label streams of a plan for the socket; with none left it leaves the room. */
  private exit(socket: RealtimeSocket, participantId: string, labels: SensitivityLabel[]): void {
    const remaining = (socket.data.plans[participantId] ?? []).filter((label) => !labels.includes(label));
    const editing = socket.data.editing[participantId];
    if (editing && !remaining.includes(editing.label)) delete socket.data.editing[participantId];
    const viewing = socket.data.viewing[participantId];
    if (viewing && !remaining.includes(viewing.label)) delete socket.data.viewing[participantId];
    if (remaining.length) {
      socket.data.plans[participantId] = remaining;
    } else {
      delete socket.data.plans[participantId];
      delete socket.data.editing[participantId];
      delete socket.data.viewing[participantId];
      delete socket.data.epochs[participantId];
      delete socket.data.recheckAt[participantId];
      this.presence.forget(socket, participantId);
      void socket.leave(planRoom(participantId));
    }
  }

  /** Moves a socket to exactly these labels of a plan, telling it what it lost and gained. */
  private applyView(socket: RealtimeSocket, participantId: string, labels: Set<SensitivityLabel>): boolean {
    const had = new Set(socket.data.plans[participantId] ?? []);
    const dropped = [...had].filter((label) => !labels.has(label));
    const grown = [...labels].filter((label) => !had.has(label));
    if (dropped.length) {
      this.exit(socket, participantId, dropped);
      socket.emit('plan:drop', { participantId, labels: dropped });
    }
    if (grown.length) {
      this.enter(socket, participantId, grown);
      socket.emit('plan:grow', { participantId, labels: grown });
    }
    return dropped.length > 0 || grown.length > 0;
  }

  private async scheduleRecheck(socket: RealtimeSocket, participantId: string): Promise<void> {
    const next = socket.data.plans[participantId]
      ? await this.visibility.nextChangeAt(socket.data.actor, participantId)
      : null;
    if (next) socket.data.recheckAt[participantId] = next.getTime();
    else delete socket.data.recheckAt[participantId];
  }
}
