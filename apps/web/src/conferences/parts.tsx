import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { errorCodeOf } from '../auth/sign-in';
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
