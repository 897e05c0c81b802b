import type { InputHTMLAttributes } from 'react';
import { LabelAndHint } from '../ui/LabelAndHint';

/** What the browser (and a password manager) is told about each kind of field. */
const KINDS = {
  code: { autoComplete: 'one-time-code', autoCapitalize: 'characters' },
  username: { autoComplete: 'username', autoCapitalize: 'none' },
  passphrase: { type: 'password', autoComplete: 'current-password' },
  newPassphrase: { type: 'password', autoComplete: 'new-password' },
} satisfies Record<string, InputHTMLAttributes<HTMLInputElement>>;

/**
 * One field on a signed-out screen (sign in, set up, join): its label, an optional hint the
 * screen reader hears with it (`${id}-hint`), and the input, filled in the way its kind is.
 */
export function SignedOutField({
  kind,
  label,
  hint,
  onChange,
  ...input
}: {
  kind: keyof typeof KINDS;
  label: string;
  hint?: string;
  id: string;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'type' | 'autoComplete'>) {
  const hintId = hint ? `${input.id}-hint` : undefined;
  return (
    <>
      {hint ? (
        <LabelAndHint id={input.id} label={label} hint={hint} inline />
      ) : (
        <label htmlFor={input.id}>{label}</label>
      )}
      <input {...KINDS[kind]} aria-describedby={hintId} {...input} onChange={(event) => onChange(event.target.value)} />
    </>
  );
}
