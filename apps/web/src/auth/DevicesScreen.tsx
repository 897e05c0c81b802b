import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { EndSessionMutation, MySessionsQuery } from '../graphql/documents';
import { formatDateTime } from '../ui/format';
import { signOut } from './sign-in';

/** "Signed in on these devices", with sign-out of each. */
export function DevicesScreen() {
  const { t, i18n } = useTranslation();
  const [{ data, fetching }, refetch] = useQuery({ query: MySessionsQuery, requestPolicy: 'network-only' });
  const [, endSession] = useMutation(EndSessionMutation);

  const end = async (sessionId: string, current: boolean) => {
    if (current) return signOut();
    await endSession({ input: { sessionId } });
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <section aria-labelledby="devices-title">
      <h1 id="devices-title" tabIndex={-1}>
        {t('devices.title')}
      </h1>
      <p className="muted">{t('devices.intro')}</p>
      {fetching && !data && <p>{t('app.loading')}</p>}
      <ul className="list">
        {data?.mySessions.map((device) => (
          <li key={device.id} className="card">
            <p className="strong">
              {device.current ? t('devices.thisDevice') : describeDevice(device.device, t('devices.unknownDevice'))}
              {device.sharedDevice && <span className="tag">{t('devices.shared')}</span>}
            </p>
            <p className="muted">
              {t('devices.since', { when: formatDateTime(device.signedInAt, i18n.language) })} ·{' '}
              {t('devices.lastUsed', { when: formatDateTime(device.lastUsedAt, i18n.language) })}
            </p>
            <button onClick={() => void end(device.id, device.current)}>
              {device.current ? t('devices.signOutHere') : t('devices.signOutThere')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A short, recognisable name from the browser's own description of itself. */
function describeDevice(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = /(Edg|Firefox|Chrome|Chromium|Safari)\/[\d.]+/.exec(userAgent)?.[1]?.replace('Edg', 'Edge');
  const system = /(Android|iPhone|iPad|Windows|Mac OS X|Linux|CrOS)/.exec(userAgent)?.[1]?.replace('Mac OS X', 'Mac');
  return [browser, system].filter(Boolean).join(' · ') || userAgent.slice(0, 40);
}
