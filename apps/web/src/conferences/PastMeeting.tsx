import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportDownloads } from '../exports/ExportDownloads';
import { RespondToConferenceMutation } from '../graphql/documents';
import { useDates } from '../ui/dates';
import { MeetingHeader, useAuthorName, useQueuedForm } from './parts';
import type { AgendaItem, Conference, MeetingProps } from './types';
import { FormSubmit, missingIfBlank } from '../ui/change-form';
import { ChoiceOptions } from '../ui/ChoiceOptions';

const SHORT = 60;
const shorten = (text: string) => (text.length > SHORT ? `${text.slice(0, SHORT - 1).trimEnd()}…` : text);

/** Everything in the minutes that a correction can point at, with a short name for each. */
export function targetsOf(
  conference: Conference,
  itemTitle: (item: AgendaItem) => string,
  who: (author: AgendaItem['addedBy']) => string,
) {
  const targets = new Map<string, string>();
  for (const item of conference.agenda) {
    targets.set(item.id, itemTitle(item));
    for (const note of item.notes) targets.set(note.id, `${who(note.author)}: ${shorten(note.text)}`);
    for (const card of item.perspectives) targets.set(card.id, `${who(card.author)}: ${shorten(card.text)}`);
    for (const decision of item.decisions) targets.set(decision.id, shorten(decision.summary));
  }
  return targets;
}

/**
 * A past meeting: its minutes as the participant reads them (everything said about them,
 * rule 2), corrections appended later, what they asked and the team's answers, and a way to
 * ask for a correction. Closed minutes never change; the team answers with an amendment.
 */
export function PastMeeting({ conference, onDone, onChanged }: MeetingProps) {
  const { t, i18n } = useTranslation();
  const authorName = useAuthorName();
  const headingId = `meeting-${conference.id}`;
  const itemTitle = (item: AgendaItem) =>
    item.kind === 'PARTICIPANT_UPDATE' ? t('meetings.update.title') : item.title;
  const targets = targetsOf(conference, itemTitle, authorName);
  const update = conference.agenda.find((item) => item.kind === 'PARTICIPANT_UPDATE');

  return (
    <article className="card meeting" aria-labelledby={headingId} data-testid="past-meeting">
      <MeetingHeader conference={conference} headingId={headingId} />
      {update?.body && (
        <>
          <h4>{t('meetings.update.title')}</h4>
          <blockquote className="vision">{update.body}</blockquote>
        </>
      )}
      <details className="minutes">
        <summary>{t('meetings.minutes.open')}</summary>
        <p className="muted small">{t('meetings.minutes.intro')}</p>
        {conference.agenda.map((item) => (
          <MinutesItem key={item.id} item={item} title={itemTitle(item)} />
        ))}
      </details>
      <Amendments conference={conference} targets={targets} />
      <Requests conference={conference} targets={targets} />
      <AskForCorrection conference={conference} targets={targets} onDone={onDone} onChanged={onChanged} />
      <ExportDownloads
        level={4}
        titleKey="exports.minutesTitle"
        links={[
          {
            labelKey: 'exports.minutesPdf',
            path: `/exports/conferences/${conference.id}/minutes.pdf?language=${i18n.language.startsWith('es') ? 'es' : 'en'}`,
            fileName: 'minutes.pdf',
          },
        ]}
      />
    </article>
  );
}

