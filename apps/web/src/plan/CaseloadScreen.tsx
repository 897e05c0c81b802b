import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { CaseloadQuery } from '../graphql/documents';
import { TodaysRounds } from '../conferences/Rounds';
import { Link } from '../ui/Link';

/** Staff home: today's rounds, then the people whose care team I am on. */
export function CaseloadScreen() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: CaseloadQuery });
  return (
    <div>
      <h1 tabIndex={-1}>{t('caseload.title')}</h1>
      <TodaysRounds
        names={new Map(data?.caseload.map((entry) => [entry.participant.id, entry.participant.preferredName]) ?? [])}
      />
      <h2>{t('caseload.people')}</h2>
      {error && <p className="error">{t('app.loadFailed')}</p>}
      <ul className="list">
        {data?.caseload.map((entry) => (
          <li key={entry.participant.id} className="card">
            <Link href={`/people/${entry.participant.id}`}>{entry.participant.preferredName}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
