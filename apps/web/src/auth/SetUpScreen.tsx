import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../ui/router';
import { SignedOutCard } from './SignedOutCard';
import { SignedOutField } from './SignedOutField';
import { completeSetUp } from './sign-in';

/** First-time set-up with the code the team handed over (no email needed). */
export function SetUpScreen() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < 10) {
      setError('SHORT');
      return;
    }
    setBusy(true);
    setError(null);
    const outcome = await completeSetUp(code, username, passphrase);
    setBusy(false);
    if (outcome.error) setError(outcome.error);
    else if (outcome.recoveryCodes.length > 0) setRecoveryCodes(outcome.recoveryCodes);
    else navigate('/plan');
  };

  if (recoveryCodes) {
    return (
      <main className="centered">
        <div className="card narrow">
          <h1 tabIndex={-1}>{t('setUp.recoveryTitle')}</h1>
          <p>{t('setUp.recoveryIntro')}</p>
          <ul className="codes">
            {recoveryCodes.map((recoveryCode) => (
              <li key={recoveryCode}>
                <code>{recoveryCode}</code>
              </li>
            ))}
          </ul>
          <button className="primary" onClick={() => navigate('/plan')}>
            {t('setUp.recoveryDone')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <SignedOutCard title={t('setUp.title')} intro={t('setUp.intro')} link={{ href: '/', text: t('setUp.back') }}>
      <form onSubmit={submit} noValidate>
        <SignedOutField kind="code" id="code" label={t('setUp.code')} required value={code} onChange={setCode} />
        <SignedOutField
          kind="username"
          id="new-username"
          label={t('setUp.username')}
          value={username}
          onChange={setUsername}
        />
        <SignedOutField
          kind="newPassphrase"
          id="new-passphrase"
          label={t('setUp.passphrase')}
          hint={t('setUp.passphraseHint')}
          required
          value={passphrase}
          onChange={setPassphrase}
        />
        {error && (
          <p role="alert" className="error">
            {t(`setUp.errors.${error}`, { defaultValue: t('setUp.errors.UNKNOWN') })}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('setUp.submit')}
        </button>
      </form>
    </SignedOutCard>
  );
}
