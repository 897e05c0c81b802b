import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { SensitivityLabel } from '@roundtable/contracts';
import { AddAgendaItemMutation, MoveAgendaItemMutation } from '../graphql/documents';
import { newIdempotencyKey } from '../live/outbox';
import { LabelSelect } from '../plan/labels';
import { FormError, FormSubmit, missingIfBlank } from '../ui/change-form';
import { Field, useLiveMove, useRoomForm, type MeetingFormProps, type Room, type RoomItem } from './room-parts';

type Direction = 'up' | 'down';

/**
 * Where an item may move among the items this viewer sees, as `afterItemId` (null: straight
 * after the participant's update). The update is item 1 and never moves, and nothing goes
 * above it (rule 2): the API refuses both, so neither is offered.
 */
export function movesOf(agenda: readonly RoomItem[], item: RoomItem): Partial<Record<Direction, string | null>> {
  if (item.kind === 'PARTICIPANT_UPDATE') return {};
  const index = agenda.findIndex((other) => other.id === item.id);
  const above = agenda[index - 1];
  const below = agenda[index + 1];
  const moves: Partial<Record<Direction, string | null>> = {};
  if (above && above.kind !== 'PARTICIPANT_UPDATE') {
    const twoAbove = agenda[index - 2];
    moves.up = twoAbove && twoAbove.kind !== 'PARTICIPANT_UPDATE' ? twoAbove.id : null;
  }
  if (below) moves.down = below.id;
  return moves;
}

/** A move just made: once the room shows the item elsewhere, focus goes back to its buttons. */
export interface MadeMove {
  itemId: string;
  direction: Direction;
  fromPosition: number;
}

/**
 * Up and down buttons for one topic, described by the topic's title for a screen reader. A
 * moved item's buttons can leave the page for a moment as the list reorders: focus follows
 * the topic to its new place (the same button, or the other one when it reached the end).
 */
export function MoveItem({
  conference,
  item,
  made,
  onMoved,
  onChanged,
}: {
  conference: Room;
  item: RoomItem;
  /** The move this screen just made, if any. */
  made: MadeMove | null;
  onMoved: (move: MadeMove | null) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const live = useLiveMove(onChanged);
  const moves = movesOf(conference.agenda, item);
  const arrived = made?.itemId === item.id && made.fromPosition !== item.position ? made.direction : null;
  useEffect(() => {
    if (!arrived) return;
    const other = arrived === 'up' ? 'down' : 'up';
    (
      document.getElementById(`move-${arrived}-${item.id}`) ?? document.getElementById(`move-${other}-${item.id}`)
    )?.focus();
    onMoved(null);
  }, [arrived, item.id, onMoved]);
  if (Object.keys(moves).length === 0) return null;
  const move = (direction: Direction) =>
    live.send(
      () =>
        client
          .mutation(MoveAgendaItemMutation, {
            input: {
              agendaItemId: item.id,
              afterItemId: moves[direction] ?? null,
              expectedVersion: item.version,
              idempotencyKey: newIdempotencyKey(),
            },
          })
          .toPromise(),
      () => onMoved({ itemId: item.id, direction, fromPosition: item.position }),
    );
  return (
    <>
      <div className="row wrap tight" role="group" aria-label={t('room.agendaMove.group', { title: item.title })}>
        {(['up', 'down'] as const).map(
          (direction) =>
            moves[direction] !== undefined && (
              <button
                key={direction}
                id={`move-${direction}-${item.id}`}
                aria-disabled={live.busy}
                aria-describedby={`item-${item.id}`}
                onClick={() => void move(direction)}
              >
                {t(`room.agendaMove.${direction}`)}
              </button>
            ),
        )}
      </div>
      <FormError error={live.error} />
    </>
  );
}

/** Staff on the team add a topic to the agenda, before or during the meeting. */
export function AddTopicInRoom({ conference, participantName, onChanged }: MeetingFormProps) {
  const { t } = useTranslation();
  const form = useRoomForm(AddAgendaItemMutation);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [label, setLabel] = useState<SensitivityLabel>(SensitivityLabel.GENERAL);
  const [added, setAdded] = useState('');
  const submit = form.handler(
    missingIfBlank(title, t('room.agendaAdd.missing')),
    (idempotencyKey) => ({ input: { conferenceId: conference.id, title, body, label, idempotencyKey } }),
    () => {
      setAdded(t('room.agendaAdd.saved', { title: title.trim() }));
      setTitle('');
      setBody('');
      setLabel(SensitivityLabel.GENERAL);
      onChanged();
    },
  );
  return (
    <details className="card">
      <summary>{t('room.agendaAdd.open')}</summary>
      <form onSubmit={submit} data-testid="add-topic">
        <p className="muted small">{t('room.agendaAdd.intro', { name: participantName })}</p>
        <Field id="room-topic" label={t('room.agendaAdd.what')}>
          <input id="room-topic" value={title} onChange={(event) => setTitle(event.target.value)} />
        </Field>
        <label htmlFor="room-topic-details">
          {t('room.agendaAdd.details')} <span className="hint">{t('room.agendaAdd.detailsHint')}</span>
        </label>
        <textarea id="room-topic-details" rows={2} value={body} onChange={(event) => setBody(event.target.value)} />
        <Field id="room-topic-label" label={t('hints.whoSees')}>
          <LabelSelect id="room-topic-label" value={label} onChange={setLabel} />
        </Field>
        <FormSubmit form={form} label={t('room.agendaAdd.submit')} status={added} />
      </form>
    </details>
  );
}
