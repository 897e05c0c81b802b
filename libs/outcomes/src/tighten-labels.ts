import type { EntityManager } from 'typeorm';
import { LABEL_STRICTNESS, type SensitivityLabel } from '@roundtable/contracts';
import { strictnessSql } from '@roundtable/plan';

/**
 * A goal became stricter: metrics linked to it (and their measurements), setbacks linked to
 * it, and wins that reveal it (its stage moving forward, its steps done, those metrics'
 * measurements) become at least as strict, in the same transaction.
 */
export async function tightenOutcomesOfGoal(
  manager: EntityManager,
  goalId: string,
  label: SensitivityLabel,
): Promise<void> {
  const rank = LABEL_STRICTNESS[label];
  const looser = strictnessSql('label');
  const metrics: { id: string }[] = await manager
    .query(
      `UPDATE metric SET label = $2, version = version + 1 WHERE $1 = ANY(goal_ids) AND ${looser} < $3 RETURNING id`,
      [goalId, label, rank],
    )
    .then(([rows]: [{ id: string }[]]) => rows);
  const metricIds = metrics.map((metric) => metric.id);
  await manager.query(`UPDATE measurement SET label = $2 WHERE metric_id = ANY($1) AND ${looser} < $3`, [
    metricIds,
    label,
    rank,
  ]);
  await manager.query(
    `UPDATE setback SET label = $2, version = version + 1 WHERE $1 = ANY(goal_ids) AND ${looser} < $3`,
    [goalId, label, rank],
  );
  await manager.query(
    `UPDATE win SET label = $2, version = version + 1
      WHERE ${looser} < $3
        AND (source_id = $1
             OR source_id IN (SELECT id FROM step WHERE goal_id = $1)
             OR source_id IN (SELECT id FROM measurement WHERE metric_id = ANY($4)))`,
    [goalId, label, rank, metricIds],
  );
}

/**
 * A step became stricter (makeItemStricter): the wins its being done made reveal it, so they
 * become at least as strict, in the same transaction (PRODUCT.md rule 10).
 */
export async function tightenOutcomesOfStep(
  manager: EntityManager,
  stepId: string,
  label: SensitivityLabel,
): Promise<void> {
  await manager.query(
    `UPDATE win SET label = $2, version = version + 1 WHERE source_id = $1 AND ${strictnessSql('label')} < $3`,
    [stepId, label, LABEL_STRICTNESS[label]],
  );
}
