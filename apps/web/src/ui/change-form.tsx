import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError, OperationResult } from 'urql';
import { errorCodeOf } from '../auth/sign-in';
import { newIdempotencyKey } from '../live/outbox';

/**
 * The API's refusal in plain words: what was not allowed or not done, and why. `conflict`
 * says what a stale version means where the screen knows better (the live room).
 */
export function useFailureMessage(conflict?: string) {
  const { t } = useTranslation();
  return (error: CombinedError | undefined) => {
    const code = errorCodeOf(error);
    const message = error?.graphQLErrors[0]?.message ?? '';
    if (code === 'FORBIDDEN') return t('form.forbidden', { reason: message });
    if (code === 'CONFLICT') return conflict ?? t('form.conflict');
    if (code === 'BAD_USER_INPUT') return t('form.refused', { reason: message.replace(/^input\.\w+: /, '') });
    if (code === 'NETWORK') return t('form.offline');
    return t('app.saveFailed');
  };
}

/**
 * One way every form that writes sends: refuse an empty form with its own message, send once
 * with this form's idempotency key (a double press or a retry never adds twice), show the
 * API's refusal in plain words, and take a new key for the next thing written.
 */
export function useChangeForm(conflict?: string) {
  const failure = useFailureMessage(conflict);
  const [intent, setIntent] = useState(newIdempotencyKey);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (
    event: FormEvent,
    missing: string | null,
    send: (idempotencyKey: string) => Promise<OperationResult>,
    done: () => void,
  ) => {
    event.preventDefault();
    if (busy) return;
    if (missing) return setError(missing);
    setError('');
    setBusy(true);
    const result = await send(intent);
    setBusy(false);
    if (result.error) return setError(failure(result.error));
    setIntent(newIdempotencyKey());
    done();
  };
  return { error, busy, submit };
}

export function FormError({ error }: { error: string }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}

/**
 * A form folded behind its name, for what a team member writes now and then in a plan
 * (suggest a goal, offer a support, add a step): the fields, the refusal if any, one submit
 * button, and a status line read out once it is sent. Never printed.
 */
export function FoldedForm({
  summary,
  submitLabel,
  form,
  onSubmit,
  sent,
  card = true,
  children,
}: {
  summary: string;
  submitLabel: string;
  form: { error: string; busy: boolean };
  onSubmit: (event: FormEvent) => void;
  sent: string;
  card?: boolean;
  children: ReactNode;
}) {
  return (
    <details className={card ? 'card no-print' : 'no-print'}>
      <summary>{summary}</summary>
      <form className="block" onSubmit={onSubmit}>
        {children}
        <FormError error={form.error} />
        <button type="submit" className="primary" aria-disabled={form.busy}>
          {submitLabel}
        </button>
      </form>
      <p role="status" className="small">
        {sent}
      </p>
    </details>
  );
}
