import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type UseQueryState } from 'urql';
import {
  AcceptGoalMutation,
  AnswerDecisionMutation,
  ConfirmWrittenWithYouMutation,
  DeclineGoalMutation,
  type PlanQuery,
  type WaitingForYouQuery,
} from '../graphql/documents';
import type { ResultOf, VariablesOf } from '../graphql/graphql';
import { send } from '../live/outbox';
import { LabelTag } from './labels';
import { OfferList } from './OfferList';
import type { Goal } from './plan-types';
import { LastCheckIn, StrategyCheckIn } from './StrategyCheckIn';
import { ScreenIntro } from '../ui/ScreenIntro';

type Waiting = UseQueryState<ResultOf<typeof WaitingForYouQuery>, VariablesOf<typeof WaitingForYouQuery>>;

interface Entry {
  kind: string;
  targetId?: string | null;
}

/**
 * An answer to a decision written down with the participant in the meeting is confirmed on the
 * decision's own card (rule 3), not listed (or counted) twice: those answers by decision, and
 * the other entries to confirm.
 */
export function decisionAnswers<E extends Entry>(
  waiting: { decisionsToAnswer: readonly { id: string }[]; entriesToConfirm: readonly E[] } | undefined,
): { answersWaiting: Map<string, E>; entries: E[] } {
  const decisionIds = new Set(waiting?.decisionsToAnswer.map((decision) => decision.id));
  const answersWaiting = new Map<string, E>();
  const entries: E[] = [];
  for (const entry of waiting?.entriesToConfirm ?? []) {
    if (entry.kind === 'DECISION_ANSWER' && entry.targetId && decisionIds.has(entry.targetId)) {
      answersWaiting.set(entry.targetId, entry);
    } else entries.push(entry);
  }
  return { answersWaiting, entries };
}

/**
 * Waiting for you: one place for proposals, decisions, offers, entries to confirm and
 * check-ins. Nothing here is ever "overdue" (rule 6): it waits until you are ready.
 */
