import { useTranslation } from 'react-i18next';
import type { PresenceMessage } from '@roundtable/contracts';

/** "Alex is looking at your plan": who else is here right now (nothing of it is recorded). */
export function Presence({ people, connected }: { people: PresenceMessage['people']; connected: boolean }) {
  const { t } = useTranslation();
  const names = [...new Set(people.map((person) => person.displayName))];
  return (
    <div className="presence" role="status" aria-live="polite">
      {names.length > 0 && (
        <p>
          <span className="dot" aria-hidden="true" />
          {names.length === 1 ? t('presence.one', { name: names[0] }) : t('presence.many', { names: names.join(', ') })}
        </p>
      )}
      {!connected && <p className="muted">{t('presence.reconnecting')}</p>}
    </div>
  );
}
