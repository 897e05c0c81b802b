import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { errorCodeOf } from '../auth/sign-in';
import { RankGoalsMutation, RateStageMutation, SetStepDoneMutation } from '../graphql/documents';
import { send } from '../live/outbox';
import { getSession } from '../auth/session';
import { AddStep } from './AddStep';
import { LabelTag } from './labels';
import { MakeStricter } from './MakeStricter';
import type { Goal, Strategy } from './plan-types';
import { announce, WINS_MAY_CHANGE } from '../live/plan-changed';

const STAGES = ['PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE'] as const;

function byRank(goals: readonly Goal[]): Goal[] {
  return [...goals].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
}

/**
 * The participant's goals in their own order (rule 1): re-rank by dragging or with the
 * move up / move down buttons (keyboard). Who expressed each goal is always shown.
 */
export function GoalList({
  participantId,
  goals,
  strategies,
  rankingVersion,
  isParticipant,
  onChanged,
}: {
  participantId: string;
  goals: readonly Goal[];
  strategies: readonly Strategy[];
  rankingVersion: number | null;
  isParticipant: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [order, setOrder] = useState<Goal[]>(byRank(goals));
  const [dragging, setDragging] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => setOrder(byRank(goals)), [goals]);

  const saveOrder = async (next: Goal[], moved: Goal) => {
    setOrder(next);
    if (rankingVersion === null) return;
    const position = next.findIndex((goal) => goal.id === moved.id) + 1;
    setAnnouncement(t('plan.goals.movedTo', { text: moved.text, position, count: next.length }));
    const result = await send(
      client,
      RankGoalsMutation,
      { input: { participantId, expectedVersion: rankingVersion, goalIds: next.map((goal) => goal.id) } },
      t('offline.changes.order'),
    );
    if (result !== 'queued' && errorCodeOf(result.error) === 'CONFLICT') setAnnouncement(t('plan.goals.orderConflict'));
    onChanged();
  };

  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved);
    void saveOrder(next, moved);
  };

  const drop = (event: DragEvent, targetId: string) => {
    event.preventDefault();
    const from = order.findIndex((goal) => goal.id === dragging);
    const to = order.findIndex((goal) => goal.id === targetId);
    setDragging(null);
    if (from < 0 || to < 0 || from === to) return;
    const next = [...order];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    void saveOrder(next, moved);
  };

  return (
    <section aria-labelledby="goals-title">
      <h2 id="goals-title">{isParticipant ? t('plan.goals.title') : t('plan.goals.titleStaff')}</h2>
      {isParticipant && <p className="muted">{t('plan.goals.orderHint')}</p>}
      {order.length === 0 && <p className="muted">{t('plan.goals.none')}</p>}
      <ol className="goals" data-testid="goals">
        {order.map((goal, index) => (
          <li
            key={goal.id}
            className={`card goal${dragging === goal.id ? ' dragging' : ''}`}
            draggable={isParticipant}
            onDragStart={(event) => {
              setDragging(goal.id);
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', goal.id);
            }}
            onDragOver={(event) => isParticipant && event.preventDefault()}
            onDrop={(event) => drop(event, goal.id)}
            onDragEnd={() => setDragging(null)}
            data-goal-id={goal.id}
          >
            <div className="row spread top-align">
              <h3 className="goal-text" id={`goal-title-${goal.id}`}>
                <span className="rank" aria-hidden="true">
                  {index + 1}
                </span>
                {goal.text}
              </h3>
              {isParticipant && (
                <div className="row tight">
                  <button
                    className="icon"
                    onClick={() => move(index, -1)}
                    disabled={index === 0}
                    aria-label={t('plan.goals.moveUp', { text: goal.text })}
                  >
                    ↑
                  </button>
                  <button
                    className="icon"
                    onClick={() => move(index, 1)}
                    disabled={index === order.length - 1}
                    aria-label={t('plan.goals.moveDown', { text: goal.text })}
                  >
                    ↓
                  </button>
                </div>
              )}
            </div>
            <p className="muted small">
              {goal.expressedBy.isParticipant
                ? isParticipant
                  ? t('plan.goals.inYourWords')
                  : t('plan.goals.inTheirWords', { name: goal.expressedBy.displayName })
                : t('plan.goals.expressedBy', { name: goal.expressedBy.displayName })}
              {goal.writtenWith && <> · {t('plan.writtenWith', { name: goal.writtenWith.displayName })}</>}
            </p>
            <div className="row wrap tight">
              <LabelTag label={goal.label} />
              <span className="tag">{t(`domains.${goal.domain}`)}</span>
              {goal.options.map((option) => (
                <span key={option} className="tag option">
                  {t(`options.${option}`)}
                </span>
              ))}
            </div>
            {/* A goal the participant has taken up is theirs to re-label (rule 10): the control is theirs alone here. */}
            {isParticipant && <MakeStricter item={goal} authorId={null} onChanged={onChanged} />}
            <StagePicker goal={goal} editable={isParticipant} onChanged={onChanged} />
            {goal.replacementStrategyIds.length > 0 && (
              <p className="small">
                {t('plan.goals.replacement', {
                  text: strategies
                    .filter((strategy) => goal.replacementStrategyIds.includes(strategy.id))
                    .map((strategy) => strategy.text)
                    .join(', '),
                })}
              </p>
            )}
            <StepList steps={goal.steps} editable={isParticipant} onChanged={onChanged} />
            {!isParticipant && <AddStep participantId={participantId} goal={goal} onChanged={onChanged} />}
          </li>
        ))}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/** Stage of change in plain words, the clinical term beside it; free to move back (rule 7). */
function StagePicker({ goal, editable, onChanged }: { goal: Goal; editable: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const id = `stage-${goal.id}`;
  const me = getSession()?.account.id;
  const isStaff = getSession()?.account.kind === 'STAFF';
  // Staff ratings are kept beside the participant's own, never in place of it (rule 7): the latest per person.
  const latest = new Map<string, Goal['staffStages'][number]>();
  for (const rating of goal.staffStages) {
    const who = rating.ratedBy.accountId ?? rating.ratedBy.displayName;
    const seen = latest.get(who);
    if (!seen || seen.at < rating.at) latest.set(who, rating);
  }
  const mine = me ? latest.get(me) : undefined;
  const words = (stage: (typeof STAGES)[number]) => `${t(`stages.${stage}.plain`)} (${t(`stages.${stage}.term`)})`;
  const rate = (stage: (typeof STAGES)[number]) =>
    void send(
      client,
      RateStageMutation,
      { input: { goalId: goal.id, stage, expectedVersion: goal.version } },
      t('offline.changes.stage'),
    ).then(onChanged);
  const picker = (value: string, label: string) => (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const stage = STAGES.find((candidate) => candidate === event.target.value);
          if (stage) rate(stage);
        }}
      >
        {!value && <option value="">{t('plan.stage.choose')}</option>}
        {STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {words(stage)}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <div className="stage">
      {editable ? (
        picker(goal.stage ?? '', t('plan.stage.question'))
      ) : (
        <p className="small">
          {t('plan.stage.label')}: {goal.stage ? words(goal.stage) : t('plan.stage.none')}
        </p>
      )}
      {latest.size > 0 && (
        <ul className="small muted plain" aria-label={t('plan.stage.teamViews')}>
          {[...latest.values()]
            .filter((rating) => rating.ratedBy.accountId !== me)
            .map((rating) => (
              <li key={rating.ratedBy.accountId ?? rating.ratedBy.displayName}>
                {t('plan.stage.viewOf', { name: rating.ratedBy.displayName, stage: words(rating.stage) })}
              </li>
            ))}
        </ul>
      )}
      {isStaff && picker(mine?.stage ?? '', t('plan.stage.yourView'))}
    </div>
  );
}

export function StepList({
  steps,
  editable,
  onChanged,
}: {
  steps: Goal['steps'];
  editable: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  // What the participant just ticked shows at once; the saved state takes over when it arrives.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const shown = (step: Goal['steps'][number]) =>
    ticked[step.id] !== undefined && ticked[step.id] !== step.done ? ticked[step.id] : step.done;
  if (steps.length === 0) return null;
  return (
    <div>
      <h4>{t('plan.steps.title')}</h4>
      <ul className="steps">
        {steps.map((step) => (
          <li key={step.id} className="check">
            <input
              id={`step-${step.id}`}
              type="checkbox"
              checked={shown(step)}
              disabled={!editable}
              onChange={(event) => {
                const done = event.target.checked;
                setTicked((current) => ({ ...current, [step.id]: done }));
                void send(
                  client,
                  SetStepDoneMutation,
                  { input: { stepId: step.id, done, expectedVersion: step.version } },
                  t('offline.changes.step', { text: step.text }),
                ).then((result) => {
                  if (result !== 'queued' && result.error) setTicked(({ [step.id]: _dropped, ...rest }) => rest);
                  onChanged();
                  announce(WINS_MAY_CHANGE);
                });
              }}
            />
            <div className="grow">
              <label htmlFor={`step-${step.id}`} className={shown(step) ? 'done' : undefined}>
                {step.text}
                {shown(step) && <span className="visually-hidden"> ({t('plan.steps.done')})</span>}
              </label>
              <MakeStricter item={step} authorId={step.createdBy.accountId} onChanged={onChanged} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
