import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SensitivityLabel } from '@roundtable/contracts';
import {
  AddAgendaItemMutation,
  RecordParticipantUpdateMutation,
  SetNotWithoutParticipantMutation,
  SetParticipantAttendsMutation,
} from '../graphql/documents';
import { LabelSelect, LabelTag } from '../plan/labels';
import { MeetingHeader, useQueuedChange, useQueuedForm } from './parts';
import type { AgendaItem, MeetingProps } from './types';
import { FormError, FormSubmit, missingIfBlank, SaveOrCancel } from '../ui/change-form';

/** One meeting still to come: attending, the participant's update, the agenda and adding to it. */
export function UpcomingMeeting({ conference, onDone, onChanged }: MeetingProps) {
  const headingId = `meeting-${conference.id}`;
  const update = conference.agenda.find((item) => item.kind === 'PARTICIPANT_UPDATE');
  const topics = conference.agenda.filter((item) => item.kind !== 'PARTICIPANT_UPDATE');
  return (
    <article className="card meeting" aria-labelledby={headingId} data-testid="upcoming-meeting">
      <MeetingHeader conference={conference} headingId={headingId} />
      <Attendance conference={conference} onDone={onDone} onChanged={onChanged} />
      {update && <YourUpdate conference={conference} update={update} onDone={onDone} onChanged={onChanged} />}
      <Topics topics={topics} onDone={onDone} onChanged={onChanged} />
      <AddTopic conference={conference} onDone={onDone} onChanged={onChanged} />
    </article>
  );
}

/** Presence is the participant's to mark (rules 2, 3): staff can only invite. */
function Attendance({ conference, onDone, onChanged }: MeetingProps) {
  const { t } = useTranslation();
  const queued = useQueuedChange();
  const attends = conference.participantAttends;
  const legendId = `attend-${conference.id}`;

  const answer = async (next: boolean) => {
    if (next === attends) return;
    const outcome = await queued.change(
      SetParticipantAttendsMutation,
      { input: { conferenceId: conference.id, attends: next, expectedVersion: conference.version } },
      t('offline.changes.attendance'),
    );
    if (outcome === 'saved') onDone(next ? t('meetings.attend.savedYes') : t('meetings.attend.savedNo'));
    onChanged();
  };

  return (
    <div className="block" role="group" aria-labelledby={legendId}>
      <h4 id={legendId}>{t('meetings.attend.question')}</h4>
      {conference.participantInvited && !attends && <p className="small">{t('meetings.attend.invited')}</p>}
      <div className="row wrap">
        <button className={attends ? 'primary' : undefined} aria-pressed={attends} onClick={() => void answer(true)}>
          {t('meetings.attend.yes')}
        </button>
        <button className={attends ? undefined : 'primary'} aria-pressed={!attends} onClick={() => void answer(false)}>
          {t('meetings.attend.no')}
        </button>
      </div>
      <p className="small" data-testid="attendance">
        {attends ? t('meetings.attend.isYes') : t('meetings.attend.isNo')}
      </p>
      <FormError error={queued.error} />
    </div>
  );
}

