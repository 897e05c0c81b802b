import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LABEL_STRICTNESS, SensitivityLabel } from '@roundtable/contracts';
import { getSession } from '../auth/session';
import { MakeItemStricterMutation } from '../graphql/documents';
import { FoldedForm, useMutationForm } from '../ui/change-form';

/**
 * "Who sees this" on an item already saved, with a way to make it stricter (PRODUCT.md rule
 * 10: an author may only ever tighten a label; rule 14: substance-use words noticed after
 * saving). Shown to the participant on every item of their plan, and to the team member who
 * wrote an item; the API refuses a label the writer cannot see, and a team member's move that
 * would show the item to someone new, in words shown here. Only stricter labels are offered:
 * the API never loosens one.
 */
export function MakeStricter({
  item,
  authorId,
  onChanged,
}: {
  item: { id: string; text: string; label: string; version: number };
  /** The account that wrote it (a goal's proposer, a step's or an offer's writer). */
  authorId: string | null;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const form = useMutationForm(MakeItemStricterMutation);
  const id = useId();
  const current = SensitivityLabel[item.label as SensitivityLabel];
  const stricter = Object.values(SensitivityLabel).filter(
    (label) => LABEL_STRICTNESS[label] > LABEL_STRICTNESS[current],
  );
  const [chosen, setChosen] = useState<SensitivityLabel | null>(null);
  const [sent, setSent] = useState('');
  const me = getSession()?.account;
  // The participant decides who sees what in their own plan (rule 10); a team member, only on what they wrote.
  const mine = me?.kind === 'PARTICIPANT';
  const theirToTighten = mine || (me?.kind === 'STAFF' && authorId === me.id);
  if (!current || !me || !theirToTighten || stricter.length === 0) return null;
  const label = chosen ?? stricter[stricter.length - 1];
  const words = (value: SensitivityLabel) => t(`labels.${value}`);
  const summary = t(mine ? 'stricter.openYours' : 'stricter.open', { label: words(current) });
  const submit = form.handler(
    null,
    (idempotencyKey) => ({ input: { itemId: item.id, expectedVersion: item.version, label, idempotencyKey } }),
    () => {
      setSent(t('stricter.done', { label: words(label) }));
      setChosen(null);
      onChanged();
    },
  );
  // Inside the item's own card or row, so a screen reader meets it right after the item's words.
  return (
    <FoldedForm
      className="no-print stricter"
      summary={summary}
      submitLabel={t('stricter.submit')}
      form={form}
      onSubmit={submit}
      sent={sent}
    >
      <label htmlFor={`${id}-label`}>{t('stricter.choose')}</label>
      <select
        id={`${id}-label`}
        value={label}
        aria-describedby={`${id}-explain`}
        onChange={(event) => setChosen(stricter.find((value) => value === event.target.value) ?? null)}
      >
        {stricter.map((value) => (
          <option key={value} value={value}>
            {t('hints.onlyLabel', { label: words(value) })}
          </option>
        ))}
      </select>
      <p id={`${id}-explain`} className="small">
        {t(mine ? 'stricter.explainYours' : 'stricter.explain', { label: words(label) })}
      </p>
    </FoldedForm>
  );
}
