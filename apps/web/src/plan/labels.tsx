import { useTranslation } from 'react-i18next';
import { SensitivityLabel } from '@roundtable/contracts';

/** Who can see this item, in plain words (the participant decides: rule 10). */
export function LabelTag({ label }: { label: SensitivityLabel | string }) {
  const { t } = useTranslation();
  return (
    <span className={`tag label-${label.toLowerCase()}`} title={t('labels.hint')}>
      {t(`labels.${label}`)}
    </span>
  );
}

/** A choice of who can see something: every label, in plain words, for a form's <select>. */
export function LabelSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: SensitivityLabel;
  onChange: (label: SensitivityLabel) => void;
}) {
  const { t } = useTranslation();
  const labels = Object.values(SensitivityLabel);
  return (
    <select
      id={id}
      value={value}
      onChange={(event) => onChange(labels.find((label) => label === event.target.value) ?? value)}
    >
      {labels.map((label) => (
        <option key={label} value={label}>
          {t(`labels.${label}`)}
        </option>
      ))}
    </select>
  );
}
