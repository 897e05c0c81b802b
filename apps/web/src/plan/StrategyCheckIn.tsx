import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { CheckInOnStrategyMutation } from '../graphql/documents';
import { newIdempotencyKey, send } from '../live/outbox';
import { formatDate } from '../ui/format';
import type { Strategy } from './plan-types';
import { FormError, SaveOrCancel } from '../ui/change-form';
import { StatusLine } from '../ui/StatusLine';

const ANSWERS = ['WORKING', 'SOMEWHAT', 'NOT_WORKING'] as const;
type Answer = (typeof ANSWERS)[number];

/** "Last checked in on 3 May: working for me" — for whoever may see the strategy. */
export function LastCheckIn({ strategy }: { strategy: Strategy }) {
  const { t, i18n } = useTranslation();
  if (!strategy.lastCheckInAt || !strategy.lastCheckInAnswer) return null;
  return (
    <div className="small" data-testid="last-check-in">
      <p>
        {t('checkIns.last', {
          date: formatDate(strategy.lastCheckInAt, i18n.language),
          answer: t(`checkIns.answers.${strategy.lastCheckInAnswer}`),
        })}
      </p>
      {strategy.lastCheckInNote && <p className="muted">“{strategy.lastCheckInNote}”</p>}
    </div>
  );
}

/**
 * The participant's check-in on one of their strategies (PRODUCT.md rule 8): "how is this
 * working for you?", three plain choices, an optional note. Any answer is fine (rule 6): the
 * wording never judges. Only the participant sees this control; the API refuses anyone else.
 */
export function StrategyCheckIn({ strategy, onChanged }: { strategy: Strategy; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [answer, setAnswer] = useState<Answer | ''>('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  // One key per intended check-in: a retry (or the offline queue) never records it twice.
  const [intent, setIntent] = useState(newIdempotencyKey);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!answer) {
      setError(t('checkIns.chooseAnswer'));
      return;
    }
    setError('');
    const trimmed = note.trim();
    const result = await send(
      client,
      CheckInOnStrategyMutation,
      {
        input: {
          strategyId: strategy.id,
          answer,
          ...(trimmed ? { note: trimmed } : {}),
          idempotencyKey: intent,
        },
      },
      t('checkIns.offline', { text: strategy.text }),
    );
    if (result === 'queued') {
      setMessage(t('checkIns.queued'));
    } else if (result.error) {
      setError(t('checkIns.failed'));
      return;
    } else {
      setMessage(t('checkIns.saved'));
    }
    setIntent(newIdempotencyKey());
    setAnswer('');
    setNote('');
    setOpen(false);
    onChanged();
  };

  return (
    <div className="check-in">
      {!open && (
        <button
          type="button"
          onClick={() => {
            setOpen(true);
            setMessage('');
          }}
          aria-label={t('checkIns.openLabel', { text: strategy.text })}
        >
          {t('checkIns.open')}
        </button>
      )}
      {open && (
        <form onSubmit={(event) => void submit(event)} aria-label={t('checkIns.formLabel', { text: strategy.text })}>
          <fieldset>
            <legend>{t('checkIns.question')}</legend>
            {ANSWERS.map((value) => (
              <div key={value} className="check">
                <input
                  type="radio"
                  id={`${id}-${value}`}
                  name={`${id}-answer`}
                  value={value}
                  checked={answer === value}
                  onChange={() => setAnswer(value)}
                />
                <label htmlFor={`${id}-${value}`}>{t(`checkIns.answers.${value}`)}</label>
              </div>
            ))}
          </fieldset>
          <label htmlFor={`${id}-note`}>
            {t('checkIns.note')}
            <span className="hint">{t('checkIns.noteHint')}</span>
          </label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={2000}
            rows={2}
            onChange={(e) => setNote(e.target.value)}
          />
          <FormError error={error} />
          <SaveOrCancel save={t('checkIns.save')} cancel={t('checkIns.cancel')} onCancel={() => setOpen(false)} />
        </form>
      )}
      <StatusLine text={message} />
    </div>
  );
}