export function WaitingScreen({
  waiting,
  plan,
  onChanged,
}: {
  participantId: string;
  waiting: Waiting;
  plan: ResultOf<typeof PlanQuery>['plan'] | undefined;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [status, setStatus] = useState('');
  const data = waiting.data?.waitingForYou;
  const strategies = plan?.strategies ?? [];
  // Rule 8: the server says whose rhythm has come round (by its clock); rule 6: never "overdue".
  const checkIns = data?.checkInsDue ?? [];
  const empty =
    data &&
    data.goalsToAnswer.length +
      data.entriesToConfirm.length +
      data.offersToAnswer.length +
      data.decisionsToAnswer.length +
      data.checkInsDue.length ===
      0;

  const { answersWaiting, entries } = decisionAnswers(data);
  const confirmEntry = (entry: { id: string; version: number }, accept: boolean) =>
    void send(
      client,
      ConfirmWrittenWithYouMutation,
      { input: { entryId: entry.id, expectedVersion: entry.version, accept } },
      t('offline.changes.proposal'),
    ).then(onChanged);

  const answerGoal = async (goal: Goal, accept: boolean) => {
    const input = { input: { goalId: goal.id, expectedVersion: goal.version } };
    const description = t('offline.changes.proposal');
    const result = accept
      ? await send(client, AcceptGoalMutation, input, description)
      : await send(client, DeclineGoalMutation, input, description);
    if (result !== 'queued' && !result.error)
      setStatus(accept ? t('waiting.accepted', { text: goal.text }) : t('waiting.declined', { text: goal.text }));
    onChanged();
  };

  return (
    <div>
      <ScreenIntro title={t('waiting.title')} intro={t('waiting.intro')} status={status} />
      {!data && <p aria-busy="true">{t('app.loading')}</p>}
      {empty && <p className="card">{t('waiting.nothing')}</p>}

      {data && data.goalsToAnswer.length > 0 && (
        <section aria-labelledby="proposals-title">
          <h2 id="proposals-title">{t('waiting.proposals')}</h2>
          <ul className="list">
            {data.goalsToAnswer.map((goal) => (
              <li key={goal.id} className="card" data-testid="proposal">
                <p className="strong">{goal.text}</p>
                <p className="muted small">{t('waiting.proposedBy', { name: goal.expressedBy.displayName })}</p>
                <div className="row wrap tight">
                  <LabelTag label={goal.label} />
                  <span className="tag">{t(`domains.${goal.domain}`)}</span>
                </div>
                {goal.reducesCopingBehaviour && (
                  <p className="small">
                    {t('waiting.replacement', {
                      text:
                        strategies
                          .filter((strategy) => goal.replacementStrategyIds.includes(strategy.id))
                          .map((strategy) => strategy.text)
                          .join(', ') || t('waiting.replacementHidden'),
                    })}
                  </p>
                )}
                <p className="small">{t('waiting.yourChoice')}</p>
                <div className="row wrap">
                  <button className="primary" onClick={() => void answerGoal(goal, true)}>
                    {t('waiting.accept')}
                  </button>
                  <button onClick={() => void answerGoal(goal, false)}>{t('waiting.decline')}</button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {entries.length > 0 && (
        <section aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t('waiting.entries')}</h2>
          <ul className="list">
            {entries.map((entry) => (
              <li key={entry.id} className="card">
                <p className="strong">{entry.text}</p>
                <p className="muted small">{t('plan.writtenWith', { name: entry.writtenBy.displayName })}</p>
                <ConfirmButtons
                  yes={t('waiting.confirm')}
                  no={t('waiting.notMine')}
                  onAnswer={(accept) => confirmEntry(entry, accept)}
                />
              </li>
            ))}
          </ul>
        </section>
      )}

      {data && data.decisionsToAnswer.length > 0 && (
        <section aria-labelledby="decisions-title">
          <h2 id="decisions-title">{t('waiting.decisions')}</h2>
          <ul className="list">
            {data.decisionsToAnswer.map((decision) => {
              const recorded = decision.answerWaiting;
              const entry = answersWaiting.get(decision.id);
              return (
                <li key={decision.id} className="card" data-testid="decision-to-answer">
                  <p className="strong">{decision.summary}</p>
                  <p className="muted small">{t('waiting.proposedBy', { name: decision.proposedBy.displayName })}</p>
                  {recorded && entry ? (
                    <>
                      <p className="small">
                        {t(recorded.agree ? 'waiting.decisionAgreedWith' : 'waiting.decisionDeclinedWith', {
                          name: recorded.recordedBy.displayName,
                        })}
                      </p>
                      <ConfirmButtons
                        yes={t('waiting.decisionConfirm')}
                        no={t('waiting.decisionNotMine')}
                        onAnswer={(accept) => confirmEntry(entry, accept)}
                      />
                    </>
                  ) : (
                    <div className="row wrap">
                      {[true, false].map((agree) => (
                        <button
                          key={String(agree)}
                          className={agree ? 'primary' : undefined}
                          onClick={() =>
                            void send(
                              client,
                              AnswerDecisionMutation,
                              { input: { decisionId: decision.id, expectedVersion: decision.version, agree } },
                              t('offline.changes.decision'),
                            ).then(onChanged)
                          }
                        >
                          {agree ? t('waiting.agree') : t('waiting.disagree')}
                        </button>
                      ))}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {data && <OfferList offers={data.offersToAnswer} answerable onChanged={onChanged} title={t('waiting.offers')} />}

      {checkIns.length > 0 && (
        <section aria-labelledby="checkins-title">
          <h2 id="checkins-title">{t('waiting.checkIns')}</h2>
          <p className="muted">{t('checkIns.waitingIntro')}</p>
          <ul className="list">
            {checkIns.map((strategy) => (
              <li key={strategy.id} className="card" data-testid="check-in-due">
                <p className="strong">{strategy.text}</p>
                <p className="small">
                  {t(`rhythm.${strategy.checkInRhythm}`)} · {t('waiting.whenReady')}
                </p>
                <LastCheckIn strategy={strategy} />
                <StrategyCheckIn
                  strategy={strategy}
                  onChanged={() => {
                    // The card leaves the list once checked in: the screen's own status says it was saved.
                    setStatus(t('checkIns.savedFor', { text: strategy.text }));
                    onChanged();
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** "Yes, this is right" / "No": the participant's answer to something written down with them. */
function ConfirmButtons({ yes, no, onAnswer }: { yes: string; no: string; onAnswer: (accept: boolean) => void }) {
  return (
    <div className="row wrap">
      <button className="primary" onClick={() => onAnswer(true)}>
        {yes}
      </button>
      <button onClick={() => onAnswer(false)}>{no}</button>
    </div>
  );
}