function MinutesItem({ item, title }: { item: AgendaItem; title: string }) {
  const { t } = useTranslation();
  const authorName = useAuthorName();
  return (
    <section className="minutes-item" data-testid="minutes-item">
      <h4>
        {item.position}. {title}
      </h4>
      {item.kind !== 'PARTICIPANT_UPDATE' && item.body && <p>{item.body}</p>}
      {item.notes.length > 0 && (
        <>
          <p className="strong small">{t('meetings.minutes.notes')}</p>
          <ul>
            {item.notes.map((note) => (
              <li key={note.id}>
                <span className="strong">{authorName(note.author)}:</span> {note.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {item.perspectives.length > 0 && (
        <>
          <p className="strong small">{t('meetings.minutes.views')}</p>
          <div className="side-by-side">
            {item.perspectives.map((card) => (
              <div key={card.id} className="view">
                <p className="strong small">
                  {card.author.isParticipant
                    ? t('meetings.minutes.yourView')
                    : t('meetings.minutes.theirView', { name: card.author.displayName })}
                </p>
                <p>{card.text}</p>
              </div>
            ))}
          </div>
        </>
      )}
      {item.decisions.map((decision) => (
        <p key={decision.id}>
          <span className="strong">{t('meetings.minutes.decision')}</span> {decision.summary.replace(/[.!?]$/, '')}.{' '}
          {t(`meetings.decision.${decision.status}`)}
          {decision.answerNote && <> “{decision.answerNote}”</>}
        </p>
      ))}
      {item.actionItems.length > 0 && (
        <>
          <p className="strong small">{t('meetings.minutes.todo')}</p>
          <ul>
            {item.actionItems.map((action) => (
              <li key={action.id}>
                {action.text} (
                {action.forParticipant || !action.assignee || action.assignee.isParticipant
                  ? t('meetings.minutes.forYou')
                  : action.assignee.displayName}
                )
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function Amendments({ conference, targets }: { conference: Conference; targets: Map<string, string> }) {
  const { t } = useTranslation();
  const dates = useDates();
  const authorName = useAuthorName();
  if (conference.amendments.length === 0) return null;
  return (
    <>
      <h4>{t('meetings.amendments.title')}</h4>
      <ul className="list">
        {conference.amendments.map((amendment) => (
          <li key={amendment.id} className="amendment" data-testid="amendment">
            <p>{amendment.text}</p>
            {amendment.targetId && targets.has(amendment.targetId) && (
              <p className="small">{t('meetings.amendments.corrects', { what: targets.get(amendment.targetId) })}</p>
            )}
            <p className="small">{t('meetings.amendments.why', { reason: amendment.reason })}</p>
            <p className="muted small">
              {t('meetings.amendments.by', {
                name: authorName(amendment.author),
                when: dates.day(amendment.createdAt),
              })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** What the participant asked for, and the team's answer (or that it is still to come). */
function Requests({ conference, targets }: { conference: Conference; targets: Map<string, string> }) {
  const { t } = useTranslation();
  const dates = useDates();
  const authorName = useAuthorName();
  if (conference.responses.length === 0) return null;
  return (
    <>
      <h4>{t('meetings.requests.title')}</h4>
      <ul className="list">
        {conference.responses.map((response) => (
          <li key={response.id} className="request" data-testid="request">
            <p>
              <span className="strong">
                {response.kind === 'CORRECTION_REQUEST'
                  ? t('meetings.requests.correction')
                  : t('meetings.requests.feedback')}
              </span>{' '}
              {response.text}
            </p>
            {response.targetId && targets.has(response.targetId) && (
              <p className="small">{t('meetings.requests.about', { what: targets.get(response.targetId) })}</p>
            )}
            <p className="muted small">{t('meetings.requests.sent', { when: dates.day(response.createdAt) })}</p>
            <p className="small">
              {response.answer
                ? t('meetings.requests.answer', {
                    name: authorName(response.answeredBy),
                    answer: response.answer,
                  })
                : t('meetings.requests.waiting')}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Ask the team to correct the minutes; one idempotency key per request the participant means to send. */
function AskForCorrection({ conference, targets, onDone, onChanged }: MeetingProps & { targets: Map<string, string> }) {
  const { t } = useTranslation();
  const form = useQueuedForm(RespondToConferenceMutation);
  const [targetId, setTargetId] = useState('');
  const [text, setText] = useState('');
  const id = (name: string) => `${name}-${conference.id}`;

  const submit = form.handler(
    missingIfBlank(text, t('meetings.correct.missing')),
    (idempotencyKey) => ({
      input: {
        conferenceId: conference.id,
        kind: 'CORRECTION_REQUEST',
        text,
        targetId: targetId || null,
        idempotencyKey,
      },
    }),
    t('offline.changes.correction'),
    (queued) => {
      setText('');
      setTargetId('');
      if (!queued) onDone(t('meetings.correct.sent'));
      onChanged();
    },
  );

  return (
    <form className="block" onSubmit={submit} aria-labelledby={id('correct-title')}>
      <h4 id={id('correct-title')}>{t('meetings.correct.title')}</h4>
      <p className="muted small">{t('meetings.correct.intro')}</p>
      <label htmlFor={id('correct-about')}>{t('meetings.correct.about')}</label>
      <select id={id('correct-about')} value={targetId} onChange={(event) => setTargetId(event.target.value)}>
        <ChoiceOptions none={t('meetings.correct.whole')} choices={targets} />
      </select>
      <label htmlFor={id('correct-text')}>{t('meetings.correct.what')}</label>
      <textarea id={id('correct-text')} rows={4} value={text} onChange={(event) => setText(event.target.value)} />
      <FormSubmit form={form} label={t('meetings.correct.submit')} />
    </form>
  );
}
