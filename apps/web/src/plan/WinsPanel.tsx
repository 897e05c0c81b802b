import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { ConfirmWinMutation, HideWinMutation, WinsQuery } from '../graphql/documents';
import { send, sendAsIs } from '../live/outbox';
import { formatDate } from '../ui/format';
import { useParticipantQuery } from '../ui/useParticipantQuery';
import { PLAN_CHANGED, useReloadOn, WINS_MAY_CHANGE } from '../live/plan-changed';

/** Any positive change counts (rule 5): wins to confirm, or hide if they don't count for you. */
export function WinsPanel({ participantId, limit = 3 }: { participantId: string; limit?: number }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [{ data }, refetch] = useParticipantQuery(WinsQuery, participantId, 'cache-first');
  useReloadOn(
    useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]),
    [PLAN_CHANGED, WINS_MAY_CHANGE],
  );
  const wins = data?.wins.edges.map((edge) => edge.node).slice(0, limit) ?? [];
  if (wins.length === 0) return null;
  return (
    <section aria-labelledby="wins-title" className="wins">
      <h2 id="wins-title">{t('wins.title')}</h2>
      <ul className="list" data-testid="wins" aria-live="polite">
        {wins.map((win) => (
          <li key={win.id} className="card win">
            <p className="strong">
              <span aria-hidden="true">★ </span>
              {win.text}
            </p>
            <p className="muted small">
              {formatDate(win.occurredAt, i18n.language)} · {win.confirmed ? t('wins.confirmed') : t('wins.notYet')}
            </p>
            <div className="row wrap">
              {!win.confirmed && (
                <button
                  onClick={() =>
                    void send(
                      client,
                      ConfirmWinMutation,
                      { input: { winId: win.id, expectedVersion: win.version } },
                      t('offline.changes.win'),
                    ).then(() => refetch({ requestPolicy: 'network-only' }))
                  }
                >
                  {t('wins.confirm')}
                </button>
              )}
              <button
                className="link-button"
                onClick={() =>
                  void sendAsIs(client, HideWinMutation, { winId: win.id }, t('offline.changes.win')).then(() =>
                    refetch({ requestPolicy: 'network-only' }),
                  )
                }
              >
                {t('wins.hide')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
