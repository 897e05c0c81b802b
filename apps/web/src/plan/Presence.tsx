import { useTranslation } from 'react-i18next';
import type { PresenceMessage } from '@roundtable/contracts';

/**
 * "Alex is looking at your plan": who else is here right now (nothing of it is recorded).
 * Staff see the participant here only when the participant chose to share it (the server
 * leaves them out otherwise); the words fit whose plan it is.
 */
export function Presence({
  people,
  connected,
  isParticipant = true,
}: {
  people: PresenceMessage['people'];
  connected: boolean;
  isParticipant?: boolean;
}) {
  const { t } = useTranslation();
  const names = [...new Set(people.map((person) => person.displayName))];
  const one = isParticipant ? t('presence.one', { name: names[0] }) : t('presenceSharing.staffOne', { name: names[0] });
  const many = isParticipant
    ? t('presence.many', { names: names.join(', ') })
    : t('presenceSharing.staffMany', { names: names.join(', ') });
  return (
    <div className="presence" role="status" aria-live="polite">
      {names.length > 0 && (
        <p>
          <span className="dot" aria-hidden="true" />
          {names.length === 1 ? one : many}
        </p>
      )}
      {!connected && <p className="muted">{t('presence.reconnecting')}</p>}
    </div>
  );
}
