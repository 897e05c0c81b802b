import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { CaseloadQuery } from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { TodaysRounds } from '../conferences/Rounds';
import { useDates } from '../ui/dates';
import { Link } from '../ui/Link';
import { LoadState } from '../ui/LoadState';
import { LabelAndHint } from '../ui/LabelAndHint';

type Entry = ResultOf<typeof CaseloadQuery>['caseload'][number];
type MyStep = NonNullable<ResultOf<typeof CaseloadQuery>['waitingForYou']>['stepsForYou'][number];

/** Names compared the way people type them: any case, with or without accents ("jose" finds José). */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();
}

/**
 * Staff home: today's rounds, then the people whose care team I am on (caseload), each with
 * when the team was last in touch and what waits for me. Person-first and non-punitive
 * (PRODUCT.md rule 6): a long gap is only a date, never "overdue", never an alarm colour.
 * The search filters in the browser: a caseload is a few dozen people the API has already
 * sent, and the API sends only the people on my care teams (rule 10), so nothing is searched
 * that this page may not show.
 */
export function CaseloadScreen() {
  const { t, i18n } = useTranslation();
  const [{ data, error }] = useQuery({ query: CaseloadQuery, requestPolicy: 'cache-and-network' });
  const [search, setSearch] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const entries = useMemo(
    () =>
      [...(data?.caseload ?? [])].sort((a, b) =>
        a.participant.preferredName.localeCompare(b.participant.preferredName, i18n.language),
      ),
    [data, i18n.language],
  );
  // My steps grouped by whose plan they are in; null when that part of the answer failed.
  const myStepsByPerson = useMemo(() => {
    if (!data?.waitingForYou) return null;
    const byPerson = new Map<string, MyStep[]>();
    for (const step of data.waitingForYou.stepsForYou) {
      byPerson.set(step.participantId, [...(byPerson.get(step.participantId) ?? []), step]);
    }
    return byPerson;
  }, [data]);
  const query = search.trim();
  const shown = query
    ? entries.filter((entry) => folded(entry.participant.preferredName).includes(folded(query)))
    : entries;

  return (
    <div>
      <h1 tabIndex={-1}>{t('caseload.title')}</h1>
      <TodaysRounds names={new Map(entries.map((entry) => [entry.participant.id, entry.participant.preferredName]))} />
      <section aria-labelledby="caseload-title" data-testid="caseload">
        <h2 id="caseload-title">{t('caseload.people')}</h2>
        <LoadState hasData={Boolean(data)} failed={Boolean(error)} />
        {data && entries.length === 0 && <p className="card">{t('caseload.empty')}</p>}
        {entries.length > 0 && (
          <>
            <div className="caseload-search" role="search">
              <LabelAndHint id="caseload-search" label={t('caseload.search')} hint={t('caseload.searchHint')} />
              <input
                id="caseload-search"
                ref={searchRef}
                type="search"
                autoComplete="off"
                spellCheck={false}
                value={search}
                aria-describedby="caseload-search-hint"
                aria-controls="caseload-list"
                onChange={(event) => setSearch(event.target.value)}
              />
            </div>
            {/* Said politely after each keystroke settles; the list itself is not re-read. */}
            <p className="small" role="status" aria-live="polite" data-testid="caseload-count">
              {query
                ? t('caseload.matches', { count: shown.length, query })
                : t('caseload.count', { count: entries.length })}
            </p>
            {shown.length === 0 && (
              <div className="card" data-testid="caseload-no-match">
                <p>{t('caseload.noMatch', { query })}</p>
                <button
                  className="link-button"
                  onClick={() => {
                    setSearch('');
                    searchRef.current?.focus();
                  }}
                >
                  {t('caseload.clear')}
                </button>
              </div>
            )}
            <ul className="list" id="caseload-list">
              {shown.map((entry) => (
                <CaseloadRow
                  key={entry.participant.id}
                  entry={entry}
                  mySteps={myStepsByPerson ? (myStepsByPerson.get(entry.participant.id) ?? []) : null}
                />
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

/** One person: their name as they chose it, when the team was last in touch, and what waits for me. */
function CaseloadRow({ entry, mySteps }: { entry: Entry; mySteps: MyStep[] | null }) {
  const { t } = useTranslation();
  const dates = useDates();
  const { participant } = entry;
  const when = (iso: string) => ({ ago: dates.ago(iso), date: dates.day(iso) });
  // My own last contact, shown only when it is not the team's last one.
  const mine = entry.myLastContactAt !== entry.lastContactAt ? entry.myLastContactAt : null;
  return (
    <li className="card caseload-entry" data-testid="caseload-entry">
      <h3>
        <Link href={`/people/${participant.id}`}>{participant.preferredName}</Link>
        {participant.pronouns && <span className="muted small"> ({participant.pronouns})</span>}
      </h3>
      {entry.teamRole === 'PRIMARY_CASE_MANAGER' && <p className="muted small">{t('caseload.primary')}</p>}
      <p className="small" data-testid="last-contact">
        {entry.lastContactAt ? t('caseload.lastContact', when(entry.lastContactAt)) : t('caseload.noContact')}
        {mine && (
          <>
            <br />
            {t('caseload.myLastContact', when(mine))}
          </>
        )}
      </p>
      <WaitingForMe next={entry.nextMeeting} steps={mySteps} />
    </li>
  );
}

/**
 * What waits for me with this person: my steps not done yet (waitingForYou, only steps I may
 * see) and their next meeting. Both come filtered per viewer from the API, so a hidden item
 * never moves a count here (rule 11). A target date is never a deadline (rule 6).
 */
function WaitingForMe({ next, steps }: { next: Entry['nextMeeting']; steps: MyStep[] | null }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <div className="small" data-testid="waiting-for-me">
      {next &&
        (next.status === 'IN_PROGRESS' ? (
          <p>{t('caseload.meetingNow')}</p>
        ) : (
          <p>{t('caseload.nextMeeting', { when: dates.meeting(next.scheduledFor, next.timeZone) })}</p>
        ))}
      {steps === null && <p className="muted">{t('caseload.waitingUnknown')}</p>}
      {steps && steps.length > 0 && (
        <>
          <p>{t('caseload.steps', { count: steps.length })}</p>
          <ul className="caseload-steps">
            {steps.map((step) => (
              <li key={step.id}>{step.text}</li>
            ))}
          </ul>
        </>
      )}
      {!next && steps?.length === 0 && <p className="muted">{t('caseload.nothingWaiting')}</p>}
    </div>
  );
}
