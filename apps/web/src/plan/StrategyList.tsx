import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { UpdateStrategyMutation } from '../graphql/documents';
import { send } from '../live/outbox';
import { LabelTag } from './labels';
import type { Strategy } from './plan-types';
import { LastCheckIn, StrategyCheckIn } from './StrategyCheckIn';

const STATUSES = ['ALREADY_DOING', 'WANT_TO_TRY', 'WORKING', 'NOT_FOR_ME'] as const;

/**
 * Safer-use strategies with their status, the check-in rhythm the participant chose and
 * their last check-in (rule 8). The participant checks in here whenever they like.
 */
export function StrategyList({
  strategies,
  editable,
  onChanged,
}: {
  strategies: readonly Strategy[];
  editable: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  if (strategies.length === 0) return null;
  return (
    <section aria-labelledby="strategies-title">
      <h2 id="strategies-title">{t('plan.strategies.title')}</h2>
      <ul className="list">
        {strategies.map((strategy) => (
          <li key={strategy.id} className="card">
            <p className="strong">{strategy.text}</p>
            <div className="row wrap tight">
              <LabelTag label={strategy.label} />
              {strategy.checkInRhythm !== 'NONE' && (
                <span className="tag">{t(`rhythm.${strategy.checkInRhythm}`)}</span>
              )}
              {strategy.reminders && <span className="tag">{t('plan.strategies.reminders')}</span>}
            </div>
            {editable ? (
              <div className="stage">
                <label htmlFor={`strategy-${strategy.id}`}>{t('plan.strategies.question')}</label>
                <select
                  id={`strategy-${strategy.id}`}
                  value={strategy.status}
                  onChange={(event) =>
                    void send(
                      client,
                      UpdateStrategyMutation,
                      {
                        input: {
                          strategyId: strategy.id,
                          expectedVersion: strategy.version,
                          status: event.target.value as (typeof STATUSES)[number],
                        },
                      },
                      t('offline.changes.strategy'),
                    ).then(onChanged)
                  }
                >
                  {STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(`strategyStatus.${status}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p className="small">{t(`strategyStatus.${strategy.status}`)}</p>
            )}
            <LastCheckIn strategy={strategy} />
            {editable && <StrategyCheckIn strategy={strategy} onChanged={onChanged} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
