import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportDownloads } from '../exports/ExportDownloads';
import { useClient, useQuery } from 'urql';
import { SensitivityLabel } from '@roundtable/contracts';
import {
  AccessLogQuery,
  GrantVisibilityMutation,
  PlanAsSeenByQuery,
  RevokeVisibilityMutation,
  SetPresenceSharingMutation,
  SharingQuery,
} from '../graphql/documents';
import { getSession } from '../auth/session';
import { send, sendAsIs } from '../live/outbox';
import { LabelTag } from '../plan/labels';
import { formatDate, formatDateTime } from '../ui/format';
import { MemberSees } from './MemberSees';
import { FormSubmit } from '../ui/change-form';
import { ChoiceOptions, peopleChoices } from '../ui/ChoiceOptions';
import { ScreenIntro } from '../ui/ScreenIntro';

/** Who sees what (rule 10): grants per label with an end date, revoke, preview, and the audit trail (rule 12). */
export function SharingScreen({ participantId }: { participantId: string }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [{ data }, refetch] = useQuery({ query: SharingQuery, variables: { participantId } });
  const [status, setStatus] = useState('');
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const team = data?.participant.careTeam ?? [];

  const revoke = async (grantId: string, who: string, label: string) => {
    const result = await send(client, RevokeVisibilityMutation, { input: { grantId } }, t('offline.changes.sharing'));
    if (result !== 'queued' && !result.error)
      setStatus(t('sharing.revoked', { name: who, label: t(`labels.${label}`) }));
    reload();
  };

  return (
    <div>
      <ScreenIntro title={t('sharing.title')} intro={t('sharing.intro')} status={status} />

      <section aria-labelledby="grants-title">
        <h2 id="grants-title">{t('sharing.grants')}</h2>
        <ul className="list">
          {data?.consentGrants
            .filter((grant) => grant.active)
            .map((grant) => {
              const who = grant.grantee?.displayName ?? (grant.discipline ? t(`disciplines.${grant.discipline}`) : '');
              return (
                <li key={grant.id} className="card" data-testid="grant">
                  <p className="strong">
                    {who} <LabelTag label={grant.label} />
                  </p>
                  <p className="muted small">
                    {grant.endsAt
                      ? t('sharing.until', { when: formatDate(grant.endsAt, i18n.language) })
                      : grant.endEvent
                        ? t('sharing.untilEvent', { event: grant.endEvent })
                        : ''}
                  </p>
                  <button
                    onClick={() => void revoke(grant.id, who, grant.label)}
                    aria-label={t('sharing.revokeLabel', { name: who, label: t(`labels.${grant.label}`) })}
                  >
                    {t('sharing.revoke')}
                  </button>
                </li>
              );
            })}
        </ul>
        <GrantForm participantId={participantId} team={team} onDone={reload} />
      </section>

      <section aria-labelledby="who-title">
        <h2 id="who-title">{t('sharing.whoSees')}</h2>
        <ul className="list">
          {data?.whoSeesWhat.map((entry) => (
            <li key={entry.member.accountId} className="card">
              <p className="strong">
                {entry.member.displayName}
                {entry.member.discipline && (
                  <span className="muted"> · {t(`disciplines.${entry.member.discipline}`)}</span>
                )}
              </p>
              <MemberSees labels={entry.labels} />
            </li>
          ))}
        </ul>
      </section>

      <PresenceSharing
        participantId={participantId}
        shared={data?.participant.sharePresenceWithTeam ?? null}
        onChanged={(message) => {
          setStatus(message);
          reload();
        }}
      />

      <SeenBy participantId={participantId} team={team} />
      <AccessLog participantId={participantId} />
      <ExportDownloads
        titleKey="exports.recordTitle"
        links={[
          {
            labelKey: 'exports.recordPdf',
            path: `/exports/participants/${participantId}/record.pdf`,
            fileName: 'my-record.pdf',
          },
          {
            labelKey: 'exports.recordJson',
            path: `/exports/participants/${participantId}/record.json`,
            fileName: 'my-record.json',
          },
        ]}
      />
    </div>
  );
}

/**
 * Whether the team sees when the participant is looking at their plan (live presence). Off
 * unless they turn it on; it works at once, and nothing keeps a record of when they were here.
 */
