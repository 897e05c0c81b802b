import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import {
  ApproveEmergencyAccessMutation,
  ConfirmStaffAccountMutation,
  ProgramQuery,
  ReviewEmergencyAccessMutation,
} from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { FormSubmit, missingIfBlank, useMutationForm } from '../ui/change-form';
import { LoadState } from '../ui/LoadState';
import { ActOnce, ListSection, TextField, useStaffRole, useWhen } from './parts';
import { SetupCodeApprovals } from './SetupCodeApprovals';

type ProgramData = ResultOf<typeof ProgramQuery>;
type StaffAccount = ProgramData['staffAwaitingConfirmation'][number];
type EmergencyAccess = ProgramData['emergencyAccessesAwaitingReview'][number];
type RosterEntry = ProgramData['programRoster'][number];

/** Empty lists carry no type names: a change to any of these refetches the screen. */
const ADDITIONAL_TYPENAMES = { additionalTypenames: ['Account', 'EmergencyAccess', 'Participant'] };

/**
 * A supervisor's program: what waits for a second person (new staff to confirm, set-up codes,
 * repeat emergency access), ended emergency accesses to review (rule 12; the participant reads
 * the review), and the roster. The roster is names and care teams only: a supervisor reads a
 * plan only when on that person's care team (PRODUCT.md "Who does what").
 */
export function ProgramScreen() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({
    query: ProgramQuery,
    requestPolicy: 'cache-and-network',
    context: ADDITIONAL_TYPENAMES,
  });
  return (
    <div>
      <h1 tabIndex={-1}>{data ? t('program.titleNamed', { name: data.program.name }) : t('program.title')}</h1>
      <p className="muted">{t('program.intro')}</p>
      <LoadState hasData={Boolean(data)} failed={Boolean(error)} />
      {data && (
        <>
          <section aria-labelledby="program-waiting-title">
            <h2 id="program-waiting-title">{t('program.waiting')}</h2>
            <StaffToConfirm accounts={data.staffAwaitingConfirmation} />
            <SetupCodeApprovals level={3} quietWhenEmpty={false} />
            <AccessesToApprove accesses={data.emergencyAccessesAwaitingApproval} />
          </section>
          <AccessesToReview accesses={data.emergencyAccessesAwaitingReview} />
          <Roster roster={data.programRoster} />
        </>
      )}
    </div>
  );
}

function StaffToConfirm({ accounts }: { accounts: readonly StaffAccount[] }) {
  const { t } = useTranslation();
  const client = useClient();
  const role = useStaffRole();
  const [said, setSaid] = useState('');
  return (
    <ListSection
      id="confirm-staff-title"
      level={3}
      title={t('program.confirm.title')}
      intro={t('program.confirm.intro')}
      none={t('program.confirm.none')}
      count={accounts.length}
      said={said}
    >
      {accounts.map((account) => (
        <li key={account.id} className="card" data-testid="staff-to-confirm">
          <h4>{account.displayName}</h4>
          <p>{role(account.programRole, account.discipline)}</p>
          <p className="small">{account.email}</p>
          <p className="muted small">{t('program.confirm.why', { name: account.displayName })}</p>
          <ActOnce
            label={t('program.confirm.submit', { name: account.displayName })}
            send={() => client.mutation(ConfirmStaffAccountMutation, { input: { accountId: account.id } }).toPromise()}
            onDone={() => setSaid(t('program.confirm.done', { name: account.displayName }))}
          />
        </li>
      ))}
    </ListSection>
  );
}

