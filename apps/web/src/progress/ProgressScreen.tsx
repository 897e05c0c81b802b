import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useClient } from 'urql';
import { SensitivityLabel } from '@roundtable/contracts';
import {
  ProgressQuery,
  RecordMeasurementMutation,
  RecordSetbackMutation,
  type SeriesFields,
} from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { newIdempotencyKey, send } from '../live/outbox';
import { LabelSelect, LabelTag } from '../plan/labels';
import { WinsPanel } from '../plan/WinsPanel';
import { formatDate, formatMonth, formatNumber } from '../ui/format';
import { MetricChart } from './MetricChart';
import { TrackClinicalMeasure } from './TrackClinicalMeasure';
import { CoSignField, coSignOf } from '../ui/CoSignField';
import { LoadState } from '../ui/LoadState';
import { useParticipantQuery } from '../ui/useParticipantQuery';
import { useReloadOn } from '../live/plan-changed';
import { StatusLine } from '../ui/StatusLine';

type Series = ResultOf<typeof SeriesFields>;

/**
 * How things are going: by life domain, the participant's own measures first and clinical
 * beside them (rule 4); each with a chart, a sentence and a table saying the same.
 */
export function ProgressScreen({
  participantId,
  isParticipant,
  participantName,
}: {
  participantId: string;
  isParticipant: boolean;
  /** The name they chose; null until it has loaded (or for the participant themself). */
  participantName: string | null;
}) {
  const { t, i18n } = useTranslation();
  const theirName = participantName ?? t('room.theParticipant');
  const [{ data, error }, refetch] = useParticipantQuery(ProgressQuery, participantId, 'cache-first');
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  // A measure, a win or a hard day changed anywhere in the plan (another device, the team): read again.
  useReloadOn(reload);
  return (
    <div>
      <h1 tabIndex={-1}>{t('progress.title')}</h1>
      <p className="muted">{t('progress.intro')}</p>
      <LoadState hasData={Boolean(data)} failed={Boolean(error)} />
      {data?.progress.domains.map((domain) => (
        <section key={domain.domain} aria-labelledby={`domain-${domain.domain}`}>
          <h2 id={`domain-${domain.domain}`}>{t(`domains.${domain.domain}`)}</h2>
          <div className="grid">
            {[...domain.participantDefined, ...domain.clinical].map((series) => (
              <MetricCard
                key={series.metric.id}
                series={series}
                // The participant records their own measures; the team records clinical ones (rule 4: side by side).
                recordAs={
                  series.metric.definedBy.isParticipant === isParticipant
                    ? isParticipant
                      ? 'SELF_REPORT'
                      : 'CLINICIAN'
                    : null
                }
                onRecorded={reload}
              />
            ))}
          </div>
        </section>
      ))}
      {!isParticipant && <TrackClinicalMeasure participantId={participantId} onAdded={reload} />}
      {isParticipant && <WinsPanel participantId={participantId} limit={10} />}
      {data && (
        <section aria-labelledby="setbacks-title">
          <h2 id="setbacks-title">{t('progress.setbacks.title')}</h2>
          <p className="muted">{t('progress.setbacks.intro')}</p>
          {/* Rule 6: a neutral event beside the wins, never instead of them; nothing here removes a win. */}
          <ul className="list" data-testid="setbacks">
            {data.setbacks.map((setback) => (
              <li key={setback.id} className="card neutral">
                <p className="strong">
                  {t('setbackForm.hardDayOn', { date: formatDate(setback.occurredAt, i18n.language) })}
                </p>
                {setback.reflection && <p>{setback.reflection}</p>}
                {/* Written with them, not yet confirmed by them (rules 1, 3): said plainly, never hidden. */}
                {setback.awaitingConfirmation && (
                  <p className="small muted" data-testid="awaiting-confirmation">
                    {isParticipant ? t('setbackForm.awaitingYou') : t('setbackForm.awaitingThem', { name: theirName })}
                  </p>
                )}
                {setback.label !== 'GENERAL' && <LabelTag label={setback.label} />}
              </li>
            ))}
          </ul>
          <SetbackForm participantId={participantId} withThem={isParticipant ? null : theirName} onRecorded={reload} />
        </section>
      )}
    </div>
  );
}

/**
 * "Had a hard day?": the participant records a setback, with an optional reflection in their
 * words (PRODUCT.md rule 6: expected, not failure; it erases no win and changes no status).
 * They choose what kind of information it is, which decides who on their team sees it (rule 10).
 */
