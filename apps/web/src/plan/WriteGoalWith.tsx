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
import { ExpressGoalMutation } from '../graphql/documents';
import { FoldedForm, useChangeForm } from '../ui/change-form';
import { CoSignField, coSignOf } from '../ui/CoSignField';
import { LabelPicker, LanguageHints } from './LanguageHints';
import type { Strategy } from './plan-types';

/**
 * A team member writes down a goal in the participant's own words, with them (PRODUCT.md
 * rules 1 and 3): it is theirs, not a suggestion. Left without a co-sign it waits for them to
 * confirm or change it on their own device, and until then it is not active, and a goal to
 * cut down names what can help instead (rule 9), as a suggestion does. With the participant's
 * passphrase typed here by them it is theirs and active at once. A refusal (a mistyped
 * passphrase) keeps every word typed; only the passphrase is ever cleared.
 */
export function WriteGoalWith({
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
  const [passphrase, setPassphrase] = useState('');
  const [sent, setSent] = useState('');
  const minimum = defaultGoalLabel(domain, options);
  const reduces = options.some((option) => REDUCING_OPTIONS.has(option));
  // Rule 9 holds until the words are confirmed as theirs: a co-sign confirms them at once.
  const needsReplacement = reduces && passphrase === '';
  const toggle = <T,>(list: readonly T[], value: T) =>
    list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];

  const missing =
    text.trim() === ''
      ? t('writeGoalWith.textMissing', { name: participantName })
      : needsReplacement && replacements.length === 0
        ? t('proposeGoal.replacementMissing')
        : null;
  const submit = (event: FormEvent) => {
    const coSigned = passphrase !== '';
    return form.submit(
      event,
      missing,
      (idempotencyKey) =>
        client
          .mutation(ExpressGoalMutation, {
            input: {
              participantId,
              text,
              domain,
              options,
              writtenWithParticipant: true,
              replacementStrategyIds: needsReplacement ? replacements : [],
              coSign: coSignOf(passphrase),
              label: label ?? undefined,
              idempotencyKey,
            },
          })
          .toPromise()
          .then((result) => {
            // Never kept past one try, whatever the answer (rule 3: it is theirs alone).
            setPassphrase('');
            return result;
          }),
      () => {
        setSent(
          coSigned
            ? t('writeGoalWith.savedAsTheirs', { name: participantName, text })
            : t('writeGoalWith.waitsForThem', { name: participantName, text }),
        );
        setText('');
        setOptions([]);
        setReplacements([]);
        setLabel(null);
        onChanged();
      },
    );
  };

  return (
    <FoldedForm
      summary={t('writeGoalWith.open', { name: participantName })}
      submitLabel={t('writeGoalWith.submit')}
      form={form}
      onSubmit={(event) => void submit(event)}
      sent={sent}
    >
      <p className="muted small">{t('writeGoalWith.intro', { name: participantName })}</p>
      <label htmlFor="write-goal-text">{t('writeGoalWith.text', { name: participantName })}</label>
      <textarea
        id="write-goal-text"
        rows={2}
        value={text}
        aria-describedby="write-goal-hints"
        onChange={(event) => setText(event.target.value)}
      />
      <LanguageHints
        id="write-goal-hints"
        text={text}
        label={label ?? minimum}
        onStricterLabel={(stricter) => setLabel(strictestLabel(stricter, minimum))}
      />
      <label htmlFor="write-goal-domain">{t('proposeGoal.domain')}</label>
      <select id="write-goal-domain" value={domain} onChange={(event) => setDomain(event.target.value as LifeDomain)}>
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
              id={`write-goal-option-${option}`}
              type="checkbox"
              checked={options.includes(option)}
              onChange={() => setOptions(toggle(options, option))}
            />
            <label htmlFor={`write-goal-option-${option}`}>{t(`options.${option}`)}</label>
          </div>
        ))}
      </fieldset>
      {needsReplacement && (
        <fieldset>
          <legend>{t('proposeGoal.replacement')}</legend>
          <p className="muted small">{t('writeGoalWith.replacementWhy', { name: participantName })}</p>
          {strategies.length === 0 && <p className="small">{t('proposeGoal.noStrategies')}</p>}
          {strategies.map((strategy) => (
            <div key={strategy.id} className="check">
              <input
                id={`write-goal-replacement-${strategy.id}`}
                type="checkbox"
                checked={replacements.includes(strategy.id)}
                onChange={() => setReplacements(toggle(replacements, strategy.id))}
              />
              <label htmlFor={`write-goal-replacement-${strategy.id}`}>{strategy.text}</label>
            </div>
          ))}
        </fieldset>
      )}
      <LabelPicker
        id="write-goal-label"
        value={label && label !== minimum ? label : null}
        minimum={minimum}
        onChange={setLabel}
      />
      <CoSignField id="write-goal-cosign" name={participantName} value={passphrase} onChange={setPassphrase} />
    </FoldedForm>
  );
}
