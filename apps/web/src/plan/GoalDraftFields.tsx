import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  defaultGoalLabel,
  GoalOption,
  LifeDomain,
  REDUCING_OPTIONS,
  strictestLabel,
  type SensitivityLabel,
} from '@roundtable/contracts';
import { LabelPicker, LanguageHints } from './LanguageHints';
import type { Strategy } from './plan-types';

const toggle = <T,>(list: readonly T[], value: T) =>
  list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];

/** What a team member's goal form is given: whose plan, their name, their strategies, and what to do once saved. */
export interface GoalFormProps {
  participantId: string;
  participantName: string;
  strategies: readonly Strategy[];
  onChanged: () => void;
}

/** A goal being written by a team member: its words, what it is about, the ways there, a replacement and a label. */
export interface GoalDraft {
  text: string;
  setText: (text: string) => void;
  domain: LifeDomain;
  setDomain: (domain: LifeDomain) => void;
  options: GoalOption[];
  toggleOption: (option: GoalOption) => void;
  replacements: string[];
  toggleReplacement: (strategyId: string) => void;
  /** A stricter label chosen by the writer; null keeps the default. */
  label: SensitivityLabel | null;
  setLabel: (label: SensitivityLabel | null) => void;
  /** The label the goal gets by what it is about (PRODUCT.md rule 10). */
  minimum: SensitivityLabel;
  /** It asks to cut down on or stop a way of coping (rule 9: it names what helps instead). */
  reduces: boolean;
  /** Empties the form after a save. */
  reset: () => void;
}

/** The state of one goal form (suggesting a goal, or writing one with the participant). */
export function useGoalDraft(): GoalDraft {
  const [text, setText] = useState('');
  const [domain, setDomain] = useState<LifeDomain>(LifeDomain.QUALITY_OF_LIFE);
  const [options, setOptions] = useState<GoalOption[]>([]);
  const [replacements, setReplacements] = useState<string[]>([]);
  const [label, setLabel] = useState<SensitivityLabel | null>(null);
  return {
    text,
    setText,
    domain,
    setDomain,
    options,
    toggleOption: (option) => setOptions(toggle(options, option)),
    replacements,
    toggleReplacement: (strategyId) => setReplacements(toggle(replacements, strategyId)),
    label,
    setLabel,
    minimum: defaultGoalLabel(domain, options),
    reduces: options.some((option) => REDUCING_OPTIONS.has(option)),
    reset: () => {
      setText('');
      setOptions([]);
      setReplacements([]);
      setLabel(null);
    },
  };
}

/**
 * The fields of a goal a team member writes: the words with inline language hints (rule 14:
 * advisory, with a one-click stricter label), what it is about, the ways there as equal
 * options (rule 7), the replacement a goal to cut down needs (rule 9) when `askReplacement`,
 * and who will see it (rule 10).
 */
export function GoalDraftFields({
  idPrefix,
  draft,
  textLabel,
  replacementWhy,
  askReplacement,
  strategies,
}: {
  idPrefix: string;
  draft: GoalDraft;
  textLabel: string;
  replacementWhy: string;
  askReplacement: boolean;
  strategies: readonly Strategy[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${idPrefix}-text`}>{textLabel}</label>
      <textarea
        id={`${idPrefix}-text`}
        rows={2}
        value={draft.text}
        aria-describedby={`${idPrefix}-hints`}
        onChange={(event) => draft.setText(event.target.value)}
      />
      <LanguageHints
        id={`${idPrefix}-hints`}
        text={draft.text}
        label={draft.label ?? draft.minimum}
        onStricterLabel={(stricter) => draft.setLabel(strictestLabel(stricter, draft.minimum))}
      />
      <label htmlFor={`${idPrefix}-domain`}>{t('proposeGoal.domain')}</label>
      <select
        id={`${idPrefix}-domain`}
        value={draft.domain}
        onChange={(event) => draft.setDomain(event.target.value as LifeDomain)}
      >
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
              id={`${idPrefix}-option-${option}`}
              type="checkbox"
              checked={draft.options.includes(option)}
              onChange={() => draft.toggleOption(option)}
            />
            <label htmlFor={`${idPrefix}-option-${option}`}>{t(`options.${option}`)}</label>
          </div>
        ))}
      </fieldset>
      {askReplacement && (
        <fieldset>
          <legend>{t('proposeGoal.replacement')}</legend>
          <p className="muted small">{replacementWhy}</p>
          {strategies.length === 0 && <p className="small">{t('proposeGoal.noStrategies')}</p>}
          {strategies.map((strategy) => (
            <div key={strategy.id} className="check">
              <input
                id={`${idPrefix}-replacement-${strategy.id}`}
                type="checkbox"
                checked={draft.replacements.includes(strategy.id)}
                onChange={() => draft.toggleReplacement(strategy.id)}
              />
              <label htmlFor={`${idPrefix}-replacement-${strategy.id}`}>{strategy.text}</label>
            </div>
          ))}
        </fieldset>
      )}
      <LabelPicker
        id={`${idPrefix}-label`}
        value={draft.label && draft.label !== draft.minimum ? draft.label : null}
        minimum={draft.minimum}
        onChange={draft.setLabel}
      />
    </>
  );
}
