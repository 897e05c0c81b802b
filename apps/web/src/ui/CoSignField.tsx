import { useTranslation } from 'react-i18next';
import { LabelAndHint } from './LabelAndHint';

/**
 * Co-sign (PRODUCT.md rules 1 and 3): when the participant is beside the team member, they
 * may type their own passphrase on this screen so that what is recorded with them counts as
 * theirs at once. It opens no session here, is never stored, and the browser is asked not to
 * remember it. Left empty, what is written waits for them to confirm on their own device.
 */
export function CoSignField({
  id,
  name,
  value,
  onChange,
}: {
  id: string;
  name: string;
  value: string;
  onChange: (passphrase: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="cosign">
      <LabelAndHint id={id} label={t('coSign.label', { name })} hint={t('coSign.hint', { name })} />
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** The co-sign to send: none when the field was left empty. */
export function coSignOf(passphrase: string): { passphrase: string } | undefined {
  return passphrase === '' ? undefined : { passphrase };
}
