import { AccountKind, type PresenceMessage, type SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';

export interface EditingItem {
  itemId: string;
  label: SensitivityLabel;
}

/** Whether this actor is the participant the plan is about. */
export function isThePlansParticipant(actor: Actor, participantId: string): boolean {
  return actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId;
}

/**
 * Who is in a plan room, as one viewer may see it: one entry per person (however many
 * devices), and what they are editing or which item their screen is on only when the viewer
 * may see that item's label (rules 10, 11): otherwise null, exactly as if they were on nothing.
 *
 * The participant's own presence is theirs to share (rules 10, 13): unless they turned
 * sharing on (`showParticipant`), everyone else's view leaves them out entirely — not
 * "someone", not an edit, no message at all when they come and go. Their own devices
 * always see them.
 */
export function presenceFor(
  participantId: string,
  present: { actor: Actor; editing?: EditingItem; viewing?: EditingItem }[],
  viewerLabels: readonly SensitivityLabel[],
  showParticipant: boolean,
): PresenceMessage {
  const people = new Map<string, PresenceMessage['people'][number]>();
  const visible = (item?: EditingItem) => (item && viewerLabels.includes(item.label) ? item.itemId : null);
  for (const { actor, editing, viewing } of present) {
    if (!showParticipant && isThePlansParticipant(actor, participantId)) continue;
    const known = people.get(actor.accountId);
    people.set(actor.accountId, {
      accountId: actor.accountId,
      displayName: actor.displayName,
      discipline: actor.discipline,
      isParticipant: isThePlansParticipant(actor, participantId),
      editingItemId: known?.editingItemId ?? visible(editing),
      viewingItemId: known?.viewingItemId ?? visible(viewing),
    });
  }
  return { participantId, people: [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)) };
}
