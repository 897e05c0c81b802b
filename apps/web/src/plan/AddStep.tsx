import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SensitivityLabel } from '@roundtable/contracts';
import { AddStepMutation } from '../graphql/documents';
import { FoldedForm, missingIfBlank, useMutationForm } from '../ui/change-form';
import { LabelPicker, LanguageHints } from './LanguageHints';
import type { Goal } from './plan-types';

/**
 * A team member adds a step toward one of the participant's goals. The step carries at least
 * the goal's label (what it is toward reveals the goal, rule 10); the author may make it
 * stricter, for example from a language hint, before it is saved.
 */
export function AddStep({
  participantId,
  goal,
  onChanged,
}: {
  participantId: string;
  goal: Pick<Goal, 'id' | 'text' | 'label'>;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const form = useMutationForm(AddStepMutation);
  const [text, setText] = useState('');
  const [label, setLabel] = useState<SensitivityLabel | null>(null);
  const [added, setAdded] = useState('');
  const minimum = SensitivityLabel[goal.label];
  const id = `add-step-${goal.id}`;
  const submit = form.handler(
    missingIfBlank(text, t('addStep.missing')),
    (idempotencyKey) => ({
      input: { participantId, goalId: goal.id, text, label: label ?? undefined, idempotencyKey },
    }),
    () => {
      setAdded(t('addStep.added', { text }));
      setText('');
      setLabel(null);
      onChanged();
    },
  );
  return (
    <FoldedForm
      summary={t('addStep.open')}
      submitLabel={t('addStep.submit')}
      form={form}
      onSubmit={submit}
      sent={added}
      className="no-print"
    >
      {/* Named "The step" + the goal's heading, so a screen reader hears which goal it is toward. */}
      <label id={`${id}-name`} htmlFor={id}>
        {t('addStep.text')}
      </label>
      <input
        id={id}
        value={text}
        aria-labelledby={`${id}-name goal-title-${goal.id}`}
        aria-describedby={`${id}-hints`}
        onChange={(event) => setText(event.target.value)}
      />
      <LanguageHints id={`${id}-hints`} text={text} label={label ?? minimum} onStricterLabel={setLabel} />
      <LabelPicker id={`${id}-label`} value={label} minimum={minimum} onChange={setLabel} />
    </FoldedForm>
  );
}
