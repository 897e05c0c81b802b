import type { PlanEventMessage } from '@roundtable/contracts';

/**
 * The events each socket is to be sent, gathered while a batch is judged, then handed out
 * grouped by identical lists: sockets that see the same events share one encoded message.
 */
export class PendingMessages {
  private readonly bySocket = new Map<string, PlanEventMessage[]>();

  add(socketId: string, message: PlanEventMessage): void {
    const messages = this.bySocket.get(socketId);
    if (messages) messages.push(message);
    else this.bySocket.set(socketId, [message]);
  }

  /** The gathered lists, grouped, and nothing left pending. */
  take(): { socketIds: string[]; messages: PlanEventMessage[] }[] {
    const groups = new Map<string, { socketIds: string[]; messages: PlanEventMessage[] }>();
    for (const [socketId, messages] of this.bySocket) {
      const key = messages.map((message) => message.id).join(' ');
      const group = groups.get(key);
      if (group) group.socketIds.push(socketId);
      else groups.set(key, { socketIds: [socketId], messages });
    }
    this.bySocket.clear();
    return [...groups.values()];
  }
}
