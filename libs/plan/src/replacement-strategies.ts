import type { DataSource } from 'typeorm';
import { badUserInput } from '@roundtable/platform';
import type { PlanViewer } from './plan-access';
import { StrategyEntity } from './plan.entities';

/**
 * Replacement strategies a proposal links (PRODUCT.md rule 9): each in this plan and visible
 * to the proposer; otherwise BAD_USER_INPUT naming `field` (a hidden one answers like a missing one).
 */
export async function replacementStrategies(
  dataSource: DataSource,
  viewer: PlanViewer,
  ids: readonly string[],
  field: string,
): Promise<StrategyEntity[]> {
  if (ids.length === 0) return [];
  const strategies = await dataSource.getRepository(StrategyEntity).findBy(ids.map((id) => ({ id })));
  const usable = strategies.filter((s) => s.participantId === viewer.participantId && viewer.labels.has(s.label));
  if (usable.length !== new Set(ids).size) throw badUserInput(field, `${field}: not strategies in this plan`);
  return usable;
}
