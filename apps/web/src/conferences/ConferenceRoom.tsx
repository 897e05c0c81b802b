import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import type { PresenceMessage } from '@roundtable/contracts';
import { errorCodeOf } from '../auth/sign-in';
import { getSession } from '../auth/session';
import {
  AddConferenceNoteMutation,
  AdvanceConferenceMutation,
  AmendMinutesMutation,
  CloseConferenceMutation,
  ConferenceRoomQuery,
  NameCoFacilitatorMutation,
  RecordPerspectiveMutation,
  RoomParticipantQuery,
  StartConferenceMutation,
} from '../graphql/documents';
import { newIdempotencyKey } from '../live/outbox';
import { usePlanRoom } from '../live/plan-room';
import { LabelTag } from '../plan/labels';
import { useDates } from '../ui/dates';
import { Link } from '../ui/Link';
import { PrintHeading } from '../ui/PrintHeading';
import { FormError, FormSubmit, missingIfBlank } from '../ui/change-form';
import { ChoiceOptions, peopleChoices } from '../ui/ChoiceOptions';
import { Amendments, targetsOf } from './PastMeeting';
import {
  authorOf,
  Field,
  itemTitle,
  useLiveMove,
  useRoomForm,
  type ItemFormProps,
  type MeetingFormProps,
  type Room,
  type RoomGoal,
  type RoomItem,
} from './room-parts';
import { ActionItems, AddActionItem } from './RoomActionItems';
import { AddTopicInRoom, MoveItem, type MadeMove } from './RoomAgenda';
import { Decisions, ProposeDecision } from './RoomDecisions';
import { LookingAt, RoomPresence } from './RoomPresence';
import { LabelAndHint } from '../ui/LabelAndHint';

/**
 * The conference room for staff, live. It is the participant's plan room (schema/realtime.md
 * "Care conferences: the live room"): every agenda move, note, card and decision arrives as a
 * plan event under the label of what it reveals, and each one refetches the conference. The
 * API filters the conference per viewer, so an item whose label someone may not see never
 * reaches their screen (PRODUCT.md rule 4); while the room is on such an item their screen
 * stays on the last item they could see, as the API's null currentItemId implies.
 */
