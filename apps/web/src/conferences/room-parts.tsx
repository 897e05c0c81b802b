import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnyVariables, OperationResult, TypedDocumentNode } from 'urql';
import type { ConferenceRoomQuery, RoomParticipantQuery } from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { useMutationForm, useFailureMessage } from '../ui/change-form';

export type Room = ResultOf<typeof ConferenceRoomQuery>['conference'];
export type RoomItem = Room['agenda'][number];
export type RoomDecision = RoomItem['decisions'][number];
export type RoomGoal = ResultOf<typeof RoomParticipantQuery>['plan']['goals'][number];
export type T = ReturnType<typeof useTranslation>['t'];

/** What a refused change in the room tells staff; a stale version means the room moved on. */
export function useRoomFailure() {
  const { t } = useTranslation();
  return useFailureMessage(t('room.conflict'));
}

/**
 * A live move in the room (start, next item, go to an item, move a topic): sent now or not at
 * all, never queued offline, since a move sent later would take the room somewhere nobody is
 * any more. A second press while one is on its way is ignored (the button stays focusable:
 * `disabled` would drop keyboard focus); a refusal is said in the room's words; the room is
 * refetched either way. `onSent` runs only when the move was taken.
 */
export function useLiveMove(onChanged: () => void) {
  const failure = useRoomFailure();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (request: () => Promise<OperationResult>, onSent?: () => void) => {
    if (busy) return;
    setBusy(true);
    setError('');
    const result = await request();
    setBusy(false);
    if (result.error) setError(failure(result.error));
    else onSent?.();
    onChanged();
  };
  return { error, busy, send };
}

/** One way every form in the room sends its mutation (ui/change-form), with the room's word for a stale version. */
export function useRoomForm<Data, Variables extends AnyVariables>(mutation: TypedDocumentNode<Data, Variables>) {
  const { t } = useTranslation();
  return useMutationForm(mutation, t('room.conflict'));
}

/** What a form about the whole meeting is given: the meeting, whose plan it is, and how to refetch. */
export interface MeetingFormProps {
  conference: Room;
  participantName: string;
  onChanged: () => void;
}

/** What every form on one agenda item is given: the item, whose plan it is, and how to refetch. */
export interface ItemFormProps {
  item: RoomItem;
  participantName: string;
  onChanged: () => void;
}

export function itemTitle(item: { kind: string; title: string }, participantName: string, t: T): string {
  return item.kind === 'PARTICIPANT_UPDATE' ? t('room.updateTitle', { name: participantName }) : item.title;
}

export function authorOf(author: { displayName: string; isParticipant: boolean }, participantName: string): string {
  return author.isParticipant ? participantName : author.displayName;
}

/** Goals an action item or a decision may point at: the participant's own active ones. */
export function activeGoals(goals: readonly RoomGoal[]): RoomGoal[] {
  return goals.filter((goal) => goal.lifecycle === 'ACTIVE' && !goal.declined && !goal.awaitingConfirmation);
}

export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {children}
    </>
  );
}
