import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { LifeDomain } from '@roundtable/contracts';
import { AnswerDecisionMutation, ProposeDecisionMutation } from '../graphql/documents';
import { CoSignField, coSignOf } from '../ui/CoSignField';
import { FormSubmit, useChangeForm } from '../ui/change-form';
import { authorOf, Field, useRoomForm, type ItemFormProps, type RoomDecision, type RoomItem } from './room-parts';
import { LabelAndHint } from '../ui/LabelAndHint';

/**
 * The decisions on an item, and where each one stands, in the same words on every screen in
 * the room: waiting for the participant; an answer written down with them and waiting for
 * their confirmation on their own device; agreed; or not agreed (PRODUCT.md rule 3: nothing
 * changes in the plan until the participant agrees, themselves).
 */
export function Decisions({
  item,
  participantName,
  answerable,
  onChanged,
}: {
  item: RoomItem;
  participantName: string;
  /** Staff on the team, while the room is open: the participant may answer here, with them. */
  answerable: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  if (item.decisions.length === 0) return null;
  return (
    <>
      <h4>{t('room.decisions')}</h4>
      <ul className="plain">
        {item.decisions.map((decision) => (
          <li key={decision.id} className="decision" data-testid="decision">
            <p id={`decision-${decision.id}`}>{decision.summary}</p>
            {decision.changeKind === 'ADD_GOAL' && decision.newGoal && (
              <p className="small">
                {t('room.decision.addsGoal', { name: participantName, text: decision.newGoal.text })}
              </p>
            )}
            <DecisionState decision={decision} participantName={participantName} />
            {answerable && decision.status === 'WAITING_FOR_PARTICIPANT' && (
              <AnswerHere decision={decision} participantName={participantName} onChanged={onChanged} />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function DecisionState({ decision, participantName }: { decision: RoomDecision; participantName: string }) {
  const { t } = useTranslation();
  const name = participantName;
  const waiting = decision.answerWaiting;
  const lines =
    decision.status === 'WAITING_FOR_PARTICIPANT'
      ? waiting
        ? [
            t(waiting.agree ? 'room.decision.agreedWith' : 'room.decision.declinedWith', {
              name,
              by: authorOf(waiting.recordedBy, name),
            }),
          ]
        : [t('room.decision.WAITING_FOR_PARTICIPANT', { name })]
      : [
          t(`room.decision.${decision.status}`, { name }),
          ...(decision.coSigned && decision.answeredBy
            ? [t('room.decision.coSigned', { name, by: authorOf(decision.answeredBy, name) })]
            : []),
          ...(decision.status === 'AGREED' && decision.changeKind === 'ADD_GOAL'
            ? [t('room.decision.goalAdded', { name })]
            : []),
        ];
  return (
    <p className={`small strong decision-${decision.status.toLowerCase()}`} data-testid="decision-state">
      {lines.join(' ')}
      {decision.answerNote && <> “{decision.answerNote}”</>}
    </p>
  );
}

/**
 * The participant answers in the room, with a team member (rules 1 and 3). With their own
 * passphrase typed on this screen (CoSignField) the answer is theirs at once; without it, it
 * is written down and waits for them to confirm it on their own device. The passphrase is
 * never kept: the field empties after every try, whatever the answer.
 */
function AnswerHere({
  decision,
  participantName,
  onChanged,
}: {
  decision: RoomDecision;
  participantName: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  // Not useRoomForm: the passphrase empties after every try, not only after a saved answer.
  const form = useChangeForm(t('room.conflict'));
  const [agree, setAgree] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [done, setDone] = useState('');
  const id = `answer-${decision.id}`;
  const name = participantName;
  const coSign = coSignOf(passphrase);
  const missing =
    agree === null
      ? t('room.answer.choose', { name })
      : !coSign && decision.answerWaiting
        ? t('room.answer.alreadyWaiting', { name })
        : null;
  const submit = (event: FormEvent) =>
    form.submit(
      event,
      missing,
      async (idempotencyKey) => {
        const result = await client
          .mutation(AnswerDecisionMutation, {
            input: {
              decisionId: decision.id,
              expectedVersion: decision.version,
              agree: agree === true,
              note: note.trim() || null,
              ...(coSign ? { coSign } : { withParticipant: true }),
              idempotencyKey,
            },
          })
          .toPromise();
        setPassphrase('');
        return result;
      },
      () => {
        setDone(
          coSign
            ? t(agree ? 'room.answer.agreedNow' : 'room.answer.declinedNow', { name })
            : t('room.answer.waits', { name }),
        );
        setAgree(null);
        setNote('');
        onChanged();
      },
    );
  return (
    <details className="block">
      <summary aria-describedby={`decision-${decision.id}`}>{t('room.answer.open', { name })}</summary>
      <form onSubmit={(event) => void submit(event)} data-testid="answer-here">
        <p className="muted small">{t('room.answer.intro', { name })}</p>
        <fieldset>
          <legend>{t('room.answer.legend', { name })}</legend>
          {[true, false].map((value) => (
            <div key={String(value)} className="check">
              <input
                id={`${id}-${value ? 'yes' : 'no'}`}
                type="radio"
                name={`${id}-agree`}
                checked={agree === value}
                onChange={() => {
                  setDone('');
                  setAgree(value);
                }}
              />
              <label htmlFor={`${id}-${value ? 'yes' : 'no'}`}>
                {t(value ? 'room.answer.agrees' : 'room.answer.declines', { name })}
              </label>
            </div>
          ))}
        </fieldset>
        <Field id={`${id}-note`} label={t('room.answer.note', { name })}>
          <input id={`${id}-note`} value={note} onChange={(event) => setNote(event.target.value)} />
        </Field>
        <CoSignField id={`${id}-cosign`} name={name} value={passphrase} onChange={setPassphrase} />
        <FormSubmit
          form={form}
          label={coSign ? t('room.answer.submitNow', { name }) : t('room.answer.submitWaits', { name })}
          status={done}
        />
      </form>
    </details>
  );
}

type ChangeKind = 'RECORD_ONLY' | 'ADD_GOAL';

/**
 * A decision proposed in the room: recorded in the minutes only, or a goal added to the plan.
 * Either way it changes nothing until the participant agrees (rules 1 and 3).
 */
export function ProposeDecision({ item, participantName, onChanged }: ItemFormProps) {
  const { t } = useTranslation();
  const form = useRoomForm(ProposeDecisionMutation);
  const [summary, setSummary] = useState('');
  const [kind, setKind] = useState<ChangeKind>('RECORD_ONLY');
  const [goalText, setGoalText] = useState('');
  const [domain, setDomain] = useState<LifeDomain>(LifeDomain.QUALITY_OF_LIFE);
  const id = `decision-${item.id}`;
  const name = participantName;
  const missing =
    summary.trim() === ''
      ? t('room.decisionMissing')
      : kind === 'ADD_GOAL' && goalText.trim() === ''
        ? t('room.proposeGoalMissing')
        : null;
  const submit = form.handler(
    missing,
    (idempotencyKey) => ({
      input: {
        agendaItemId: item.id,
        summary,
        changeKind: kind,
        ...(kind === 'ADD_GOAL' ? { newGoal: { text: goalText, domain } } : {}),
        idempotencyKey,
      },
    }),
    () => {
      setSummary('');
      setGoalText('');
      setKind('RECORD_ONLY');
      onChanged();
    },
  );
  return (
    <form className="block" onSubmit={submit}>
      <LabelAndHint id={id} label={t('room.propose')} hint={t('room.proposeHint', { name })} />
      <input
        id={id}
        value={summary}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setSummary(event.target.value)}
      />
      <Field id={`${id}-kind`} label={t('room.proposeKind')}>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as ChangeKind)}>
          <option value="RECORD_ONLY">{t('room.proposeRecordOnly')}</option>
          <option value="ADD_GOAL">{t('room.proposeAddGoal', { name })}</option>
        </select>
      </Field>
      {kind === 'ADD_GOAL' && (
        <>
          <Field id={`${id}-goal`} label={t('room.proposeGoalText')}>
            <input id={`${id}-goal`} value={goalText} onChange={(event) => setGoalText(event.target.value)} />
          </Field>
          <Field id={`${id}-domain`} label={t('proposeGoal.domain')}>
            <select
              id={`${id}-domain`}
              value={domain}
              onChange={(event) => setDomain(event.target.value as LifeDomain)}
            >
              {Object.values(LifeDomain).map((value) => (
                <option key={value} value={value}>
                  {t(`domains.${value}`)}
                </option>
              ))}
            </select>
          </Field>
        </>
      )}
      <FormSubmit form={form} label={t('room.proposeSubmit')} />
    </form>
  );
}
