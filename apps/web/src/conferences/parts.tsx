import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type CombinedError, type TypedDocumentNode } from 'urql';
import { errorCodeOf } from '../auth/sign-in';
import { newIdempotencyKey, send } from '../live/outbox';
import { useDates } from '../ui/dates';
import type { Author, Conference } from './types';

/** "You" for the participant's own words, the person's name for everyone else's. */
export function useAuthorName() {
  const { t } = useTranslation();
  return (author: Author | null | undefined) =>
    !author ? t('meetings.you') : author.isParticipant ? t('meetings.you') : author.displayName;
}

/** What a failed change tells the participant, in plain words. */
export function useFailure() {
  const { t } = useTranslation();
  return (error: CombinedError | undefined) =>
    errorCodeOf(error) === 'CONFLICT' ? t('meetings.conflict') : t('app.saveFailed');
}

/**
 * One way the participant's meeting forms send, now or queued for later (live/outbox): refuse
 * a blank form with its own message, keep one idempotency key per thing they mean to add (a
 * retry, or the queue, adds it once), say a refusal, and take a new key once it is sent or
 * queued. `done` hears whether it waits in the queue.
 */
export function useQueuedForm<Data, Variables extends { input: { idempotencyKey?: string | null } }>(
  mutation: TypedDocumentNode<Data, Variables>,
) {
  const client = useClient();
  const failure = useFailure();
  const [error, setError] = useState('');
  const [intent, setIntent] = useState(newIdempotencyKey);
  const submit = async (
    missing: string | null,
    variables: (idempotencyKey: string) => Variables,
    description: string,
    done: (queued: boolean) => void,
  ) => {
    if (missing) return setError(missing);
    setError('');
    const result = await send(client, mutation, variables(intent), description);
    if (result !== 'queued' && result.error) return setError(failure(result.error));
    setIntent(newIdempotencyKey());
    done(result === 'queued');
  };
  const handler =
    (...args: Parameters<typeof submit>) =>
    (event: FormEvent) => {
      event.preventDefault();
      void submit(...args);
    };
  return { error, handler };
}

/**
 * How the participant changes something already there (attending, their update, "not without
 * me"): sent now or queued for later, with a fresh key each time. `change` says whether it was
 * saved, queued, or refused; a refusal is then in `error`, in plain words.
 */
export function useQueuedChange() {
  const client = useClient();
  const failure = useFailure();
  const [error, setError] = useState('');
  const change = async <Data, Variables extends { input: { idempotencyKey?: string | null } }>(
    mutation: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    description: string,
  ): Promise<'saved' | 'queued' | 'refused'> => {
    setError('');
    const result = await send(client, mutation, variables, description);
    if (result === 'queued') return 'queued';
    if (!result.error) return 'saved';
    setError(failure(result.error));
    return 'refused';
  };
  return { error, setError, change };
}

/** Title, when (in the meeting's own time zone), who leads it and who is coming. */
export function MeetingHeader({ conference, headingId }: { conference: Conference; headingId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  // Who leads (and helps lead) is named on their own lines; "also invited" is everyone else.
  const others = conference.attendees.filter(
    (person) =>
      !person.isParticipant &&
      person.accountId !== conference.facilitator.accountId &&
      person.accountId !== conference.coFacilitator?.accountId,
  );
  return (
    <>
      <h3 id={headingId}>
        {conference.title}
        {conference.status === 'IN_PROGRESS' && <span className="tag now">{t('meetings.now')}</span>}
      </h3>
      <p className="strong when" data-testid="meeting-when">
        {dates.meeting(conference.scheduledFor, conference.timeZone)}
      </p>
      <p className="small">
        {t(conference.status === 'CLOSED' ? 'meetings.ledBy' : 'meetings.leads', {
          name: conference.facilitator.displayName,
        })}
      </p>
      {conference.coFacilitator && (
        <p className="small">
          {t(conference.status === 'CLOSED' ? 'meetings.coLed' : 'meetings.coLeads', {
            name: conference.coFacilitator.displayName,
          })}
        </p>
      )}
      {others.length > 0 && (
        <p className="small">
          {t('meetings.invited', { names: others.map((person) => person.displayName).join(', ') })}
        </p>
      )}
    </>
  );
}
