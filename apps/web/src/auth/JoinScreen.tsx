import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../ui/Link';
import { navigate } from '../ui/router';
import { SignedOutCard } from './SignedOutCard';
import { SignedOutField } from './SignedOutField';
import { acceptInvitation } from './sign-in';

/** The API's rule for a staff password (AcceptStaffInvitationInput.password). */
const PASSWORD_MIN = 10;

type Field = 'code' | 'password' | 'repeat';

/**
 * A new staff member redeems the invitation code their administrator handed over and chooses
 * a password. A wrong, used or expired code gets one plain message that says nothing of
 * whether the code ever existed (PRODUCT.md rule 11). Until a supervisor other than the
 * inviter confirms the account (rule 1) the person cannot work, and this screen says so.
 */
export function JoinScreen() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<{ field: Field | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState<{ email: string | null } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing: { field: Field; text: string } | null =
      code.trim() === ''
        ? { field: 'code', text: t('join.errors.codeMissing') }
        : password.length < PASSWORD_MIN
          ? { field: 'password', text: t('join.errors.short') }
          : repeat !== password
            ? { field: 'repeat', text: t('join.errors.different') }
            : null;
    if (missing) return setError(missing);
    setBusy(true);
    setError(null);
    const outcome = await acceptInvitation(code, password);
    setBusy(false);
    if ('error' in outcome) {
      const field: Field | null =
        outcome.field === 'input.password' ? 'password' : outcome.error === 'BAD_USER_INPUT' ? 'code' : null;
      const key = field === 'password' ? 'short' : outcome.error;
      return setError({ field, text: t(`join.errors.${key}`, { defaultValue: t('join.errors.UNKNOWN') }) });
    }
    if (outcome.signedIn) navigate('/');
    else setWaiting({ email: outcome.email });
  };

  if (waiting) return <Waiting email={waiting.email} />;

  // A refused field says so, and is described by its hint (if any) and the refusal.
  const errorOn = (field: Field, hint?: string) =>
    error?.field === field
      ? { 'aria-invalid': true as const, 'aria-describedby': [hint, 'join-error'].filter(Boolean).join(' ') }
      : { 'aria-describedby': hint };
  return (
    <SignedOutCard title={t('join.title')} intro={t('join.intro')} link={{ href: '/', text: t('join.back') }}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <SignedOutField
          kind="code"
          id="invitation-code"
          label={t('join.code')}
          hint={t('join.codeHint')}
          spellCheck={false}
          required
          {...errorOn('code', 'invitation-code-hint')}
          value={code}
          onChange={setCode}
        />
        <SignedOutField
          kind="newPassphrase"
          id="join-password"
          label={t('join.password')}
          hint={t('join.passwordHint', { min: PASSWORD_MIN })}
          required
          minLength={PASSWORD_MIN}
          {...errorOn('password', 'join-password-hint')}
          value={password}
          onChange={setPassword}
        />
        <SignedOutField
          kind="newPassphrase"
          id="join-repeat"
          label={t('join.repeat')}
          required
          {...errorOn('repeat')}
          value={repeat}
          onChange={setRepeat}
        />
        {error && (
          <p role="alert" className="error" id="join-error">
            {error.text}
          </p>
        )}
        <button type="submit" className="primary" aria-disabled={busy}>
          {busy ? t('join.working') : t('join.submit')}
        </button>
      </form>
    </SignedOutCard>
  );
}

/** The password is set; a supervisor still has to confirm the account before it can work. */
function Waiting({ email }: { email: string | null }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="centered">
      <div className="card narrow" data-testid="join-waiting">
        <h1 tabIndex={-1} ref={heading}>
          {t('join.waitingTitle')}
        </h1>
        <p>{t('join.waiting')}</p>
        <p>{email ? t('join.waitingSignIn', { email }) : t('join.waitingSignInNoEmail')}</p>
        <p>
          <Link href="/">{t('join.toSignIn')}</Link>
        </p>
      </div>
    </main>
  );
}
