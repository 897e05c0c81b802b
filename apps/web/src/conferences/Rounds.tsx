import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ParticipantConferenceListQuery, RoundsSummaryQuery } from '../graphql/documents';
import { useDates } from '../ui/dates';
import { Link } from '../ui/Link';
import { useParticipantQuery } from '../ui/useParticipantQuery';

/**
 * The team's time zone: the API keeps none for a team, so the browser's own zone stands in
 * (staff sit where their team meets). Each meeting still shows in its own zone.
 */
export function teamTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Today as YYYY-MM-DD in a time zone. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Staff home: today's rounds (roundsSummary), each linking to its conference room; another
 * day can be chosen. Names come from the caseload the home already shows.
 */
export function TodaysRounds({ names }: { names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const dates = useDates();
  const timeZone = teamTimeZone();
  const today = dayIn(timeZone);
  const [day, setDay] = useState(today);
  const [{ data, error, fetching }] = useQuery({
    query: RoundsSummaryQuery,
    variables: { date: day, timeZone },
    requestPolicy: 'cache-and-network',
  });
  const entries = data?.roundsSummary ?? [];
  return (
    <section aria-labelledby="rounds-title" data-testid="rounds">
      <h2 id="rounds-title">
        {day === today ? t('rounds.today') : t('rounds.onDay', { day: dates.day(`${day}T12:00:00Z`, 'UTC') })}
      </h2>
      <label htmlFor="rounds-day">{t('rounds.pickDay')}</label>
      <input
        id="rounds-day"
        type="date"
        value={day}
        onChange={(event) => event.target.value && setDay(event.target.value)}
      />
      {day !== today && (
        <button className="link-button" onClick={() => setDay(today)}>
          {t('rounds.backToToday')}
        </button>
      )}
      {error && !data && (
        <p role="alert" className="error">
          {t('app.loadFailed')}
        </p>
      )}
      {data && entries.length === 0 && !fetching && <p className="card">{t('rounds.none')}</p>}
      <ul className="list">
        {entries.map((entry) => (
          <li key={entry.conference.id} className="card" data-testid="rounds-entry">
            <Link href={`/conferences/${entry.conference.id}`}>
              {names.has(entry.conference.participantId)
                ? t('rounds.entry', { name: names.get(entry.conference.participantId), title: entry.conference.title })
                : entry.conference.title}
            </Link>
            <p className="small">{dates.meeting(entry.conference.scheduledFor, entry.conference.timeZone)}</p>
            <p className="small">
              {entry.participantUpdate?.body ? t('rounds.updateReady') : t('rounds.noUpdate')}
              {' · '}
              {entry.conference.participantAttends ? t('rounds.attends') : t('rounds.away')}
              {entry.openDecisions.length > 0 && (
                <>
                  {' · '}
                  {t('rounds.openDecisions', { count: entry.openDecisions.length })}
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On a participant's page, for staff: their conferences, each opening its room. */
export function ParticipantMeetings({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [{ data, error }] = useParticipantQuery(ParticipantConferenceListQuery, participantId);
  const conferences = [...(data?.conferences ?? [])].sort((a, b) => b.scheduledFor.localeCompare(a.scheduledFor));
  return (
    // A list of links to rooms: not part of the plan's printout.
    <section aria-labelledby="their-meetings" data-testid="their-meetings" className="no-print">
      <h2 id="their-meetings">{t('rounds.theirMeetings')}</h2>
      {error && !data && (
        <p role="alert" className="error">
          {t('app.loadFailed')}
        </p>
      )}
      {data && conferences.length === 0 && <p className="card">{t('rounds.noMeetings')}</p>}
      <ul className="list">
        {conferences.map((conference) => (
          <li key={conference.id} className="card">
            <Link href={`/conferences/${conference.id}`}>
              {t('rounds.meetingLink', {
                title: conference.title,
                when: dates.meeting(conference.scheduledFor, conference.timeZone),
              })}
            </Link>{' '}
            <span className={`tag status-${conference.status.toLowerCase()}`}>
              {t(`room.status.${conference.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
