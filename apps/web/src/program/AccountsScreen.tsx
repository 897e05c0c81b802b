import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { Discipline, ProgramRole } from '@roundtable/contracts';
import { getSession } from '../auth/session';
import {
  DeactivateAccountMutation,
  InviteStaffMutation,
  ProgramAccountsQuery,
  ProgramNameQuery,
  ReactivateAccountMutation,
  RenameProgramMutation,
} from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { FoldedForm, FormSubmit, missingIfBlank, useMutationForm } from '../ui/change-form';
import { LoadState } from '../ui/LoadState';
import { ActOnce, OneTimeCode, Said, TextField, useStaffRole, useWhen } from './parts';
import { LabelAndHint } from '../ui/LabelAndHint';

type StaffAccount = ResultOf<typeof ProgramAccountsQuery>['programAccounts'][number];
type Invitation = ResultOf<typeof InviteStaffMutation>['inviteStaff'];
type ProgramCounts = NonNullable<ResultOf<typeof ProgramNameQuery>['program']['staffAccounts']>;

/** The counts change with every invitation, confirmation and deactivation (all answer an Account). */
const COUNTS_FOLLOW_ACCOUNTS = { additionalTypenames: ['Account'] };

/**
 * Administrators: the program's staff accounts. An administrator manages accounts and sees no
 * plan content (PRODUCT.md "Who does what"): this screen asks only for staff accounts, and
 * offers nothing about participants, their codes or their care teams. An invited account acts
 * only after a supervisor other than the inviter confirms it (rule 1, separation of duties).
 */
export function AccountsScreen() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: ProgramAccountsQuery, requestPolicy: 'cache-and-network' });
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [said, setSaid] = useState('');
  const me = getSession()?.account.id;
  return (
    <div>
      <h1 tabIndex={-1}>{t('accounts.title')}</h1>
      <p className="muted">{t('accounts.intro')}</p>
      <ProgramCard />
      {invitation ? (
        <InvitationCode invitation={invitation} onDone={() => setInvitation(null)} />
      ) : (
        <InviteStaff onInvited={setInvitation} />
      )}
      <section aria-labelledby="accounts-list-title">
        <h2 id="accounts-list-title">{t('accounts.list')}</h2>
        <LoadState hasData={Boolean(data)} failed={Boolean(error)} />
        <ul className="list">
          {data?.programAccounts.map((account) => (
            <AccountCard key={account.id} account={account} mine={account.id === me} onChanged={setSaid} />
          ))}
        </ul>
        <Said text={said} />
      </section>
    </div>
  );
}

/**
 * The program itself: its name, which the administrator may change, and its staff accounts
 * counted in plain words. Staff accounts only: the administrator manages accounts and
 * programs and sees nothing about participants (PRODUCT.md "Who does what").
 */
function ProgramCard() {
  const { t } = useTranslation();
  const form = useMutationForm(RenameProgramMutation);
  const [{ data, error }] = useQuery({
    query: ProgramNameQuery,
    requestPolicy: 'cache-and-network',
    context: COUNTS_FOLLOW_ACCOUNTS,
  });
  const [name, setName] = useState('');
  const [sent, setSent] = useState('');
  const program = data?.program;
  const submit = form.handler(
    missingIfBlank(name, t('accounts.program.rename.missing')),
    // Renaming sets a value: sending it again leaves the same name, so it takes no key.
    () => ({ input: { name } }),
    () => {
      setSent(t('accounts.program.rename.done', { name: name.trim().replace(/\s+/g, ' ') }));
      setName('');
    },
  );
  return (
    <section aria-labelledby="program-name" className="card">
      <p className="small muted">{t('accounts.program.label')}</p>
      <LoadState hasData={Boolean(program)} failed={Boolean(error)} />
      {program && (
        <>
          <h2 id="program-name">{program.name}</h2>
          {program.staffAccounts && <StaffCounts counts={program.staffAccounts} />}
        </>
      )}
      <FoldedForm
        summary={t('accounts.program.rename.open')}
        submitLabel={t('accounts.program.rename.submit')}
        form={form}
        onSubmit={submit}
        sent={sent}
        className="no-print"
      >
        <TextField
          id="program-rename"
          label={t('accounts.program.rename.name')}
          hint={t('accounts.program.rename.hint')}
          value={name}
          onChange={setName}
        />
      </FoldedForm>
    </section>
  );
}

function StaffCounts({ counts }: { counts: ProgramCounts }) {
  const { t } = useTranslation();
  return (
    <p data-testid="staff-counts">
      {t('accounts.program.counts', {
        active: t('accounts.program.active', { count: counts.active }),
        awaiting: t('accounts.program.awaiting', { count: counts.awaitingConfirmation }),
        notYetJoined: t('accounts.program.notYetJoined', { count: counts.notYetJoined }),
        deactivated: t('accounts.program.deactivated', { count: counts.deactivated }),
      })}
    </p>
  );
}

