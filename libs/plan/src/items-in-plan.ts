import type { DataSource, EntityTarget, FindOptionsWhere } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { badUserInput } from '@roundtable/platform';
import type { PlanViewer } from './plan-access';

/** A plan item as linking judges it: whose plan it is in, and under which label. */
interface PlanItemRow {
  id: string;
  participantId: string;
  label: SensitivityLabel;
}

/**
 * The items of one kind a write links to, each in this plan and visible to the writer;
 * otherwise BAD_USER_INPUT naming `field` and saying `${field}: not …` (a hidden item answers
 * like a missing one, rule 11).
 */
export async function itemsInPlan<T extends PlanItemRow>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  viewer: PlanViewer,
  ids: readonly string[],
  field: string,
  notThem: string,
): Promise<T[]> {
  if (ids.length === 0) return [];
  const items = await dataSource
    .getRepository(entity)
    .findBy(ids.map((id) => ({ id, participantId: viewer.participantId }) as FindOptionsWhere<T>));
  if (items.length !== new Set(ids).size || items.some((item) => !viewer.labels.has(item.label))) {
    throw badUserInput(field, `${field}: ${notThem}`);
  }
  return items;
}
