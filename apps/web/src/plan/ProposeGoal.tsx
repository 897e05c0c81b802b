import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProposeGoalMutation } from '../graphql/documents';
import { FoldedForm, useMutationForm } from '../ui/change-form';
import { GoalDraftFields, useGoalDraft, type GoalFormProps } from './GoalDraftFields';

/**
 * A team member suggests a goal (PRODUCT.md rule 1): it waits for the participant, who
 * accepts, changes or declines it on their own device. A suggestion that asks them to
 * reduce or stop a way of coping names what can help instead (rule 9); the API refuses it
 * otherwise, and the form asks for it first.
 */
export function ProposeGoal({ participantId, participantName, strategies, onChanged }: GoalFormProps) {
  const { t } = useTranslation();
  const form = useMutationForm(ProposeGoalMutation);
  const draft = useGoalDraft();
  const [sent, setSent] = useState('');

  const missing =
    draft.text.trim() === ''
      ? t('proposeGoal.textMissing')
      : draft.reduces && draft.replacements.length === 0
        ? t('proposeGoal.replacementMissing')
        : null;
  const submit = form.handler(
    missing,
    (idempotencyKey) => ({
      input: {
        participantId,
        text: draft.text,
        domain: draft.domain,
        options: draft.options,
        replacementStrategyIds: draft.reduces ? draft.replacements : [],
        label: draft.label ?? undefined,
        idempotencyKey,
      },
    }),
    () => {
      setSent(t('proposeGoal.sent', { name: participantName, text: draft.text }));
      draft.reset();
      onChanged();
    },
  );

  return (
    <FoldedForm
      summary={t('proposeGoal.open')}
      submitLabel={t('proposeGoal.submit', { name: participantName })}
      form={form}
      onSubmit={submit}
      sent={sent}
    >
      <p className="muted small">{t('proposeGoal.intro', { name: participantName })}</p>
      <GoalDraftFields
        idPrefix="propose"
        draft={draft}
        textLabel={t('proposeGoal.text')}
        replacementWhy={t('proposeGoal.replacementWhy')}
        askReplacement={draft.reduces}
        strategies={strategies}
      />
    </FoldedForm>
  );
}