export function ConferenceRoomScreen({ conferenceId }: { conferenceId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [{ data, error }, refetch] = useQuery({
    query: ConferenceRoomQuery,
    variables: { id: conferenceId },
    requestPolicy: 'cache-and-network',
  });
  const conference = data?.conference;
  const participantId = conference?.participantId ?? null;
  const [about, refetchAbout] = useQuery({
    query: RoomParticipantQuery,
    variables: { id: participantId ?? '' },
    pause: !participantId,
  });
  // Every change in the plan room refetches the room, and the goals and team beside it (a
  // decision may add a goal; the plan room hands over only the last of a burst of events).
  const reload = useCallback(() => {
    refetch({ requestPolicy: 'network-only' });
    refetchAbout({ requestPolicy: 'network-only' });
  }, [refetch, refetchAbout]);
  const room = usePlanRoom(participantId, { onChange: reload, onWaitingChanged: () => undefined });
  const participantName = about.data?.participant.preferredName ?? t('room.theParticipant');
  const goals = about.data?.plan.goals ?? [];
  // A move this screen made, so focus can follow the moved item (RoomAgenda).
  const [made, setMade] = useState<MadeMove | null>(null);

  // The last item this screen could see the room on (see above).
  const [lastSeen, setLastSeen] = useState<string | null>(null);
  useEffect(() => {
    if (!conference) return;
    if (conference.status !== 'IN_PROGRESS') setLastSeen(null);
    else if (conference.currentItemId) setLastSeen(conference.currentItemId);
  }, [conference]);
  // On close the controls leave the page: focus that was on them moves to the "closed" note.
  const status = conference?.status;
  const previousStatus = useRef(status);
  useEffect(() => {
    const closedNow = previousStatus.current === 'IN_PROGRESS' && status === 'CLOSED';
    previousStatus.current = status;
    if (closedNow && (!document.activeElement || document.activeElement === document.body)) {
      document.getElementById('minutes-locked')?.focus();
    }
  }, [status]);
  const currentId = conference?.status === 'IN_PROGRESS' ? (conference.currentItemId ?? lastSeen) : null;
  const current = conference?.agenda.find((item) => item.id === currentId) ?? null;

  // Which item this screen is on, for the others in the room (issue 17): the item the person
  // last went into (a tap anywhere on it, or focus on anything in it), else the one the room is
  // on. When the room moves on, the screen follows it again. The server tells each person only
  // of items they may see (PRODUCT.md rules 10, 11); a closed meeting has nobody on anything.
  const [openedItem, setOpenedItem] = useState<string | null>(null);
  const goInto = (target: EventTarget) => {
    const id = target instanceof Element ? target.closest('[data-item-id]')?.getAttribute('data-item-id') : null;
    if (id) setOpenedItem(id);
  };
  useEffect(() => setOpenedItem(null), [currentId]);
  const opened = conference?.agenda.some((item) => item.id === openedItem) ? openedItem : null;
  const viewingId = conference && conference.status !== 'CLOSED' ? (opened ?? currentId) : null;
  const { setViewing } = room;
  useEffect(() => setViewing(viewingId), [setViewing, viewingId]);

  if (error && !data) {
    return (
      <div>
        <h1 tabIndex={-1}>{t('room.title')}</h1>
        <p role="alert" className="error">
          {errorCodeOf(error) === 'NOT_FOUND' || errorCodeOf(error) === 'FORBIDDEN'
            ? t('room.notFound')
            : t('app.loadFailed')}
        </p>
        <Link href="/">{t('room.backHome')}</Link>
      </div>
    );
  }
  if (!conference) return <p aria-busy="true">{t('app.loading')}</p>;

  const me = getSession()?.account.id;
  const isFacilitator = conference.facilitator.accountId === me;
  // Issue 17: the facilitator and the co-facilitator they named run the room (the API refuses anyone else).
  const coFacilitator = conference.coFacilitator;
  const runsRoom = isFacilitator || coFacilitator?.accountId === me;
  // The API lets staff on the care team (not only who runs the room) add to and reorder the
  // agenda, add action items and record the participant's answer with them.
  const onTeam = Boolean(about.data?.participant.careTeam.some((member) => member.accountId === me));
  const open = conference.status !== 'CLOSED';
  return (
    <div className="room">
      <PrintHeading name={participantName} />
      <p className="small no-print">
        <Link href={`/people/${conference.participantId}`}>{t('room.backToPlan', { name: participantName })}</Link>
      </p>
      <h1 tabIndex={-1}>{t('room.heading', { title: conference.title, name: participantName })}</h1>
      <p className="strong when" data-testid="room-when">
        {dates.meeting(conference.scheduledFor, conference.timeZone)}
      </p>
      <p className="small">{t('room.facilitator', { name: conference.facilitator.displayName })}</p>
      {coFacilitator && (
        <p className="small" data-testid="co-facilitator">
          {t('room.coFacilitator', { name: coFacilitator.displayName })}
        </p>
      )}
      <p className="small">
        {conference.participantAttends
          ? t('room.participantComes', { name: participantName })
          : t('room.participantAway', { name: participantName })}
      </p>
      <p className="small" data-testid="room-status">
        <span className={`tag status-${conference.status.toLowerCase()}`}>{t(`room.status.${conference.status}`)}</span>{' '}
        {!room.connected && open && <span className="muted">{t('room.reconnecting')}</span>}
      </p>
      {open && <RoomPresence people={room.others} participantName={participantName} />}
      {/* Where the room is, near the top on a phone; a screen reader hears each move without losing focus. */}
      <p className="now-line" role="status" data-testid="now-line">
        {current && (
          <a href={`#item-${current.id}`}>
            {t('room.nowOn', { position: current.position, title: itemTitle(current, participantName, t) })}
          </a>
        )}
      </p>
      {runsRoom && open && <RoomControls conference={conference} onChanged={reload} />}
      {isFacilitator && open && <CoFacilitatorChoice conference={conference} onChanged={reload} />}
      {!runsRoom && open && (
        <p className="muted small">
          {coFacilitator
            ? t('room.runByBoth', { name: conference.facilitator.displayName, co: coFacilitator.displayName })
            : t('room.runBy', { name: conference.facilitator.displayName })}
        </p>
      )}
      {runsRoom && conference.warnings.length > 0 && (
        <section className="banner warn" aria-labelledby="room-warnings" data-testid="room-warnings">
          <h2 id="room-warnings">{t('room.warningsTitle')}</h2>
          <ul>
            {conference.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </section>
      )}
      {!open && (
        <p className="banner calm" id="minutes-locked" tabIndex={-1} data-testid="minutes-locked">
          {t('room.closedNote')}
        </p>
      )}
      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('room.agenda')}</h2>
        <ol
          className="list agenda"
          onFocus={(event) => goInto(event.target)}
          onPointerDown={(event) => goInto(event.target)}
        >
          {conference.agenda.map((item) => (
            <AgendaEntry
              key={item.id}
              conference={conference}
              item={item}
              current={item.id === currentId}
              participantName={participantName}
              onItem={open ? room.others.filter((person) => person.viewingItemId === item.id) : []}
              canMove={runsRoom}
              onTeam={onTeam}
              goals={goals}
              made={made}
              onMoved={setMade}
              onChanged={reload}
            />
          ))}
        </ol>
        {onTeam && open && (
          <AddTopicInRoom conference={conference} participantName={participantName} onChanged={reload} />
        )}
      </section>
      {!open && <ClosedMinutes conference={conference} participantName={participantName} onChanged={reload} />}
    </div>
  );
}

/** Start, next item, close: one idempotency key per press, the version read, the API's refusal shown. */
function RoomControls({ conference, onChanged }: { conference: Room; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const live = useLiveMove(onChanged);
  const busy = live.busy;
  // The pressed button goes away (Start becomes Next item): keep keyboard users in place.
  const [justStarted, setJustStarted] = useState(false);
  // Closing makes the minutes final: it asks once more.
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (justStarted && conference.status === 'IN_PROGRESS') {
      nextRef.current?.focus();
      setJustStarted(false);
    }
  }, [justStarted, conference.status]);

  const step = (which: 'start' | 'next' | 'close') =>
    live.send(
      () => {
        setConfirming(false);
        const input = {
          conferenceId: conference.id,
          expectedVersion: conference.version,
          idempotencyKey: newIdempotencyKey(),
        };
        return which === 'start'
          ? client.mutation(StartConferenceMutation, { input }).toPromise()
          : which === 'next'
            ? client.mutation(AdvanceConferenceMutation, { input }).toPromise()
            : client.mutation(CloseConferenceMutation, { input }).toPromise();
      },
      () => {
        if (which === 'start') setJustStarted(true);
      },
    );

  return (
    <div className="block room-controls" role="group" aria-labelledby="room-controls-title" data-testid="room-controls">
      <h2 id="room-controls-title">{t('room.controls')}</h2>
      <div className="row wrap">
        {conference.status === 'SCHEDULED' && (
          <button className="primary" aria-disabled={busy} onClick={() => void step('start')}>
            {t('room.start')}
          </button>
        )}
        {conference.status === 'IN_PROGRESS' && (
          <>
            <button ref={nextRef} className="primary" aria-disabled={busy} onClick={() => void step('next')}>
              {t('room.next')}
            </button>
            <button aria-expanded={confirming} onClick={() => setConfirming(true)}>
              {t('room.close')}
            </button>
          </>
        )}
      </div>
      {confirming && conference.status === 'IN_PROGRESS' && (
        <div className="conflict" data-testid="confirm-close">
          <p>{t('room.closeConfirm')}</p>
          <div className="row wrap">
            <button ref={confirmRef} className="primary" aria-disabled={busy} onClick={() => void step('close')}>
              {t('room.closeYes')}
            </button>
            <button onClick={() => setConfirming(false)}>{t('room.closeNo')}</button>
          </div>
        </div>
      )}
      <FormError error={live.error} />
    </div>
  );
}

