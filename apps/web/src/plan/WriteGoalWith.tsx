import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { ExpressGoalMutation } from '../graphql/documents';
import { FoldedForm, useChangeForm } from '../ui/change-form';
import { CoSignField, coSignOf } from '../ui/CoSignField';
import { GoalDraftFields, useGoalDraft, type GoalFormProps } from './GoalDraftFields';

/**
 * A team member writes down a goal in the participant's own words, with them (PRODUCT.md
 * rules 1 and 3): it is theirs, not a suggestion. Left without a co-sign it waits for them to
 * confirm or change it on their own device, and until then it is not active, and a goal to
 * cut down names what can help instead (rule 9), as a suggestion does. With the participant's
 * passphrase typed here by them it is theirs and active at once. A refusal (a mistyped
 * passphrase) keeps every word typed; only the passphrase is ever cleared.
 */
export function WriteGoalWith({ participantId, participantName, strategies, onChanged }: GoalFormProps) {
  const { t } = useTranslation();
  const client = useClient();
  const form = useChangeForm();
  const draft = useGoalDraft();
  const [passphrase, setPassphrase] = useState('');
  const [sent, setSent] = useState('');
  // Rule 9 holds until the words are confirmed as theirs: a co-sign confirms them at once.
  const needsReplacement = draft.reduces && passphrase === '';

  const missing =
    draft.text.trim() === ''
      ? t('writeGoalWith.textMissing', { name: participantName })
      : needsReplacement && draft.replacements.length === 0
        ? t('proposeGoal.replacementMissing')
        : null;
  const submit = (event: FormEvent) => {
    const coSigned = passphrase !== '';
    const text = draft.text;
    return form.submit(
      event,
      missing,
      (idempotencyKey) =>
        client
          .mutation(ExpressGoalMutation, {
            input: {
              participantId,
              text,
              domain: draft.domain,
              options: draft.options,
              writtenWithParticipant: true,
              replacementStrategyIds: needsReplacement ? draft.replacements : [],
              coSign: coSignOf(passphrase),
              label: draft.label ?? undefined,
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
        draft.reset();
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
      <GoalDraftFields
        idPrefix="write-goal"
        draft={draft}
        textLabel={t('writeGoalWith.text', { name: participantName })}
        replacementWhy={t('writeGoalWith.replacementWhy', { name: participantName })}
        askReplacement={needsReplacement}
        strategies={strategies}
      />
      <CoSignField id="write-goal-cosign" name={participantName} value={passphrase} onChange={setPassphrase} />
    </FoldedForm>
  );
}