function SetbackForm({
  participantId,
  withThem,
  onRecorded,
}: {
  participantId: string;
  /** Staff: the participant's name. A team member records a hard day only with them, in their words (rules 1, 3, 6). */
  withThem: string | null;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const client = useClient();
  const id = useId();
  const [reflection, setReflection] = useState('');
  const [label, setLabel] = useState<SensitivityLabel>(SensitivityLabel.GENERAL);
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const [intent, setIntent] = useState(newIdempotencyKey);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const words = reflection.trim();
    const result = await send(
      client,
      RecordSetbackMutation,
      {
        input: {
          participantId,
          label,
          ...(words ? { reflection: words } : {}),
          ...(withThem ? { withParticipant: true, coSign: coSignOf(passphrase) } : {}),
          idempotencyKey: intent,
        },
      },
      t('setbackForm.offline'),
    );
    if (result !== 'queued' && result.error) {
      setFailed(true);
      setMessage(t('setbackForm.failed'));
      return;
    }
    setFailed(false);
    setIntent(newIdempotencyKey());
    setReflection('');
    setLabel(SensitivityLabel.GENERAL);
    setMessage(
      result === 'queued'
        ? t('setbackForm.queued')
        : !withThem
          ? t('setbackForm.saved')
          : passphrase
            ? t('setbackForm.savedAsTheirs', { name: withThem })
            : t('setbackForm.waitsForThem', { name: withThem }),
    );
    setPassphrase('');
    onRecorded();
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{withThem ? t('setbackForm.titleWith', { name: withThem }) : t('setbackForm.title')}</h3>
      <p className="small">{withThem ? t('setbackForm.introWith', { name: withThem }) : t('setbackForm.intro')}</p>
      <label htmlFor={`${id}-reflection`}>
        {withThem ? t('setbackForm.reflectionWith', { name: withThem }) : t('setbackForm.reflection')}
        <span className="hint">{t('setbackForm.reflectionHint')}</span>
      </label>
      <textarea
        id={`${id}-reflection`}
        value={reflection}
        maxLength={4000}
        rows={3}
        onChange={(e) => setReflection(e.target.value)}
      />
      <label htmlFor={`${id}-label`}>
        {t('setbackForm.kind')}
        <span className="hint">{t('setbackForm.kindHint')}</span>
      </label>
      <LabelSelect id={`${id}-label`} value={label} onChange={setLabel} />
      {withThem && <CoSignField id={`${id}-cosign`} name={withThem} value={passphrase} onChange={setPassphrase} />}
      <div className="row wrap">
        <button type="submit" className="primary">
          {t('setbackForm.save')}
        </button>
      </div>
      <p role="status" className={failed ? 'error' : 'small'}>
        {message}
      </p>
    </form>
  );
}

function summarise(series: Series, t: TFunction, language: string): string {
  const { values, times } = series;
  if (values.length === 0) return t('progress.summary.none');
  const first = values[0];
  const last = values[values.length - 1];
  const since = formatMonth(times[0], language);
  const from = formatNumber(first, language);
  const to = formatNumber(last, language);
  if (values.length === 1 || first === last) return t('progress.summary.same', { value: to, since });
  const key = last > first ? 'up' : 'down';
  const better = last > first === (series.metric.better === 'HIGHER');
  return `${t(`progress.summary.${key}`, { from, to, since })}${better ? ` ${t('progress.summary.better')}` : ''}`;
}

function MetricCard({
  series,
  recordAs,
  onRecorded,
}: {
  series: Series;
  /** Who records a value here, as what kind of source; null: not this viewer. */
  recordAs: 'SELF_REPORT' | 'CLINICIAN' | null;
  onRecorded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState('');
  const [intent, setIntent] = useState(newIdempotencyKey);
  const summary = summarise(series, t, i18n.language);
  const metric = series.metric;
  const inputId = `record-${metric.id}`;

  const record = async (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number)) {
      setMessage(t('progress.record.invalid'));
      return;
    }
    // One key per intended value: a retry (or the offline queue) can never record it twice.
    const result = await send(
      client,
      RecordMeasurementMutation,
      { input: { metricId: metric.id, value: number, source: recordAs ?? 'SELF_REPORT', idempotencyKey: intent } },
      t('offline.changes.measurement', { name: metric.name, value }),
    );
    setIntent(newIdempotencyKey());
    setValue('');
    if (result === 'queued') {
      setMessage(t('progress.record.queued'));
      return;
    }
    if (result.error) {
      setMessage(t('progress.record.failed'));
      return;
    }
    const win = result.data?.recordMeasurement.win;
    setMessage(win ? t('progress.record.savedWin', { win: win.text }) : t('progress.record.saved'));
    onRecorded();
  };

  return (
    <article className="card metric" data-testid="metric" data-metric-id={metric.id}>
      <h3>{metric.name}</h3>
      <p className="muted small">
        {metric.definedBy.isParticipant ? t('progress.yours') : t('progress.clinical')}
        {metric.unit ? ` · ${metric.unit}` : ''} ·{' '}
        {metric.better === 'HIGHER' ? t('progress.higherBetter') : t('progress.lowerBetter')}
      </p>
      <p className="summary" data-testid="metric-summary">
        {summary}
      </p>
      <MetricChart times={series.times} values={series.values} better={metric.better} label={summary} />
      <details>
        <summary>{t('progress.table')}</summary>
        <table>
          <caption className="visually-hidden">{metric.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t('progress.date')}</th>
              <th scope="col">{t('progress.value')}</th>
            </tr>
          </thead>
          <tbody>
            {series.times.map((time, index) => (
              <tr key={time + index}>
                <td>{formatDate(time, i18n.language)}</td>
                <td>{formatNumber(series.values[index], i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {recordAs && (
        <form onSubmit={record} className="row wrap record">
          <label htmlFor={inputId}>{t('progress.record.label')}</label>
          <input
            id={inputId}
            inputMode="decimal"
            value={value}
            min={metric.minimum ?? undefined}
            max={metric.maximum ?? undefined}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" className="primary">
            {t('progress.record.submit')}
          </button>
        </form>
      )}
      <StatusLine text={message} />
    </article>
  );
}
