import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { CaseloadQuery } from '../graphql/documents';
import { Link } from '../ui/Link';

/** Staff: the people whose care team I am on (the team workspace comes in part 2). */
export function CaseloadScreen() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: CaseloadQuery });
  return (
    <div>
      <h1 tabIndex={-1}>{t('caseload.title')}</h1>
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
