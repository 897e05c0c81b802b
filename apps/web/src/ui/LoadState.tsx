import { useTranslation } from 'react-i18next';

/**
 * What a screen shows before its data: "Loading…" (aria-busy, which the browser tests wait
 * on) or, when the first read failed, an alert. Once data is there it shows nothing, even if
 * a later refetch fails: what the person is reading stays on screen.
 */
export function LoadState({ hasData, failed }: { hasData: boolean; failed: boolean }) {
  const { t } = useTranslation();
  if (hasData) return null;
  if (failed) {
    return (
      <p role="alert" className="error">
        {t('app.loadFailed')}
      </p>
    );
  }
  return <p aria-busy="true">{t('app.loading')}</p>;
}
