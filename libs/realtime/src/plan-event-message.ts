import type { PlanEventMessage } from '@roundtable/contracts';
import { describeEvent, type PlanEventEntity } from '@roundtable/plan';

/**
 * A plan event as a client receives it, live or replayed: the same shape both ways, and
 * nothing only servers read (the access epoch stays behind; ARCHITECTURE.md "no global
 * counter"). Whether a socket may receive it at all is decided by its label streams.
 */
export function toMessage(event: PlanEventEntity): PlanEventMessage {
  return {
    participantId: event.participantId,
    id: event.id,
    type: event.type,
    label: event.label,
    sequence: event.seq,
    itemId: event.itemId,
    summary: describeEvent(event),
    occurredAt: event.occurredAt.toISOString(),
  };
}
