import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { ApproveSignInSetupCodeMutation, SetupCodesAwaitingApprovalQuery } from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { LoadState } from '../ui/LoadState';
import { ActOnce, ListSection, useWhen } from './parts';

const ADDITIONAL_TYPENAMES = { additionalTypenames: ['SignInSetupCode'] };

type SetupCode = ResultOf<typeof SetupCodesAwaitingApprovalQuery>['signInSetupCodesAwaitingApproval'][number];

/**
 * Set-up codes waiting for an approval this person may give (PRODUCT.md rule 1: helping
 * someone set up a sign-in never lets one team member become them). The API lists only codes
 * someone else asked for, and never shows the code itself: the approver vouches for the
 * request, the requester hands the code over. On a supervisor's Program screen and on every
 * team member's home (where it says nothing while nothing waits).
 */
export function SetupCodeApprovals({ level, quietWhenEmpty }: { level: 2 | 3; quietWhenEmpty: boolean }) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({
    query: SetupCodesAwaitingApprovalQuery,
    requestPolicy: 'cache-and-network',
    // An empty list carries no type name for the cache to refetch on; a new request is a SignInSetupCode.
    context: ADDITIONAL_TYPENAMES,
  });
  const [said, setSaid] = useState('');
  const codes = data?.signInSetupCodesAwaitingApproval ?? [];
  if (quietWhenEmpty && codes.length === 0 && !said) return null;
  return (
    <ListSection
      id="setup-approvals-title"
      level={level}
      title={t('approvals.title')}
      intro={t('approvals.intro')}
      none={t('approvals.none')}
      count={data ? codes.length : null}
      said={said}
      loading={!quietWhenEmpty && <LoadState hasData={Boolean(data)} failed={Boolean(error)} />}
    >
      {codes.map((code) => (
        <SetupCodeCard key={code.id} code={code} level={level} onApproved={setSaid} />
      ))}
    </ListSection>
  );
}

function SetupCodeCard({
  code,
  level,
  onApproved,
}: {
  code: SetupCode;
  level: 2 | 3;
  onApproved: (said: string) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const when = useWhen();
  const name = code.accountDisplayName;
  const requester = code.requestedBy.displayName;
  const Heading = level === 2 ? 'h3' : 'h4';
  return (
    <li className="card" data-testid="setup-code-to-approve">
      <Heading>
        {code.accountKind === 'SUPPORT_PERSON'
          ? t('approvals.askedForSupport', { requester, name })
          : t('approvals.askedFor', { requester, name })}
      </Heading>
      {code.replacesPassphrase && <p className="banner warn">{t('approvals.reset', { name })}</p>}
      <p>{t('approvals.vouch', { requester, name })}</p>
      <p className="muted small">{t('approvals.noCode', { requester })}</p>
      <p className="small">{t('approvals.expires', { when: when(code.expiresAt) })}</p>
      <ActOnce
        label={t('approvals.approve', { name })}
        send={() => client.mutation(ApproveSignInSetupCodeMutation, { input: { setupCodeId: code.id } }).toPromise()}
        onDone={() => onApproved(t('approvals.approved', { requester, name }))}
      />
    </li>
  );
}