/** Repeat emergency access by the same clinician within the window waits for a supervisor (rule 12). */
function AccessesToApprove({ accesses }: { accesses: readonly EmergencyAccess[] }) {
  const { t } = useTranslation();
  const client = useClient();
  const when = useWhen();
  const [said, setSaid] = useState('');
  return (
    <ListSection
      id="approve-access-title"
      level={3}
      title={t('program.approveAccess.title')}
      intro={t('program.approveAccess.intro')}
      none={t('program.approveAccess.none')}
      count={accesses.length}
      said={said}
    >
      {accesses.map((access) => {
        const names = { clinician: access.clinician.displayName, name: access.participantName };
        return (
          <li key={access.id} className="card" data-testid="access-to-approve">
            <h4>{t('program.approveAccess.asks', names)}</h4>
            <p>{t('program.access.reason', { reason: access.reason })}</p>
            <p className="small">{t('program.access.asked', { when: when(access.requestedAt) })}</p>
            <p className="muted small">{t('program.approveAccess.what', names)}</p>
            <ActOnce
              label={t('program.approveAccess.submit', names)}
              send={() =>
                client.mutation(ApproveEmergencyAccessMutation, { input: { emergencyAccessId: access.id } }).toPromise()
              }
              onDone={() => setSaid(t('program.approveAccess.done', names))}
            />
          </li>
        );
      })}
    </ListSection>
  );
}

function AccessesToReview({ accesses }: { accesses: readonly EmergencyAccess[] }) {
  const { t } = useTranslation();
  const [said, setSaid] = useState('');
  return (
    <ListSection
      id="review-access-title"
      level={2}
      title={t('program.review.title')}
      intro={t('program.review.intro')}
      none={t('program.review.none')}
      count={accesses.length}
      said={said}
    >
      {accesses.map((access) => (
        <ReviewCard key={access.id} access={access} onDone={setSaid} />
      ))}
    </ListSection>
  );
}

/** The review note goes to the participant word for word, so the field says so. */
function ReviewCard({ access, onDone }: { access: EmergencyAccess; onDone: (said: string) => void }) {
  const { t } = useTranslation();
  const when = useWhen();
  const form = useMutationForm(ReviewEmergencyAccessMutation);
  const [note, setNote] = useState('');
  const names = { clinician: access.clinician.displayName, name: access.participantName };
  const submit = form.handler(
    missingIfBlank(note, t('program.review.missing')),
    () => ({ input: { emergencyAccessId: access.id, note } }),
    () => onDone(t('program.review.done', names)),
  );
  return (
    <li className="card" data-testid="access-to-review">
      <h3>{t('program.review.used', names)}</h3>
      <p>{t('program.access.reason', { reason: access.reason })}</p>
      {access.startedAt && (
        <p className="small">
          {t('program.review.from', {
            start: when(access.startedAt),
            end: when(access.endedAt ?? access.endsAt),
          })}
        </p>
      )}
      <form onSubmit={submit}>
        <TextField
          id={`review-note-${access.id}`}
          label={t('program.review.note')}
          hint={t('program.review.noteHint', names)}
          rows={3}
          value={note}
          onChange={setNote}
        />
        <FormSubmit form={form} label={t('program.review.submit')} />
      </form>
    </li>
  );
}

/** Names and care teams, nothing from anyone's plan. */
function Roster({ roster }: { roster: readonly RosterEntry[] }) {
  const { t } = useTranslation();
  return (
    <ListSection
      id="roster-title"
      level={2}
      title={t('program.roster.title')}
      intro={t('program.roster.intro')}
      none={t('program.roster.none')}
      count={roster.length}
    >
      {roster.map((entry) => (
        <li key={entry.participantId} className="card" data-testid="roster-entry">
          <h3>{entry.preferredName}</h3>
          {entry.careTeam.length === 0 ? (
            <p className="muted small">{t('program.roster.noTeam')}</p>
          ) : (
            <ul className="plain" aria-label={t('program.roster.team', { name: entry.preferredName })}>
              {entry.careTeam.map((member) => (
                <li key={member.membershipId}>
                  <RosterMember member={member} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ListSection>
  );
}

function RosterMember({ member }: { member: RosterEntry['careTeam'][number] }) {
  const { t } = useTranslation();
  const role =
    member.teamRole === 'PRIMARY_CASE_MANAGER'
      ? t('program.roster.primary')
      : member.teamRole === 'SUPPORT_PERSON'
        ? t('program.roster.support')
        : member.discipline
          ? t(`team.roles.${member.discipline}`)
          : t('team.roles.member');
  return (
    <>
      <span className="strong">{member.displayName}</span> <span className="muted small">{role}</span>
    </>
  );
}