/** Item 1 is always the participant's own update, in their words (rule 2). */
function YourUpdate({ conference, update, onDone, onChanged }: MeetingProps & { update: AgendaItem }) {
  const { t } = useTranslation();
  const queued = useQueuedChange();
  const [draft, setDraft] = useState<string | null>(null);
  const fieldId = `update-${conference.id}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    if (draft.trim() === '') return queued.setError(t('meetings.update.empty'));
    const outcome = await queued.change(
      RecordParticipantUpdateMutation,
      { input: { conferenceId: conference.id, text: draft, expectedVersion: update.version } },
      t('offline.changes.update'),
    );
    // A refused draft stays: nothing the participant typed is lost (they can save again).
    if (outcome !== 'refused') setDraft(null);
    if (outcome === 'saved') onDone(t('meetings.update.saved'));
    onChanged();
  };

  return (
    <div className="block">
      <h4>{t('meetings.update.title')}</h4>
      <p className="muted small">{t('meetings.update.hint')}</p>
      {draft === null ? (
        <>
          {update.body ? (
            <blockquote className="vision" data-testid="your-update">
              {update.body}
            </blockquote>
          ) : (
            <p className="muted">{t('meetings.update.none')}</p>
          )}
          {update.writtenWithParticipant && <p className="muted small">{t('meetings.update.writtenWith')}</p>}
          <button onClick={() => setDraft(update.body)}>
            {update.body ? t('meetings.update.change') : t('meetings.update.write')}
          </button>
        </>
      ) : (
        <form onSubmit={(event) => void save(event)}>
          <label htmlFor={fieldId}>{t('meetings.update.label')}</label>
          <textarea id={fieldId} rows={5} value={draft} onChange={(event) => setDraft(event.target.value)} />
          <FormError error={queued.error} />
          <SaveOrCancel
            save={t('meetings.update.save')}
            cancel={t('app.cancel')}
            onCancel={() => {
              setDraft(null);
              queued.setError('');
            }}
          />
        </form>
      )}
    </div>
  );
}

/** The topics, each with "not without me" (rule 2) and who will not see it on screen. */
function Topics({ topics, onDone, onChanged }: Omit<MeetingProps, 'conference'> & { topics: AgendaItem[] }) {
  const { t } = useTranslation();
  const queued = useQueuedChange();
  // What the participant just ticked shows at once; the saved state takes over when it arrives.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const shown = (item: AgendaItem) => ticked[item.id] ?? item.notWithoutParticipant;
  useEffect(() => {
    // Once saved (or changed elsewhere), the saved state is what shows.
    setTicked((current) => {
      const settled = topics.filter((item) => current[item.id] === item.notWithoutParticipant);
      if (settled.length === 0) return current;
      const next = { ...current };
      for (const item of settled) delete next[item.id];
      return next;
    });
  }, [topics]);

  const setNotWithoutMe = async (item: AgendaItem, notWithoutParticipant: boolean) => {
    setTicked((current) => ({ ...current, [item.id]: notWithoutParticipant }));
    const outcome = await queued.change(
      SetNotWithoutParticipantMutation,
      { input: { agendaItemId: item.id, expectedVersion: item.version, notWithoutParticipant } },
      t('offline.changes.notWithoutMe', { title: item.title }),
    );
    if (outcome === 'refused') setTicked(({ [item.id]: _dropped, ...rest }) => rest);
    if (outcome === 'saved')
      onDone(
        notWithoutParticipant
          ? t('meetings.topics.notWithoutMeOn', { title: item.title })
          : t('meetings.topics.notWithoutMeOff', { title: item.title }),
      );
    onChanged();
  };

  return (
    <div className="block">
      <h4>{t('meetings.topics.title')}</h4>
      <p className="muted small">{t('meetings.topics.first')}</p>
      {topics.length === 0 && <p className="muted">{t('meetings.topics.none')}</p>}
      <ol className="list topics">
        {topics.map((item) => (
          <li key={item.id} className="topic" data-testid="topic">
            <p className="strong" id={`topic-${item.id}`}>
              {item.title}
            </p>
            {item.body && <p>{item.body}</p>}
            <p className="muted small">
              {item.addedBy.isParticipant
                ? t('meetings.topics.addedByYou')
                : t('meetings.topics.addedBy', { name: item.addedBy.displayName })}
              <LabelTag label={item.label} />
            </p>
            {item.hiddenFrom.length > 0 && (
              <p className="small">
                {t('meetings.topics.hiddenFrom', {
                  names: item.hiddenFrom.map((person) => person.displayName).join(', '),
                })}
              </p>
            )}
            <div className="check">
              <input
                id={`nwm-${item.id}`}
                type="checkbox"
                // Which topic it is about, for a screen reader moving from box to box.
                aria-describedby={`topic-${item.id}`}
                checked={shown(item)}
                onChange={(event) => void setNotWithoutMe(item, event.target.checked)}
              />
              <label htmlFor={`nwm-${item.id}`}>{t('meetings.topics.notWithoutMe')}</label>
            </div>
          </li>
        ))}
      </ol>
      <FormError error={queued.error} />
    </div>
  );
}

/** The participant adds their own topics (rule 2); one idempotency key per topic they mean to add. */
function AddTopic({ conference, onDone, onChanged }: MeetingProps) {
  const { t } = useTranslation();
  const form = useQueuedForm(AddAgendaItemMutation);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [label, setLabel] = useState<SensitivityLabel>(SensitivityLabel.GENERAL);
  const [notWithoutMe, setNotWithoutMe] = useState(false);
  const id = (name: string) => `${name}-${conference.id}`;

  // The same key on a retry (or from the offline queue) adds the topic once.
  const submit = form.handler(
    missingIfBlank(title, t('meetings.add.missing')),
    (idempotencyKey) => ({
      input: { conferenceId: conference.id, title, body, label, notWithoutParticipant: notWithoutMe, idempotencyKey },
    }),
    t('offline.changes.topic', { title }),
    (queued) => {
      if (!queued) onDone(t('meetings.add.saved', { title: title.trim() }));
      setTitle('');
      setBody('');
      setLabel(SensitivityLabel.GENERAL);
      setNotWithoutMe(false);
      onChanged();
    },
  );

  return (
    <form className="block" onSubmit={submit} aria-labelledby={id('add-title')}>
      <h4 id={id('add-title')}>{t('meetings.add.title')}</h4>
      <label htmlFor={id('topic')}>{t('meetings.add.what')}</label>
      <input id={id('topic')} value={title} onChange={(event) => setTitle(event.target.value)} />
      <label htmlFor={id('details')}>
        {t('meetings.add.details')} <span className="hint">{t('meetings.add.detailsHint')}</span>
      </label>
      <textarea id={id('details')} rows={3} value={body} onChange={(event) => setBody(event.target.value)} />
      <label htmlFor={id('label')}>
        {t('meetings.add.who')} <span className="hint">{t('meetings.add.whoHint')}</span>
      </label>
      <LabelSelect id={id('label')} value={label} onChange={setLabel} />
      <div className="check">
        <input
          id={id('nwm-new')}
          type="checkbox"
          checked={notWithoutMe}
          onChange={(event) => setNotWithoutMe(event.target.checked)}
        />
        <label htmlFor={id('nwm-new')}>{t('meetings.topics.notWithoutMe')}</label>
      </div>
      <FormSubmit form={form} label={t('meetings.add.submit')} />
    </form>
  );
}
