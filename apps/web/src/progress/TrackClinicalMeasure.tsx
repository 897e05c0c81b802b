import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ClinicalCatalogueQuery, DefineMetricMutation } from '../graphql/documents';
import { LabelTag } from '../plan/labels';
import { FoldedForm, useMutationForm } from '../ui/change-form';

/**
 * A team member starts tracking a clinical measure from the catalogue (PRODUCT.md rule 4:
 * clinical measures sit beside the participant's own, never above). The catalogue fills in
 * the scale, the better direction and the label, so who sees it follows what it is about.
 * Tracking the amount of substance use is not offered here: it is opt-in, the participant's.
 */
export function TrackClinicalMeasure({ participantId, onAdded }: { participantId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const form = useMutationForm(DefineMetricMutation);
  const [{ data }] = useQuery({ query: ClinicalCatalogueQuery });
  const [code, setCode] = useState('');
  const [sent, setSent] = useState('');
  const chosen = data?.clinicalCatalogue.find((measure) => measure.code === code);
  const submit = form.handler(
    chosen ? null : t('trackMeasure.missing'),
    (idempotencyKey) => ({ input: { participantId, kind: 'CLINICAL', catalogueCode: code, idempotencyKey } }),
    () => {
      setSent(t('trackMeasure.added', { name: chosen?.name ?? '' }));
      setCode('');
      onAdded();
    },
  );
  return (
    <FoldedForm
      summary={t('trackMeasure.open')}
      submitLabel={t('trackMeasure.submit')}
      form={form}
      onSubmit={submit}
      sent={sent}
    >
      <p className="muted small">{t('trackMeasure.intro')}</p>
      <label htmlFor="track-measure">{t('trackMeasure.which')}</label>
      <select id="track-measure" value={code} onChange={(event) => setCode(event.target.value)}>
        <option value="">{t('plan.stage.choose')}</option>
        {data?.clinicalCatalogue.map((measure) => (
          <option key={measure.code} value={measure.code}>
            {measure.unit ? `${measure.name} (${measure.unit})` : measure.name}
          </option>
        ))}
      </select>
      {chosen && (
        <p className="small">
          {t('trackMeasure.whoSees')} <LabelTag label={chosen.label} />
        </p>
      )}
    </FoldedForm>
  );
}
