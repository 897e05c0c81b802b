import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../ui/router';
import { SignedOutCard } from './SignedOutCard';
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
        <label htmlFor="code">{t('setUp.code')}</label>
        <input
          id="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <label htmlFor="new-username">{t('setUp.username')}</label>
        <input
          id="new-username"
          autoComplete="username"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="new-passphrase">{t('setUp.passphrase')}</label>
        <span className="hint" id="passphrase-hint">
          {t('setUp.passphraseHint')}
        </span>
        <input
          id="new-passphrase"
          type="password"
          autoComplete="new-password"
          aria-describedby="passphrase-hint"
          required
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
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