function PresenceSharing({
  participantId,
  shared,
  onChanged,
}: {
  participantId: string;
  shared: boolean | null;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  // The box shows the choice at once (it is the participant's own setting); a refusal puts it back.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const change = async (share: boolean) => {
    setChosen(share);
    const result = await sendAsIs(
      client,
      SetPresenceSharingMutation,
      { input: { participantId, share } },
      t('presenceSharing.offline'),
    );
    if (result !== 'queued' && result.error) {
      setChosen(null);
      onChanged(t('presenceSharing.failed'));
      return;
    }
    onChanged(share ? t('presenceSharing.nowOn') : t('presenceSharing.nowOff'));
  };
  return (
    <section aria-labelledby="presence-sharing-title">
      <h2 id="presence-sharing-title">{t('presenceSharing.title')}</h2>
      <div className="card">
        <div className="check">
          <input
            id="presence-sharing"
            type="checkbox"
            checked={chosen ?? shared === true}
            disabled={shared === null}
            aria-describedby="presence-sharing-hint"
            onChange={(event) => void change(event.target.checked)}
          />
          <label htmlFor="presence-sharing">{t('presenceSharing.label')}</label>
        </div>
        <p id="presence-sharing-hint" className="muted small">
          {t('presenceSharing.hint')}
        </p>
      </div>
    </section>
  );
}

type TeamMember = { accountId: string; displayName: string; discipline: string | null };

function GrantForm({ participantId, team, onDone }: { participantId: string; team: TeamMember[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [accountId, setAccountId] = useState('');
  const [label, setLabel] = useState<SensitivityLabel>(SensitivityLabel.HEALTH);
  const [endsOn, setEndsOn] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!accountId || !endsOn) {
      setError(t('sharing.form.missing'));
      return;
    }
    setError('');
    await send(
      client,
      GrantVisibilityMutation,
      { input: { participantId, accountId, label, endsAt: new Date(`${endsOn}T23:59:00`).toISOString() } },
      t('offline.changes.sharing'),
    );
    onDone();
  };
  return (
    <form onSubmit={submit} className="card">
      <h3>{t('sharing.form.title')}</h3>
      <label htmlFor="grant-who">{t('sharing.form.who')}</label>
      <select id="grant-who" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
        <ChoiceOptions none={t('sharing.form.choose')} choices={peopleChoices(team)} />
      </select>
      <label htmlFor="grant-label">{t('sharing.form.what')}</label>
      <select id="grant-label" value={label} onChange={(e) => setLabel(e.target.value as SensitivityLabel)}>
        {Object.values(SensitivityLabel)
          .filter((value) => value !== SensitivityLabel.GENERAL)
          .map((value) => (
            <option key={value} value={value}>
              {t(`labels.${value}`)}
            </option>
          ))}
      </select>
      <label htmlFor="grant-ends">{t('sharing.form.until')}</label>
      <input id="grant-ends" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
      <FormSubmit form={{ error }} label={t('sharing.form.submit')} />
    </form>
  );
}

/** "See my plan as Marcus sees it". */
function SeenBy({ participantId, team }: { participantId: string; team: TeamMember[] }) {
  const { t } = useTranslation();
  const [accountId, setAccountId] = useState('');
  const [{ data }] = useQuery({
    query: PlanAsSeenByQuery,
    variables: { participantId, accountId },
    pause: !accountId,
  });
  const plan = data?.planAsSeenBy;
  const name = team.find((member) => member.accountId === accountId)?.displayName ?? '';
  return (
    <section aria-labelledby="seen-title">
      <h2 id="seen-title">{t('sharing.seenBy.title')}</h2>
      <label htmlFor="seen-who">{t('sharing.seenBy.who')}</label>
      <select id="seen-who" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
        <ChoiceOptions none={t('sharing.form.choose')} choices={peopleChoices(team)} />
      </select>
      {plan && (
        <div className="card preview" data-testid="seen-by">
          <p className="strong">{t('sharing.seenBy.heading', { name })}</p>
          <p>{plan.vision?.text ?? t('sharing.seenBy.noVision')}</p>
          <ul>
            {plan.goals.map((goal) => (
              <li key={goal.id}>{goal.text}</li>
            ))}
            {plan.strategies.map((strategy) => (
              <li key={strategy.id}>{strategy.text}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** "Who looked at and changed my plan". */
function AccessLog({ participantId }: { participantId: string }) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: AccessLogQuery, variables: { participantId } });
  // Your own visits would bury everyone else's: the list shows what others did.
  const me = getSession()?.account.id;
  const entries = (data?.accessLog.edges.map((edge) => edge.node) ?? []).filter(
    (entry) => entry.actor?.accountId !== me,
  );
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">{t('sharing.log.title')}</h2>
      <p className="muted">{t('sharing.log.intro')}</p>
      {entries.length === 0 && <p>{t('sharing.log.nobody')}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('sharing.log.when')}</th>
              <th scope="col">{t('sharing.log.who')}</th>
              <th scope="col">{t('sharing.log.what')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.at, i18n.language)}</td>
                <td>{entry.actor?.displayName ?? t('sharing.log.someone')}</td>
                <td>
                  {t(`auditKinds.${entry.kind}`, { defaultValue: entry.kind })} · {entry.action}
                  {entry.reason ? ` (${entry.reason})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
