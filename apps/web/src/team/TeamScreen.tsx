import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { TeamQuery } from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { MemberSees } from '../sharing/MemberSees';
import { useDates } from '../ui/dates';
import { Link } from '../ui/Link';
import { LoadState } from '../ui/LoadState';
import { useReloadOn } from '../live/plan-changed';
import { useParticipantQuery } from '../ui/useParticipantQuery';

type TeamData = ResultOf<typeof TeamQuery>;
type Member = TeamData['participant']['careTeam'][number];
type Change = TeamData['careTeamChanges'][number];

/**
 * My team: who is on the care team, what each person sees, and every change to the team
 * (rule 10: the participant sees who is on their team and every change to it). What each
 * person sees comes from the same whoSeesWhat answer and component as Who sees what.
 */
export function TeamScreen({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useParticipantQuery(TeamQuery, participantId);
  useReloadOn(useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]));

  const sees = new Map(data?.whoSeesWhat.map((entry) => [entry.member.accountId, entry.labels]) ?? []);
  const team = [...(data?.participant.careTeam ?? [])].sort(
    (a, b) => Number(b.teamRole === 'PRIMARY_CASE_MANAGER') - Number(a.teamRole === 'PRIMARY_CASE_MANAGER'),
  );

  return (
    <div>
      <h1 tabIndex={-1}>{t('team.title')}</h1>
      <p className="muted">{t('team.intro')}</p>
      <LoadState hasData={Boolean(data)} failed={Boolean(error)} />
      {data && (
        <>
          <section aria-labelledby="team-members-title">
            <h2 id="team-members-title">{t('team.members')}</h2>
            {team.length === 0 && <p className="card">{t('team.nobody')}</p>}
            <ul className="list">
              {team.map((member) => (
                <MemberCard key={member.membershipId} member={member} labels={sees.get(member.accountId) ?? []} />
              ))}
            </ul>
            <p>
              <Link href="/sharing">{t('team.changeSharing')}</Link>
            </p>
          </section>

          <section aria-labelledby="team-changes-title">
            <h2 id="team-changes-title">{t('team.changes.title')}</h2>
            <p className="muted">{t('team.changes.intro')}</p>
            {data.careTeamChanges.length === 0 && <p className="card">{t('team.changes.none')}</p>}
            <ol className="list">
              {data.careTeamChanges.map((change) => (
                <ChangeCard key={change.id} change={change} />
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}

/** "Case manager", "Doctor"…: a person's role in plain words; the primary case manager says so. */
function useRole() {
  const { t } = useTranslation();
  return (teamRole: string, discipline: string | null) =>
    teamRole === 'PRIMARY_CASE_MANAGER'
      ? t('team.roles.primary')
      : teamRole === 'SUPPORT_PERSON'
        ? t('team.roles.support')
        : discipline
          ? t(`team.roles.${discipline}`)
          : t('team.roles.member');
}

function MemberCard({ member, labels }: { member: Member; labels: TeamData['whoSeesWhat'][number]['labels'] }) {
  const { t } = useTranslation();
  const dates = useDates();
  const role = useRole();
  return (
    <li className="card" data-testid="team-member">
      <h3>{member.displayName}</h3>
      <p>{role(member.teamRole, member.discipline)}</p>
      <p className="muted small">
        {t('team.since', { when: dates.day(member.since) })}
        {member.until && <> · {t('team.until', { when: dates.day(member.until) })}</>}
      </p>
      <h4>{t('team.sees', { name: member.displayName })}</h4>
      <MemberSees labels={labels} />
    </li>
  );
}

function ChangeCard({ change }: { change: Change }) {
  const { t } = useTranslation();
  const dates = useDates();
  const role = useRole();
  const name = change.member.displayName;
  const upcoming = new Date(change.effectiveAt).getTime() > Date.now();
  const what =
    change.kind === 'JOINED'
      ? upcoming
        ? t('team.changes.willJoin', { name })
        : t('team.changes.joined', { name })
      : upcoming
        ? t('team.changes.willLeave', { name })
        : t('team.changes.left', { name });
  return (
    <li className={`card ${change.kind === 'JOINED' ? 'joined' : 'left'}`} data-testid="team-change">
      <p className="strong">{what}</p>
      <p className="small">
        {role(change.teamRole, change.discipline ?? null)} · {dates.day(change.effectiveAt)}
        {change.until && <> · {t('team.until', { when: dates.day(change.until) })}</>}
      </p>
      {change.changedBy && (
        <p className="muted small">{t('team.changes.by', { name: change.changedBy.displayName })}</p>
      )}
    </li>
  );
}
