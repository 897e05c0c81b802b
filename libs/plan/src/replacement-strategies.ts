import type { DataSource } from 'typeorm';
import { itemsInPlan } from './items-in-plan';
import type { PlanViewer } from './plan-access';
import { StrategyEntity } from './plan.entities';

/**
 * Replacement strategies a proposal links (PRODUCT.md rule 9): each in this plan and visible
 * to the proposer; otherwise BAD_USER_INPUT naming `field` (a hidden one answers like a missing one).
 */
export function replacementStrategies(
  dataSource: DataSource,
  viewer: PlanViewer,
  ids: readonly string[],
  field: string,
): Promise<StrategyEntity[]> {
  return itemsInPlan(dataSource, StrategyEntity, viewer, ids, field, 'not strategies in this plan');
}
