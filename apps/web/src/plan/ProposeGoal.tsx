import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import {
  defaultGoalLabel,
  GoalOption,
  LifeDomain,
  REDUCING_OPTIONS,
  strictestLabel,
  type SensitivityLabel,
} from '@roundtable/contracts';
import { ProposeGoalMutation } from '../graphql/documents';
import { FoldedForm, useChangeForm } from '../ui/change-form';
import { LabelPicker, LanguageHints } from './LanguageHints';
import type { Strategy } from './plan-types';

/**
 * A team member suggests a goal (PRODUCT.md rule 1): it waits for the participant, who
 * accepts, changes or declines it on their own device. A suggestion that asks them to
 * reduce or stop a way of coping names what can help instead (rule 9); the API refuses it
 * otherwise, and the form asks for it first.
 */
export function ProposeGoal({
  participantId,
  participantName,
  strategies,
  onChanged,
}: {
  participantId: string;
  participantName: string;
  strategies: readonly Strategy[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const form = useChangeForm();
  const [text, setText] = useState('');
  const [domain, setDomain] = useState<LifeDomain>(LifeDomain.QUALITY_OF_LIFE);
  const [options, setOptions] = useState<GoalOption[]>([]);
  const [replacements, setReplacements] = useState<string[]>([]);
  const [label, setLabel] = useState<SensitivityLabel | null>(null);
  const [sent, setSent] = useState('');
  const minimum = defaultGoalLabel(domain, options);
  const reduces = options.some((option) => REDUCING_OPTIONS.has(option));
  const toggle = <T,>(list: readonly T[], value: T) =>
    list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];

  const missing =
    text.trim() === ''
      ? t('proposeGoal.textMissing')
      : reduces && replacements.length === 0
        ? t('proposeGoal.replacementMissing')
        : null;
  const submit = (event: FormEvent) =>
    form.submit(
      event,
      missing,
      (idempotencyKey) =>
        client
          .mutation(ProposeGoalMutation, {
            input: {
              participantId,
              text,
              domain,
              options,
              replacementStrategyIds: reduces ? replacements : [],
              label: label ?? undefined,
              idempotencyKey,
            },
          })
          .toPromise(),
      () => {
        setSent(t('proposeGoal.sent', { name: participantName, text }));
        setText('');
        setOptions([]);
        setReplacements([]);
        setLabel(null);
        onChanged();
      },
    );

  return (
    <FoldedForm
      summary={t('proposeGoal.open')}
      submitLabel={t('proposeGoal.submit', { name: participantName })}
      form={form}
      onSubmit={(event) => void submit(event)}
      sent={sent}
    >
      <p className="muted small">{t('proposeGoal.intro', { name: participantName })}</p>
      <label htmlFor="propose-text">{t('proposeGoal.text')}</label>
      <textarea
        id="propose-text"
        rows={2}
        value={text}
        aria-describedby="propose-hints"
        onChange={(event) => setText(event.target.value)}
      />
      <LanguageHints
        id="propose-hints"
        text={text}
        label={label ?? minimum}
        onStricterLabel={(stricter) => setLabel(strictestLabel(stricter, minimum))}
      />
      <label htmlFor="propose-domain">{t('proposeGoal.domain')}</label>
      <select id="propose-domain" value={domain} onChange={(event) => setDomain(event.target.value as LifeDomain)}>
        {Object.values(LifeDomain).map((value) => (
          <option key={value} value={value}>
            {t(`domains.${value}`)}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t('proposeGoal.options')}</legend>
        {Object.values(GoalOption).map((option) => (
          <div key={option} className="check">
            <input
              id={`propose-option-${option}`}
              type="checkbox"
              checked={options.includes(option)}
              onChange={() => setOptions(toggle(options, option))}
            />
            <label htmlFor={`propose-option-${option}`}>{t(`options.${option}`)}</label>
          </div>
        ))}
      </fieldset>
      {reduces && (
        <fieldset>
          <legend>{t('proposeGoal.replacement')}</legend>
          <p className="muted small">{t('proposeGoal.replacementWhy')}</p>
          {strategies.length === 0 && <p className="small">{t('proposeGoal.noStrategies')}</p>}
          {strategies.map((strategy) => (
            <div key={strategy.id} className="check">
              <input
                id={`propose-replacement-${strategy.id}`}
                type="checkbox"
                checked={replacements.includes(strategy.id)}
                onChange={() => setReplacements(toggle(replacements, strategy.id))}
              />
              <label htmlFor={`propose-replacement-${strategy.id}`}>{strategy.text}</label>
            </div>
          ))}
        </fieldset>
      )}
      <LabelPicker
        id="propose-label"
        value={label && label !== minimum ? label : null}
        minimum={minimum}
        onChange={setLabel}
      />
    </FoldedForm>
  );
}
