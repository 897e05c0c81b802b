import type { DataSource } from 'typeorm';
import { SensitivityLabel, strictestLabel } from '@roundtable/contracts';
import { itemsInPlan } from './items-in-plan';
import type { PlanViewer } from './plan-access';
import { GoalEntity } from './plan.entities';

/**
 * The goals an item links to, each in this plan and visible to the writer; otherwise
 * BAD_USER_INPUT naming `field` (a hidden goal answers like a missing one).
 */
export function linkedGoals(
  dataSource: DataSource,
  viewer: PlanViewer,
  goalIds: readonly string[],
  field: string,
): Promise<GoalEntity[]> {
  return itemsInPlan(
    dataSource,
    GoalEntity,
    viewer,
    goalIds,
    field,
    `not ${goalIds.length === 1 ? 'a goal' : 'goals'} in this plan`,
  );
}

/** What links to goals reveals them: at least the strictest of their labels. */
export function linkedLabel(goals: readonly GoalEntity[]): SensitivityLabel {
  return strictestLabel(SensitivityLabel.GENERAL, ...goals.map((goal) => goal.label));
}
