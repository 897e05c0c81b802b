import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../ui/router';
import { SignedOutCard } from './SignedOutCard';
import { SignedOutField } from './SignedOutField';
import { signIn } from './sign-in';

export function SignInScreen() {
  const { t } = useTranslation();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const failure = await signIn(identifier, password, shared);
    setBusy(false);
    if (failure) setError(failure);
    else if (window.location.pathname === '/' || window.location.pathname === '/setup') navigate('/plan');
  };

  return (
    <SignedOutCard
      className="sign-in"
      title={t('signIn.title')}
      intro={t('signIn.intro')}
      link={[
        { href: '/setup', text: t('signIn.haveCode') },
        { href: '/join', text: t('signIn.haveInvitation') },
      ]}
    >
      <form onSubmit={submit} noValidate>
        <SignedOutField
          kind="username"
          id="identifier"
          name="username"
          label={t('signIn.identifier')}
          spellCheck={false}
          required
          value={identifier}
          onChange={setIdentifier}
        />
        <SignedOutField
          kind="passphrase"
          id="password"
          name="password"
          label={t('signIn.passphrase')}
          required
          value={password}
          onChange={setPassword}
        />
        <div className="check">
          <input id="shared" type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          <label htmlFor="shared">
            {t('signIn.shared')}
            <span className="hint">{t('signIn.sharedHint')}</span>
          </label>
        </div>
        {error && (
          <p role="alert" className="error">
            {t(`signIn.errors.${error}`, { defaultValue: t('signIn.errors.UNKNOWN') })}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    </SignedOutCard>
  );
}
