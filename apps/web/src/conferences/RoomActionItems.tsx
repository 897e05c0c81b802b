import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddActionItemMutation } from '../graphql/documents';
import { FormSubmit, missingIfBlank } from '../ui/change-form';
import { ChoiceOptions, peopleChoices } from '../ui/ChoiceOptions';
import { useDates } from '../ui/dates';
import { activeGoals, authorOf, Field, useRoomForm, type Room, type RoomGoal, type RoomItem } from './room-parts';

/** A target date as a day, said plainly ("a target, never a deadline": rule 6 knows no "overdue"). */
function useTargetDay() {
  const dates = useDates();
  return (targetDate: string) => dates.day(`${targetDate}T12:00:00Z`, 'UTC');
}

/** What the room agreed someone will do: each is a step in the participant's plan. */
export function ActionItems({ item, participantName }: { item: RoomItem; participantName: string }) {
  const { t } = useTranslation();
  const day = useTargetDay();
  if (item.actionItems.length === 0) return null;
  return (
    <>
      <h4>{t('room.actions.title')}</h4>
      <ul className="notes" data-testid="action-items">
        {item.actionItems.map((action) => (
          <li key={action.id} data-testid="action-item">
            <span className="strong">{action.text}</span>{' '}
            <span className="small">
              {action.forParticipant || !action.assignee
                ? t('room.actions.who', { name: participantName })
                : t('room.actions.who', { name: authorOf(action.assignee, participantName) })}
              {action.targetDate && <> · {t('room.actions.target', { day: day(action.targetDate) })}</>} ·{' '}
              {t('room.actions.isStep', { name: participantName })}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * An action item for the current item: it becomes a step in the plan at once (for the
 * participant, or for a team member at this meeting), toward the item's goal unless another
 * is chosen, with an optional target date.
 */
export function AddActionItem({
  conference,
  item,
  goals,
  participantName,
  onChanged,
}: {
  conference: Room;
  item: RoomItem;
  goals: readonly RoomGoal[];
  participantName: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const form = useRoomForm(AddActionItemMutation);
  const [text, setText] = useState('');
  const [assignee, setAssignee] = useState('');
  const [goalId, setGoalId] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const [added, setAdded] = useState('');
  const id = `action-${item.id}`;
  const name = participantName;
  const team = conference.attendees.filter((person) => person.attendeeKind === 'TEAM_MEMBER' && !person.isParticipant);
  const choices = activeGoals(goals);
  const itemGoal = goals.find((goal) => goal.id === item.goalId);
  const submit = form.handler(
    missingIfBlank(text, t('room.actions.missing')),
    (idempotencyKey) => ({
      input: {
        agendaItemId: item.id,
        text,
        assigneeAccountId: assignee || null,
        goalId: goalId || null,
        targetDate: targetDate || null,
        idempotencyKey,
      },
    }),
    () => {
      const who = team.find((person) => person.accountId === assignee)?.displayName;
      setAdded(
        who
          ? t('room.actions.addedFor', { name, who, text: text.trim() })
          : t('room.actions.added', { name, text: text.trim() }),
      );
      setText('');
      setAssignee('');
      setGoalId('');
      setTargetDate('');
      onChanged();
    },
  );
  return (
    <details className="block">
      <summary>{t('room.actions.open')}</summary>
      <form onSubmit={submit} data-testid="add-action-item">
        <p className="muted small">{t('room.actions.intro', { name })}</p>
        <Field id={id} label={t('room.actions.text')}>
          <input id={id} value={text} onChange={(event) => setText(event.target.value)} />
        </Field>
        <Field id={`${id}-who`} label={t('room.actions.whoLabel')}>
          <select id={`${id}-who`} value={assignee} onChange={(event) => setAssignee(event.target.value)}>
            <ChoiceOptions none={name} choices={peopleChoices(team)} />
          </select>
        </Field>
        <Field id={`${id}-goal`} label={t('room.actions.goal')}>
          <select id={`${id}-goal`} value={goalId} onChange={(event) => setGoalId(event.target.value)}>
            <option value="">
              {itemGoal ? t('room.actions.itemGoal', { text: itemGoal.text }) : t('room.actions.noGoal')}
            </option>
            {choices
              .filter((goal) => goal.id !== itemGoal?.id)
              .map((goal) => (
                <option key={goal.id} value={goal.id}>
                  {goal.text}
                </option>
              ))}
          </select>
        </Field>
        <label htmlFor={`${id}-date`}>
          {t('room.actions.date')} <span className="hint">{t('room.actions.dateHint')}</span>
        </label>
        <input
          id={`${id}-date`}
          type="date"
          value={targetDate}
          onChange={(event) => setTargetDate(event.target.value)}
        />
        <FormSubmit form={form} label={t('room.actions.submit')} status={added} />
      </form>
    </details>
  );
}
