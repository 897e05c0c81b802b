import type { SensitivityLabel } from '@roundtable/contracts';
import type { PlanEventEntity } from '@roundtable/plan';

/** More events than this behind: the client reloads the plan over GraphQL instead. */
export const REPLAY_LIMIT = 5000;

/**
 * Splits a replay at the start of the viewer's access: a label with an event from before
 * its access began is not replayed at all (the client reloads that label over GraphQL).
 */
export function withinAccess(
  replay: PlanEventEntity[],
  since: Map<SensitivityLabel, Date>,
): { replayed: PlanEventEntity[]; tooFarBack: Set<SensitivityLabel> } {
  const tooFarBack = new Set(
    replay
      .filter((event) => event.occurredAt < (since.get(event.label) ?? new Date(8.64e15)))
      .map((event) => event.label),
  );
  return { replayed: replay.filter((event) => !tooFarBack.has(event.label)), tooFarBack };
}
