import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ConferencesQuery, ParticipantNameQuery } from '../graphql/documents';
import { PastMeeting } from './PastMeeting';
import { UpcomingMeeting } from './UpcomingMeeting';
import { LoadState } from '../ui/LoadState';
import { PrintHeading } from '../ui/PrintHeading';
import { useReloadOn } from '../live/plan-changed';
import { ScreenIntro } from '../ui/ScreenIntro';
import { useParticipantQuery } from '../ui/useParticipantQuery';

/**
 * My meetings (care conferences): what is coming up, with the participant's own update first
 * (rule 2), whether they will be there, what they want to talk about and what must not be
 * talked about without them; and the minutes of past meetings, with a way to ask for a
 * correction (the minutes never change; the team answers with an appended amendment).
 */
export function ConferencesScreen({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useParticipantQuery(ConferencesQuery, participantId);
  const [name] = useQuery({ query: ParticipantNameQuery, variables: { id: participantId } });
  const [status, setStatus] = useState('');
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useReloadOn(reload);

  const conferences = data?.conferences ?? [];
  const upcoming = conferences
    .filter((conference) => conference.status !== 'CLOSED')
    .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  // The API answers newest first.
  const past = conferences.filter((conference) => conference.status === 'CLOSED');

  return (
    <div>
      {name.data && <PrintHeading name={name.data.participant.preferredName} />}
      <ScreenIntro title={t('meetings.title')} intro={t('meetings.intro')} status={status} />
      <LoadState hasData={Boolean(data)} failed={Boolean(error)} />
      {data && (
        <>
          <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{t('meetings.upcoming')}</h2>
            {upcoming.length === 0 && <p className="card">{t('meetings.noneUpcoming')}</p>}
            {upcoming.map((conference) => (
              <UpcomingMeeting key={conference.id} conference={conference} onDone={setStatus} onChanged={reload} />
            ))}
          </section>
          <section aria-labelledby="past-title">
            <h2 id="past-title">{t('meetings.past')}</h2>
            {past.length === 0 && <p className="card">{t('meetings.nonePast')}</p>}
            {past.map((conference) => (
              <PastMeeting key={conference.id} conference={conference} onDone={setStatus} onChanged={reload} />
            ))}
          </section>
        </>
      )}
    </div>
  );
}