function InviteStaff({ onInvited }: { onInvited: (invitation: Invitation) => void }) {
  const { t } = useTranslation();
  const form = useMutationForm(InviteStaffMutation);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [programRole, setProgramRole] = useState<ProgramRole>(ProgramRole.STAFF);
  const [discipline, setDiscipline] = useState<Discipline | ''>('');
  const needsDiscipline = programRole !== ProgramRole.ADMINISTRATOR;
  const missing =
    displayName.trim() === ''
      ? t('accounts.invite.nameMissing')
      : email.trim() === ''
        ? t('accounts.invite.emailMissing')
        : needsDiscipline && !discipline
          ? t('accounts.invite.disciplineMissing')
          : null;
  const submit = form.handler(
    missing,
    // One key per form fill: if the answer (and its code, shown once) is lost, sending again
    // gets the same account with a fresh code that replaces the lost one, never a second account.
    (idempotencyKey) => ({
      input: {
        displayName,
        email,
        programRole,
        discipline: needsDiscipline && discipline ? discipline : undefined,
        idempotencyKey,
      },
    }),
    (answer) => onInvited(answer.inviteStaff),
  );
  return (
    <section aria-labelledby="invite-title" className="card invite">
      <h2 id="invite-title">{t('accounts.invite.title')}</h2>
      <p className="muted small">{t('accounts.invite.intro')}</p>
      <form onSubmit={submit}>
        <TextField id="invite-name" label={t('accounts.invite.name')} value={displayName} onChange={setDisplayName} />
        <TextField
          id="invite-email"
          type="email"
          label={t('accounts.invite.email')}
          hint={t('accounts.invite.emailHint')}
          value={email}
          onChange={setEmail}
        />
        <label htmlFor="invite-role">{t('accounts.invite.role')}</label>
        <select
          id="invite-role"
          value={programRole}
          onChange={(event) => setProgramRole(event.target.value as ProgramRole)}
        >
          {[ProgramRole.STAFF, ProgramRole.SUPERVISOR, ProgramRole.ADMINISTRATOR].map((role) => (
            <option key={role} value={role}>
              {t(`accounts.roles.${role}`)}
            </option>
          ))}
        </select>
        {needsDiscipline && (
          <>
            <LabelAndHint
              id="invite-discipline"
              label={t('accounts.invite.discipline')}
              hint={t('accounts.invite.disciplineHint')}
              inline
            />
            <select
              id="invite-discipline"
              aria-describedby="invite-discipline-hint"
              value={discipline}
              onChange={(event) => setDiscipline(event.target.value as Discipline)}
            >
              <option value="">{t('accounts.invite.choose')}</option>
              {Object.values(Discipline).map((value) => (
                <option key={value} value={value}>
                  {t(`team.roles.${value}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <FormSubmit form={form} label={t('accounts.invite.submit')} />
      </form>
    </section>
  );
}

/** Shown once: the API answers the code only to the invitation; leaving this card ends it. */
function InvitationCode({ invitation, onDone }: { invitation: Invitation; onDone: () => void }) {
  const { t } = useTranslation();
  const when = useWhen();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const name = invitation.account.displayName;
  return (
    <section aria-labelledby="invitation-title" className="card code-card" data-testid="invitation">
      <h2 id="invitation-title" tabIndex={-1} ref={heading}>
        {t('accounts.code.title', { name })}
      </h2>
      <OneTimeCode code={invitation.invitation.code} id="invitation-code" />
      <p className="strong">{t('accounts.code.once')}</p>
      <p>{t('accounts.code.until', { when: when(invitation.invitation.expiresAt) })}</p>
      <ol>
        <li>{t('accounts.code.handOver', { name })}</li>
        <li>{t('accounts.code.password', { name })}</li>
        <li>{t('accounts.code.confirm', { name })}</li>
      </ol>
      <button type="button" className="primary" onClick={onDone}>
        {t('accounts.code.done')}
      </button>
    </section>
  );
}

function AccountCard({
  account,
  mine,
  onChanged,
}: {
  account: StaffAccount;
  mine: boolean;
  onChanged: (said: string) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const when = useWhen();
  const role = useStaffRole();
  const name = account.displayName;
  return (
    <li className="card" data-testid="staff-account">
      <h3>{name}</h3>
      <p>{role(account.programRole, account.discipline) || t('accounts.roles.STAFF')}</p>
      <p className="small">{account.email}</p>
      <p>
        <span className={`tag status-${account.status.toLowerCase()}`}>{t(`accounts.status.${account.status}`)}</span>
        {account.awaitingConfirmation && <span className="tag">{t('accounts.awaitingConfirmation')}</span>}
      </p>
      {account.status === 'DEACTIVATED' ? (
        <>
          {account.deactivatedAt && (
            <p className="small">
              {t('accounts.deactivatedOn', { when: when(account.deactivatedAt) })}
              {account.deactivationReason && <> {t('accounts.because', { reason: account.deactivationReason })}</>}
            </p>
          )}
          <ActOnce
            label={t('accounts.reactivate.submit', { name })}
            send={() => client.mutation(ReactivateAccountMutation, { input: { accountId: account.id } }).toPromise()}
            onDone={() => onChanged(t('accounts.reactivate.done', { name }))}
          />
        </>
      ) : (
        !mine && <Deactivate account={account} onDone={onChanged} />
      )}
    </li>
  );
}

/** A reason is asked every time: the person can read it, and it keeps the decision accountable. */
function Deactivate({ account, onDone }: { account: StaffAccount; onDone: (said: string) => void }) {
  const { t } = useTranslation();
  const form = useMutationForm(DeactivateAccountMutation);
  const [reason, setReason] = useState('');
  const name = account.displayName;
  const submit = form.handler(
    missingIfBlank(reason, t('accounts.deactivate.missing')),
    () => ({ input: { accountId: account.id, reason } }),
    () => onDone(t('accounts.deactivate.done', { name })),
  );
  return (
    <details>
      <summary>{t('accounts.deactivate.open', { name })}</summary>
      <form className="block" onSubmit={submit}>
        <p className="small">{t('accounts.deactivate.what', { name })}</p>
        <TextField
          id={`deactivate-${account.id}`}
          label={t('accounts.deactivate.reason')}
          hint={t('accounts.deactivate.reasonHint', { name })}
          rows={2}
          value={reason}
          onChange={setReason}
        />
        <FormSubmit form={form} label={t('accounts.deactivate.submit', { name })} />
      </form>
    </details>
  );
}
