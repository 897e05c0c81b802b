import { useTranslation } from 'react-i18next';
import type { MemberAccessFields } from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { LabelTag } from '../plan/labels';

export type MemberAccess = ResultOf<typeof MemberAccessFields>;

/**
 * The labels one person sees, and why (rule 10): shared by Who sees what and My team, so the
 * two screens can never say different things about the same person.
 */
export function MemberSees({ labels }: { labels: MemberAccess['labels'] }) {
  const { t } = useTranslation();
  if (labels.length === 0) return <p className="small">{t('sharing.seesNothing')}</p>;
  return (
    <ul className="row wrap tight plain" data-testid="sees">
      {labels.map((access) => (
        <li key={access.label}>
          <LabelTag label={access.label} />
          {access.source !== 'DEFAULT' && <span className="small muted"> {t(`sharing.source.${access.source}`)}</span>}
        </li>
      ))}
    </ul>
  );
}
