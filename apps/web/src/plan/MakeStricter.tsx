import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { LABEL_STRICTNESS, SensitivityLabel } from '@roundtable/contracts';
import { getSession } from '../auth/session';
import { MakeItemStricterMutation } from '../graphql/documents';
import { FormError, useChangeForm } from '../ui/change-form';

/**
 * "Who sees this" on an item already saved, with a way to make it stricter (PRODUCT.md rule
 * 10: an author may only ever tighten a label; rule 14: substance-use words noticed after
 * saving). Shown to the team member who wrote the item; the API also lets the participant
 * tighten any item and refuses a label the writer cannot see, in words shown here. Only
 * stricter labels are offered: the API never loosens one.
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
  const client = useClient();
  const form = useChangeForm();
  const id = useId();
  const current = SensitivityLabel[item.label as SensitivityLabel];
  const stricter = Object.values(SensitivityLabel).filter(
    (label) => LABEL_STRICTNESS[label] > LABEL_STRICTNESS[current],
  );
  const [chosen, setChosen] = useState<SensitivityLabel | null>(null);
  const [sent, setSent] = useState('');
  const me = getSession()?.account;
  if (!current || !me || me.kind !== 'STAFF' || authorId !== me.id || stricter.length === 0) return null;
  const label = chosen ?? stricter[stricter.length - 1];
  const words = (value: SensitivityLabel) => t(`labels.${value}`);
  const submit = (event: FormEvent) =>
    form.submit(
      event,
      null,
      (idempotencyKey) =>
        client
          .mutation(MakeItemStricterMutation, {
            input: { itemId: item.id, expectedVersion: item.version, label, idempotencyKey },
          })
          .toPromise(),
      () => {
        setSent(t('stricter.done', { label: words(label) }));
        setChosen(null);
        onChanged();
      },
    );
  return (
    <details className="no-print stricter">
      <summary>
        {t('stricter.open', { label: words(current) })}
        {/* Which item, for a screen reader going through many of these (visible text stays first). */}
        <span className="visually-hidden"> ({item.text})</span>
      </summary>
      <form className="block" onSubmit={(event) => void submit(event)}>
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
          {t('stricter.explain', { label: words(label) })}
        </p>
        <FormError error={form.error} />
        <button type="submit" className="primary" aria-disabled={form.busy}>
          {t('stricter.submit')}
        </button>
      </form>
      <p role="status" className="small">
        {sent}
      </p>
    </details>
  );
}
