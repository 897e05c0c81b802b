import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { LABEL_STRICTNESS, SensitivityLabel } from '@roundtable/contracts';
import { CheckLanguageQuery } from '../graphql/documents';

/** How long typing rests before the words are checked (one request per pause, not per key). */
const PAUSE_MS = 400;

/**
 * Person-first language hints for what a team member is writing, shown while they type
 * (PRODUCT.md: person-first language; rule 10 for labels). Advisory only: nothing here
 * blocks saving. When substance-use words go into text more people see, it offers the
 * stricter label in one click; choosing it before saving means the item never reaches
 * anyone that label leaves out.
 */
export function LanguageHints({
  id,
  text,
  label,
  onStricterLabel,
}: {
  id: string;
  text: string;
  label: SensitivityLabel;
  onStricterLabel: (label: SensitivityLabel) => void;
}) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(text);
  useEffect(() => {
    const timer = window.setTimeout(() => setChecked(text), PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const [{ data }] = useQuery({
    query: CheckLanguageQuery,
    variables: { text: checked.slice(0, 4000), label },
    pause: checked.trim() === '',
  });
  const check = checked.trim() === '' ? undefined : data?.checkLanguage;
  const suggested = check?.suggestedLabel ? SensitivityLabel[check.suggestedLabel] : null;
  const stricter = suggested && LABEL_STRICTNESS[suggested] > LABEL_STRICTNESS[label] ? suggested : null;
  return (
    <div id={id} className="hints" aria-live="polite">
      {check && check.hints.length > 0 && (
        <>
          <p className="small">{t('hints.intro')}</p>
          <ul className="small">
            {check.hints.map((hint) => (
              <li key={hint.term}>
                {t('hints.instead', { term: hint.term, suggestion: hint.suggestion })}{' '}
                <span className="muted">{hint.why}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {stricter && (
        <p className="small">
          {t('hints.stricter', { label: t(`labels.${stricter}`) })}{' '}
          <button type="button" onClick={() => onStricterLabel(stricter)}>
            {t('hints.useStricter', { label: t(`labels.${stricter}`) })}
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * Who will see what is being written: the default (from what it is about), or a stricter
 * label. Never a looser one than `minimum`: the API refuses it (only ever stricter, rule 10).
 */
export function LabelPicker({
  id,
  value,
  minimum,
  onChange,
}: {
  id: string;
  value: SensitivityLabel | null;
  minimum: SensitivityLabel;
  onChange: (label: SensitivityLabel | null) => void;
}) {
  const { t } = useTranslation();
  const labels = Object.values(SensitivityLabel).filter((label) => LABEL_STRICTNESS[label] > LABEL_STRICTNESS[minimum]);
  return (
    <>
      <label htmlFor={id}>{t('hints.whoSees')}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(labels.find((label) => label === event.target.value) ?? null)}
      >
        <option value="">{t('hints.defaultLabel')}</option>
        {labels.map((label) => (
          <option key={label} value={label}>
            {t('hints.onlyLabel', { label: t(`labels.${label}`) })}
          </option>
        ))}
      </select>
    </>
  );
}