function AgendaEntry({
  conference,
  item,
  current,
  participantName,
  onItem,
  canMove,
  onTeam,
  goals,
  made,
  onMoved,
  onChanged,
}: {
  conference: Room;
  item: RoomItem;
  current: boolean;
  participantName: string;
  /** The others whose screens are on this item (only those the server lets this viewer see). */
  onItem: PresenceMessage['people'];
  /** Whoever runs the room: they move the room from item to item. */
  canMove: boolean;
  /** Staff on the care team: they add to and reorder the agenda, and add action items. */
  onTeam: boolean;
  goals: readonly RoomGoal[];
  made: MadeMove | null;
  onMoved: (move: MadeMove | null) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const titleId = `item-${item.id}`;
  const isUpdate = item.kind === 'PARTICIPANT_UPDATE';
  const live = conference.status === 'IN_PROGRESS' && current;
  const open = conference.status !== 'CLOSED';
  return (
    <li
      className={`card agenda-item${current ? ' current' : ''}`}
      aria-current={current ? 'step' : undefined}
      aria-labelledby={titleId}
      data-testid="agenda-item"
      data-item-id={item.id}
      data-current={current ? 'true' : 'false'}
    >
      <h3 id={titleId}>
        <span className="rank">{item.position}</span> {itemTitle(item, participantName, t)}
        {current && <span className="tag now">{t('room.now')}</span>}
      </h3>
      <p className="small">
        <LabelTag label={item.label} />
      </p>
      <LookingAt people={onItem} participantName={participantName} />
      {isUpdate ? (
        <>
          {!conference.participantAttends && (
            <p className="muted small">{t('room.collectedBeforehand', { name: participantName })}</p>
          )}
          {item.body ? (
            <blockquote className="vision">{item.body}</blockquote>
          ) : (
            <p className="muted">{t('room.noUpdate', { name: participantName })}</p>
          )}
        </>
      ) : (
        item.body && <p>{item.body}</p>
      )}
      {item.notWithoutParticipant && (
        <p className="small">
          {conference.participantAttends
            ? t('room.notWithout', { name: participantName })
            : t('room.notWithoutSkipped', { name: participantName })}
        </p>
      )}
      {item.hiddenFrom.length > 0 && (
        <p className="small hidden-from" data-testid="hidden-from">
          {t('room.hiddenFrom', { names: item.hiddenFrom.map((person) => person.displayName).join(', ') })}
        </p>
      )}
      {onTeam && open && (
        <MoveItem conference={conference} item={item} made={made} onMoved={onMoved} onChanged={onChanged} />
      )}
      <Notes item={item} participantName={participantName} />
      {/* Never offered where the API would refuse: a "not without me" topic while they are away. */}
      {canMove &&
        conference.status === 'IN_PROGRESS' &&
        !current &&
        !(item.notWithoutParticipant && !conference.participantAttends) && (
          <GoToItem conference={conference} item={item} onChanged={onChanged} />
        )}
      {live && <AddNote item={item} participantName={participantName} onChanged={onChanged} />}
      <Perspectives item={item} participantName={participantName} />
      {live && <MyPerspective item={item} onChanged={onChanged} />}
      <Decisions
        item={item}
        participantName={participantName}
        answerable={onTeam && conference.status === 'IN_PROGRESS'}
        onChanged={onChanged}
      />
      {live && <ProposeDecision item={item} participantName={participantName} onChanged={onChanged} />}
      <ActionItems item={item} participantName={participantName} />
      {live && onTeam && (
        <AddActionItem
          conference={conference}
          item={item}
          goals={goals}
          participantName={participantName}
          onChanged={onChanged}
        />
      )}
    </li>
  );
}

/**
 * The facilitator names a co-facilitator from the team members at this meeting (or nobody):
 * they may then start, move and close the room too. Sent once with the form's key; the API
 * refuses anyone not on the team or not attending, and anyone but the facilitator sending it.
 */
function CoFacilitatorChoice({ conference, onChanged }: { conference: Room; onChanged: () => void }) {
  const { t } = useTranslation();
  const form = useRoomForm(NameCoFacilitatorMutation);
  const current = conference.coFacilitator?.accountId ?? '';
  const [choice, setChoice] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const value = choice ?? current;
  const candidates = conference.attendees.filter(
    (person) =>
      person.attendeeKind === 'TEAM_MEMBER' &&
      !person.isParticipant &&
      person.accountId !== conference.facilitator.accountId,
  );
  if (candidates.length === 0 && !current) return null;
  const chosen = candidates.find((person) => person.accountId === value);
  const submit = form.handler(
    value === current ? t('room.coFacilitatorUnchanged') : null,
    (idempotencyKey) => ({ input: { conferenceId: conference.id, accountId: value || null, idempotencyKey } }),
    () => {
      setChoice(null);
      setDone(chosen ? t('room.coFacilitatorSaved', { name: chosen.displayName }) : t('room.coFacilitatorCleared'));
      onChanged();
    },
  );
  return (
    <form className="block" data-testid="co-facilitator-form" onSubmit={submit}>
      <LabelAndHint id="co-facilitator" label={t('room.coFacilitatorLabel')} hint={t('room.coFacilitatorHint')} />
      <select
        id="co-facilitator"
        aria-describedby="co-facilitator-hint"
        value={value}
        onChange={(event) => {
          setDone('');
          setChoice(event.target.value);
        }}
      >
        <ChoiceOptions none={t('room.coFacilitatorNobody')} choices={peopleChoices(candidates)} />
      </select>
      <FormSubmit form={form} label={t('room.coFacilitatorSave')} status={done} primary={false} />
    </form>
  );
}

/** Whoever runs the room jumps to an item (back to one, or ahead); a refusal (e.g. a race) is shown as the API says it. */
function GoToItem({ conference, item, onChanged }: { conference: Room; item: RoomItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const live = useLiveMove(onChanged);
  const go = () =>
    live.send(() =>
      client
        .mutation(AdvanceConferenceMutation, {
          input: {
            conferenceId: conference.id,
            expectedVersion: conference.version,
            toItemId: item.id,
            idempotencyKey: newIdempotencyKey(),
          },
        })
        .toPromise(),
    );
  return (
    <>
      <button aria-disabled={live.busy} aria-describedby={`item-${item.id}`} onClick={() => void go()}>
        {t('room.goTo')}
      </button>
      <FormError error={live.error} />
    </>
  );
}

function Notes({ item, participantName }: { item: RoomItem; participantName: string }) {
  const { t } = useTranslation();
  if (item.notes.length === 0) return null;
  return (
    <>
      <h4>{t('room.notes')}</h4>
      <ul className="notes" data-testid="notes">
        {item.notes.map((note) => (
          <li key={note.id}>
            <span className="strong">{authorOf(note.author, participantName)}:</span> {note.text}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Each person's view on its own card, side by side: disagreement stays visible, nothing merges them. */
function Perspectives({ item, participantName }: { item: RoomItem; participantName: string }) {
  const { t } = useTranslation();
  if (item.perspectives.length === 0) return null;
  return (
    <>
      <h4>{t('room.views')}</h4>
      <p className="muted small">{t('room.viewsHint')}</p>
      <div className="side-by-side" data-testid="perspectives">
        {item.perspectives.map((card) => (
          <div key={card.id} className="view" data-testid="perspective">
            <p className="strong small">
              {card.author.isParticipant
                ? t('room.participantView', { name: participantName })
                : t('room.theirView', { name: card.author.displayName })}
              {card.discipline && <span className="muted"> · {t(`disciplines.${card.discipline}`)}</span>}
            </p>
            <p>{card.text}</p>
          </div>
        ))}
      </div>
    </>
  );
}

/** A note on the current item, sent once with the form's key; the participant reads every note (rule 2). */
function AddNote({ item, participantName, onChanged }: ItemFormProps) {
  const { t } = useTranslation();
  const form = useRoomForm(AddConferenceNoteMutation);
  const [text, setText] = useState('');
  const fieldId = `note-${item.id}`;
  const submit = form.handler(
    missingIfBlank(text, t('room.noteMissing')),
    (idempotencyKey) => ({ input: { agendaItemId: item.id, text, idempotencyKey } }),
    () => {
      setText('');
      onChanged();
    },
  );
  return (
    <form className="block" onSubmit={submit}>
      <LabelAndHint id={fieldId} label={t('room.addNote')} hint={t('room.noteHint', { name: participantName })} />
      <textarea
        id={fieldId}
        rows={3}
        value={text}
        aria-describedby={`${fieldId}-hint`}
        onChange={(event) => setText(event.target.value)}
      />
      <FormSubmit form={form} label={t('room.saveNote')} />
    </form>
  );
}

/** The viewer's own card on this item: written fresh, or changed at the version they read. */
function MyPerspective({ item, onChanged }: { item: RoomItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const form = useRoomForm(RecordPerspectiveMutation);
  const me = getSession()?.account.id;
  const mine = item.perspectives.find((card) => card.author.accountId === me);
  const [text, setText] = useState<string | null>(null);
  const fieldId = `view-${item.id}`;
  const value = text ?? mine?.text ?? '';
  const submit = form.handler(
    missingIfBlank(value, t('room.viewMissing')),
    (idempotencyKey) => ({
      input: { agendaItemId: item.id, text: value, expectedVersion: mine?.version ?? null, idempotencyKey },
    }),
    () => {
      setText(null);
      onChanged();
    },
  );
  return (
    <form className="block" onSubmit={submit}>
      <label htmlFor={fieldId}>{mine ? t('room.changeMyView') : t('room.myView')}</label>
      <textarea id={fieldId} rows={3} value={value} onChange={(event) => setText(event.target.value)} />
      <FormSubmit form={form} label={t('room.saveView')} />
    </form>
  );
}

/** Closed minutes are read-only: corrections are appended amendments, the original stays. */
function ClosedMinutes({ conference, participantName, onChanged }: MeetingFormProps) {
  const { t } = useTranslation();
  const form = useRoomForm(AmendMinutesMutation);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [targetId, setTargetId] = useState('');
  const [done, setDone] = useState('');
  const name = (author: { displayName: string; isParticipant: boolean } | null | undefined) =>
    author ? authorOf(author, participantName) : participantName;
  const targets = targetsOf(conference, (item) => itemTitle(item, participantName, t), name);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const missing = text.trim() === '' || reason.trim() === '';
  const send = form.handler(
    missing ? t('room.amendMissing') : null,
    (idempotencyKey) => ({
      input: { conferenceId: conference.id, text, reason, targetId: targetId || null, idempotencyKey },
    }),
    () => {
      setText('');
      setReason('');
      setTargetId('');
      setDone(t('room.amendSaved'));
      onChanged();
    },
  );
  const submit = (event: FormEvent) => {
    if (missing && !form.busy) textRef.current?.focus();
    send(event);
  };

  return (
    <section aria-labelledby="amend-title">
      <div data-testid="amendments">
        <Amendments conference={conference} targets={targets} />
      </div>
      <form className="block" onSubmit={submit}>
        <h2 id="amend-title">{t('room.amendTitle')}</h2>
        <p className="muted small">{t('room.amendHint')}</p>
        <Field id="amend-about" label={t('room.amendAbout')}>
          <select id="amend-about" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
            <ChoiceOptions none={t('room.amendWhole')} choices={targets} />
          </select>
        </Field>
        <Field id="amend-text" label={t('room.amendText')}>
          <textarea
            id="amend-text"
            ref={textRef}
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </Field>
        <Field id="amend-reason" label={t('room.amendReason')}>
          <input id="amend-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <FormSubmit form={form} label={t('room.amendSubmit')} status={done} />
      </form>
    </section>
  );
}
