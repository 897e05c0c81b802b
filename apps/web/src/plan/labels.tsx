import { useTranslation } from 'react-i18next';
import type { SensitivityLabel } from '@roundtable/contracts';

/** Who can see this item, in plain words (the participant decides: rule 10). */
export function LabelTag({ label }: { label: SensitivityLabel | string }) {
  const { t } = useTranslation();
  return (
    <span className={`tag label-${label.toLowerCase()}`} title={t('labels.hint')}>
      {t(`labels.${label}`)}
    </span>
  );
}
