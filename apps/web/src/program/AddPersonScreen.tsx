import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { CreateParticipantMutation, CreateSignInSetupCodeMutation, SignInSetupCodesQuery } from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';
import { FormError, FormSubmit, missingIfBlank, useMutationForm } from '../ui/change-form';
import { Link } from '../ui/Link';
import { OneTimeCode, TextField, useWhen } from './parts';

type Added = ResultOf<typeof CreateParticipantMutation>['createParticipant'];
type Requested = ResultOf<typeof CreateSignInSetupCodeMutation>['createSignInSetupCode'];

/** How often the screen asks whether a second person approved the code (it lives 30 minutes). */
const CHECK_EVERY_MS = 5_000;

/**
 * Add a person to the program (the one who adds them becomes their main case manager), then,
 * sitting with them, ask for the code that sets up their own sign-in: a username and a
 * passphrase, no email or phone needed (PRODUCT.md rule 1). The code does nothing until a
 * second team member approves it from their own account, so no one person can become them.
 */
export function AddPersonScreen() {
  const { t } = useTranslation();
  const [added, setAdded] = useState<Added | null>(null);
  return (
    <div>
      <h1 tabIndex={-1}>{t('addPerson.title')}</h1>
      {added ? (
        <>
          <p className="banner calm" role="status">
            {t('addPerson.added', { name: added.preferredName })}
          </p>
          <p>
            <Link href={`/people/${added.id}`}>{t('addPerson.openPlan', { name: added.preferredName })}</Link>
          </p>
          <SignInSetUp participantId={added.id} name={added.preferredName} />
          <p>
            <button type="button" onClick={() => setAdded(null)}>
              {t('addPerson.another')}
            </button>
          </p>
        </>
      ) : (
        <AddPersonForm onAdded={setAdded} />
      )}
    </div>
  );
}

function AddPersonForm({ onAdded }: { onAdded: (added: Added) => void }) {
  const { t } = useTranslation();
  const form = useMutationForm(CreateParticipantMutation);
  const [preferredName, setPreferredName] = useState('');
  const [pronouns, setPronouns] = useState('');
  const submit = form.handler(
    missingIfBlank(preferredName, t('addPerson.nameMissing')),
    (idempotencyKey) => ({ input: { preferredName, pronouns: pronouns.trim() || undefined, idempotencyKey } }),
    (answer) => onAdded(answer.createParticipant),
  );
  return (
    <>
      <p className="muted">{t('addPerson.intro')}</p>
      <form className="card" onSubmit={submit}>
        <TextField
          id="person-name"
          label={t('addPerson.name')}
          hint={t('addPerson.nameHint')}
          value={preferredName}
          onChange={setPreferredName}
        />
        <TextField
          id="person-pronouns"
          label={t('addPerson.pronouns')}
          hint={t('addPerson.pronounsHint')}
          value={pronouns}
          onChange={setPronouns}
        />
        <FormSubmit form={form} label={t('addPerson.submit')} />
      </form>
    </>
  );
}

/** Asking for the set-up code, then the code once, with where it stands. */
export function SignInSetUp({ participantId, name }: { participantId: string; name: string }) {
  const { t } = useTranslation();
  const form = useMutationForm(CreateSignInSetupCodeMutation);
  const [requested, setRequested] = useState<Requested | null>(null);
  const submit = form.handler(
    null,
    (idempotencyKey) => ({ input: { participantId, idempotencyKey } }),
    (answer) => setRequested(answer.createSignInSetupCode),
  );
  return (
    <section aria-labelledby="setup-title">
      <h2 id="setup-title">{t('addPerson.setUp.title', { name })}</h2>
      <p>{t('addPerson.setUp.intro', { name })}</p>
      <ol>
        <li>{t('addPerson.setUp.step1')}</li>
        <li>{t('addPerson.setUp.step2', { name })}</li>
        <li>{t('addPerson.setUp.step3', { name, address: `${window.location.origin}/setup` })}</li>
      </ol>
      {requested?.code ? (
        <SetupCodeCard requested={requested} code={requested.code} name={name} />
      ) : (
        requested && <p className="error">{t('addPerson.setUp.notShownAgain')}</p>
      )}
      <form onSubmit={submit}>
        <FormError error={form.error} />
        <button type="submit" className={requested ? '' : 'primary'} aria-disabled={form.busy}>
          {requested ? t('addPerson.setUp.again') : t('addPerson.setUp.ask')}
        </button>
        {requested && <p className="muted small">{t('addPerson.setUp.againHint')}</p>}
      </form>
    </section>
  );
}

function SetupCodeCard({ requested, code, name }: { requested: Requested; code: string; name: string }) {
  const { t } = useTranslation();
  const when = useWhen();
  const heading = useRef<HTMLHeadingElement>(null);
  const [{ data }, refetch] = useQuery({
    query: SignInSetupCodesQuery,
    variables: { participantId: requested.participantId },
    requestPolicy: 'network-only',
  });
  const status = data?.signInSetupCodes.find((entry) => entry.id === requested.id) ?? requested;
  const waiting = status.status === 'AWAITING_APPROVAL' || status.status === 'APPROVED';
  useEffect(() => heading.current?.focus(), [requested.id]);
  // Until the code is used or ends, ask now and then whether it was approved or used.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [waiting, refetch]);
  return (
    <div className="card code-card" data-testid="setup-code">
      <h3 id="setup-code-title" tabIndex={-1} ref={heading}>
        {t('addPerson.code.title', { name })}
      </h3>
      <OneTimeCode code={code} id="setup-code" />
      <p className="strong">{t('addPerson.code.once', { name })}</p>
      <p>{t('addPerson.code.until', { when: when(requested.expiresAt) })}</p>
      <p role="status" className={`strong status-${status.status.toLowerCase()}`}>
        {status.status === 'APPROVED'
          ? t('addPerson.code.APPROVED', { approver: status.approvedBy?.displayName ?? '', name })
          : t(`addPerson.code.${status.status}`, { name })}
      </p>
      {status.status === 'AWAITING_APPROVAL' && (
        <button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          {t('addPerson.code.check')}
        </button>
      )}
    </div>
  );
}
