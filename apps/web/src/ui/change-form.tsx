import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type AnyVariables, type CombinedError, type OperationResult, type TypedDocumentNode } from 'urql';
import { errorCodeOf } from '../auth/sign-in';
import { newIdempotencyKey } from '../live/outbox';
import { StatusLine } from './StatusLine';

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

/**
 * useChangeForm bound to one GraphQL mutation: `handler` makes the form's submit handler from
 * what is missing (null when nothing is), the mutation's variables for this form's key, and
 * what to do once it is saved, with the API's answer (a code shown once, the id of the person
 * just added: only that answer carries them).
 */
export function useMutationForm<Data, Variables extends AnyVariables>(
  mutation: TypedDocumentNode<Data, Variables>,
  conflict?: string,
) {
  const client = useClient();
  const form = useChangeForm(conflict);
  const handler =
    (missing: string | null, variables: (idempotencyKey: string) => Variables, done: (answer: Data) => void) =>
    (event: FormEvent) => {
      let answer: Data | undefined;
      const send = async (idempotencyKey: string) => {
        const result = await client.mutation(mutation, variables(idempotencyKey)).toPromise();
        answer = result.data;
        return result;
      };
      void form.submit(event, missing, send, () => {
        if (answer !== undefined) done(answer);
      });
    };
  return { error: form.error, busy: form.busy, handler };
}

/** The message for a required text left blank, or null when it has something in it. */
export function missingIfBlank(text: string, message: string): string | null {
  return text.trim() === '' ? message : null;
}

/**
 * The end of a writing form: the API's refusal (if any), a status line read out once it is
 * sent (when the form has one), and the submit button, which stays focusable while busy.
 */
export function FormSubmit({
  form,
  label,
  status,
  primary = true,
}: {
  form: { error: string; busy?: boolean };
  label: string;
  status?: string;
  primary?: boolean;
}) {
  return (
    <>
      <FormError error={form.error} />
      {status !== undefined && <StatusLine text={status} />}
      <button type="submit" className={primary ? 'primary' : undefined} aria-disabled={form.busy}>
        {label}
      </button>
    </>
  );
}

/** Save and cancel side by side, for a form opened to change something already there. */
export function SaveOrCancel({ save, cancel, onCancel }: { save: string; cancel: string; onCancel: () => void }) {
  return (
    <div className="row wrap">
      <button type="submit" className="primary">
        {save}
      </button>
      <button type="button" onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
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
  className = 'card no-print',
  children,
}: {
  summary: string;
  submitLabel: string;
  form: { error: string; busy: boolean };
  onSubmit: (event: FormEvent) => void;
  sent: string;
  /** The fold's classes: keep "no-print" among them, the form is never printed. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <details className={className}>
      <summary>{summary}</summary>
      <form className="block" onSubmit={onSubmit}>
        {children}
        <FormSubmit form={form} label={submitLabel} />
      </form>
      <StatusLine text={sent} />
    </details>
  );
}
