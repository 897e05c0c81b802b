import { useTranslation } from 'react-i18next';
import type { PresenceMessage } from '@roundtable/contracts';

/**
 * Who else is here now: the room is the participant's plan room (schema/realtime.md), so this
 * is everyone with this room or the plan open, as the server tells this viewer. The
 * participant is among them only when they chose to share it (the server leaves them out
 * otherwise, rule 10); nothing of it is recorded. Which item each screen is on shows beside
 * that item (LookingAt).
 */
export function RoomPresence({
  people,
  participantName,
}: {
  people: PresenceMessage['people'];
  participantName: string;
}) {
  const { t } = useTranslation();
  const names = [...new Set(people.map((person) => (person.isParticipant ? participantName : person.displayName)))];
  return (
    <div className="presence small" role="status" data-testid="room-presence">
      {names.length > 0 && (
        <p>
          <span className="dot" aria-hidden="true" />
          {t('room.presence', { names: names.join(', ') })}
        </p>
      )}
    </div>
  );
}

/**
 * Who else is on this agenda item now, in plain words beside it (not a colour or a dot
 * alone). The server names an item only to those who may see it (rules 10, 11), so someone
 * on an item hidden from this viewer is simply not shown on any item. Not a live region:
 * people move between items often, and "Here now" already announces who comes and goes.
 */
export function LookingAt({ people, participantName }: { people: PresenceMessage['people']; participantName: string }) {
  const { t } = useTranslation();
  const names = [...new Set(people.map((person) => (person.isParticipant ? participantName : person.displayName)))];
  if (names.length === 0) return null;
  return (
    <p className="presence small" data-testid="looking-at">
      <span className="dot" aria-hidden="true" />
      {t('room.lookingAt', { count: names.length, names: names.join(', ') })}
    </p>
  );
}
