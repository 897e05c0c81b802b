import type { DataSource } from 'typeorm';
import { SensitivityLabel, strictestLabel } from '@roundtable/contracts';
import { badUserInput } from '@roundtable/platform';
import type { PlanViewer } from './plan-access';
import { GoalEntity } from './plan.entities';

/**
 * The goals an item links to, each in this plan and visible to the writer; otherwise
 * BAD_USER_INPUT naming `field` (a hidden goal answers like a missing one).
 */
export async function linkedGoals(
  dataSource: DataSource,
  viewer: PlanViewer,
  goalIds: readonly string[],
  field: string,
): Promise<GoalEntity[]> {
  if (goalIds.length === 0) return [];
  const goals = await dataSource
    .getRepository(GoalEntity)
    .findBy(goalIds.map((id) => ({ id, participantId: viewer.participantId })));
  if (goals.length !== new Set(goalIds).size || goals.some((goal) => !viewer.labels.has(goal.label))) {
    throw badUserInput(field, `${field}: not ${goalIds.length === 1 ? 'a goal' : 'goals'} in this plan`);
  }
  return goals;
}

/** What links to goals reveals them: at least the strictest of their labels. */
export function linkedLabel(goals: readonly GoalEntity[]): SensitivityLabel {
  return strictestLabel(SensitivityLabel.GENERAL, ...goals.map((goal) => goal.label));
}
