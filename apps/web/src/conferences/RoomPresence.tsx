import { useTranslation } from 'react-i18next';
import type { PresenceMessage } from '@roundtable/contracts';

/**
 * Who else is here now: the room is the participant's plan room (schema/realtime.md), so this
 * is everyone with this room or the plan open, as the server tells this viewer. The
 * participant is among them only when they chose to share it (the server leaves them out
 * otherwise, rule 10); nothing of it is recorded. Presence says who, not which item their
 * screen shows: the protocol carries only what someone is editing in the plan.
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
