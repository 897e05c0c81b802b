import type { PresenceMessage, SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';

export interface EditingItem {
  itemId: string;
  label: SensitivityLabel;
}

/**
 * Who is in a plan room, as one viewer may see it: one entry per person (however many
 * devices), and what they are editing only when the viewer may see that item's label.
 */
export function presenceFor(
  participantId: string,
  present: { actor: Actor; editing?: EditingItem }[],
  viewerLabels: readonly SensitivityLabel[],
): PresenceMessage {
  const people = new Map<string, PresenceMessage['people'][number]>();
  for (const { actor, editing } of present) {
    const visibleEdit = editing && viewerLabels.includes(editing.label) ? editing.itemId : null;
    const known = people.get(actor.accountId);
    people.set(actor.accountId, {
      accountId: actor.accountId,
      displayName: actor.displayName,
      discipline: actor.discipline,
      isParticipant: actor.participantId === participantId,
      editingItemId: known?.editingItemId ?? visibleEdit,
    });
  }
  return { participantId, people: [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)) };
}
