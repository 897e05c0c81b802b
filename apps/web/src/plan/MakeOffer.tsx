import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SensitivityLabel } from '@roundtable/contracts';
import { MakeOfferMutation } from '../graphql/documents';
import { FoldedForm, missingIfBlank, useMutationForm } from '../ui/change-form';
import { LabelPicker, LanguageHints } from './LanguageHints';

const KINDS = ['INFORMATION', 'REFERRAL', 'RESOURCE'] as const;

/**
 * A team member offers a support: information, a referral or a resource. The participant
 * says yes, no, or hides it (rule 1: it is theirs to take up); nothing is ever required.
 */
export function MakeOffer({
  participantId,
  participantName,
  onChanged,
}: {
  participantId: string;
  participantName: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const form = useMutationForm(MakeOfferMutation);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('INFORMATION');
  const [label, setLabel] = useState<SensitivityLabel | null>(null);
  const [sent, setSent] = useState('');
  const submit = form.handler(
    missingIfBlank(text, t('makeOffer.missing')),
    (idempotencyKey) => ({ input: { participantId, text, kind, label: label ?? undefined, idempotencyKey } }),
    () => {
      setSent(t('makeOffer.sent', { name: participantName, text }));
      setText('');
      setLabel(null);
      onChanged();
    },
  );
  return (
    <FoldedForm
      summary={t('makeOffer.open')}
      submitLabel={t('makeOffer.submit', { name: participantName })}
      form={form}
      onSubmit={submit}
      sent={sent}
    >
      <p className="muted small">{t('makeOffer.intro', { name: participantName })}</p>
      <label htmlFor="offer-text">{t('makeOffer.text')}</label>
      <textarea
        id="offer-text"
        rows={2}
        value={text}
        aria-describedby="offer-hints"
        onChange={(event) => setText(event.target.value)}
      />
      <LanguageHints
        id="offer-hints"
        text={text}
        label={label ?? SensitivityLabel.GENERAL}
        onStricterLabel={setLabel}
      />
      <label htmlFor="offer-kind">{t('makeOffer.kind')}</label>
      <select
        id="offer-kind"
        value={kind}
        onChange={(event) => setKind(KINDS.find((value) => value === event.target.value) ?? 'INFORMATION')}
      >
        {KINDS.map((value) => (
          <option key={value} value={value}>
            {t(`makeOffer.kinds.${value}`)}
          </option>
        ))}
      </select>
      <LabelPicker id="offer-label" value={label} minimum={SensitivityLabel.GENERAL} onChange={setLabel} />
    </FoldedForm>
  );
}
