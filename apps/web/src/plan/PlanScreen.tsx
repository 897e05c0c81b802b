import { useTranslation } from 'react-i18next';
import { ExportDownloads } from '../exports/ExportDownloads';
import type { UseQueryState } from 'urql';
import type { SensitivityLabel } from '@roundtable/contracts';
import type { PlanQuery } from '../graphql/documents';
import type { ResultOf, VariablesOf } from '../graphql/graphql';
import { Link } from '../ui/Link';
import { GoalList, StepList } from './GoalList';
import { OfferList } from './OfferList';
import { StrategyList } from './StrategyList';
import { VisionCard } from './VisionCard';
import { WinsPanel } from './WinsPanel';
import type { Goal } from './plan-types';
import { LoadState } from '../ui/LoadState';
import { MakeOffer } from './MakeOffer';
import { ProposeGoal } from './ProposeGoal';
import { WriteGoalWith } from './WriteGoalWith';
import { LabelTag } from './labels';
import { MakeStricter } from './MakeStricter';
import { PrintHeading } from '../ui/PrintHeading';

export function PlanScreen({
  participantId,
  isParticipant,
  result,
  participantName,
  droppedLabels,
  waitingCount,
  onChanged,
  setEditing,
}: {
  participantId: string;
  isParticipant: boolean;
  result: UseQueryState<ResultOf<typeof PlanQuery>, VariablesOf<typeof PlanQuery>>;
  /** The name they chose; null until it has loaded. */
  participantName: string | null;
  droppedLabels: ReadonlySet<SensitivityLabel>;
  waitingCount: number;
  onChanged: () => void;
  setEditing: (itemId: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const plan = result.data?.plan;
  const theirName = participantName ?? t('room.theParticipant');
  // Content the viewer just lost access to leaves the page at once, before any refetch (rule 10).
  const dropped: ReadonlySet<string> = droppedLabels;
  const visible = <T extends { label: string }>(items: readonly T[]) =>
    items.filter((item) => !dropped.has(item.label));

  return (
    <div className="plan" data-testid="plan">
      {participantName && <PrintHeading name={participantName} />}
      <h1 tabIndex={-1}>
        {isParticipant
          ? t('plan.title')
          : participantName
            ? t('plan.titleStaffNamed', { name: participantName })
            : t('plan.titleStaff')}
      </h1>
      <LoadState hasData={Boolean(plan)} failed={Boolean(result.error)} />
      {plan && (
        <>
          {isParticipant && waitingCount > 0 && (
            <p className="banner calm">
              <Link href="/waiting">{t('plan.waitingLink', { count: waitingCount })}</Link>
            </p>
          )}
          <VisionCard
            participantId={participantId}
            vision={plan.vision}
            version={plan.version}
            editable={isParticipant}
            onChanged={onChanged}
            setEditing={setEditing}
          />
          <GoalList
            participantId={participantId}
            goals={visible(plan.goals).filter((goal) => goal.lifecycle !== 'PROPOSED' && !goal.declined)}
            strategies={visible(plan.strategies)}
            rankingVersion={plan.rankingVersion ?? null}
            isParticipant={isParticipant}
            onChanged={onChanged}
          />
          {!isParticipant && (
            <>
              <ProposedGoals
                goals={visible(plan.goals).filter((goal) => goal.lifecycle === 'PROPOSED' && !goal.declined)}
                participantName={theirName}
                onChanged={onChanged}
              />
              <WriteGoalWith
                participantId={participantId}
                participantName={theirName}
                strategies={visible(plan.strategies)}
                onChanged={onChanged}
              />
              <ProposeGoal
                participantId={participantId}
                participantName={theirName}
                strategies={visible(plan.strategies)}
                onChanged={onChanged}
              />
              <MakeOffer participantId={participantId} participantName={theirName} onChanged={onChanged} />
            </>
          )}
          {/* Steps toward no goal, such as an action item from a meeting: still part of the plan. */}
          {visible(plan.looseSteps).length > 0 && (
            <section aria-labelledby="loose-steps-title" className="card" data-testid="loose-steps">
              <h2 id="loose-steps-title">{t('plan.looseSteps')}</h2>
              <StepList steps={visible(plan.looseSteps)} editable={isParticipant} onChanged={onChanged} />
            </section>
          )}
          {isParticipant && <WinsPanel participantId={participantId} />}
          <StrategyList strategies={visible(plan.strategies)} editable={isParticipant} onChanged={onChanged} />
          <OfferList
            offers={visible(plan.offers).filter((offer) => !offer.hiddenByParticipant)}
            answerable={isParticipant}
            onChanged={onChanged}
            title={isParticipant ? undefined : t('plan.offers.titleStaff')}
          />
          <ExportDownloads
            titleKey="exports.planTitle"
            links={[
              {
                labelKey: 'exports.planPdf',
                path: `/exports/participants/${participantId}/plan.pdf?language=${i18n.language.startsWith('es') ? 'es' : 'en'}`,
                fileName: 'my-plan.pdf',
              },
            ]}
          />
        </>
      )}
    </div>
  );
}

/** For the team: what they suggested and the participant has not answered yet (rule 1: it waits for them). */
function ProposedGoals({
  goals,
  participantName,
  onChanged,
}: {
  goals: readonly Goal[];
  participantName: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  if (goals.length === 0) return null;
  return (
    <section aria-labelledby="proposed-title">
      <h2 id="proposed-title">{t('plan.proposed.title', { name: participantName })}</h2>
      <ul className="list" data-testid="proposed-goals">
        {goals.map((goal) => (
          <li key={goal.id} className="card">
            <p>{goal.text}</p>
            <p className="muted small">{t('plan.proposed.by', { name: goal.expressedBy.displayName })}</p>
            <LabelTag label={goal.label} />
            <MakeStricter item={goal} authorId={goal.expressedBy.accountId} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </section>
  );
}
