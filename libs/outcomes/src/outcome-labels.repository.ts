import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LABEL_STRICTNESS, type SensitivityLabel } from '@roundtable/contracts';
import { strictnessSql } from '@roundtable/plan';

/**
 * The label writes that keep outcomes at least as strict as the plan items they reveal
 * (PRODUCT.md rule 10): each one raises a looser label to `label` and never lowers one. They
 * run in the plan write's transaction, so each takes its EntityManager.
 */
@Injectable()
export class OutcomeLabelsRepository {
  /** Metrics linked to the goal; answers the ids of those it tightened. */
  tightenMetricsOfGoal(manager: EntityManager, goalId: string, label: SensitivityLabel): Promise<string[]> {
    return manager
      .query(
        `UPDATE metric SET label = $2, version = version + 1 WHERE $1 = ANY(goal_ids) AND ${strictnessSql('label')} < $3 RETURNING id`,
        [goalId, label, LABEL_STRICTNESS[label]],
      )
      .then(([rows]: [{ id: string }[]]) => rows.map((metric) => metric.id));
  }

  tightenMeasurementsOfMetrics(manager: EntityManager, metricIds: string[], label: SensitivityLabel): Promise<void> {
    return manager.query(
      `UPDATE measurement SET label = $2 WHERE metric_id = ANY($1) AND ${strictnessSql('label')} < $3`,
      [metricIds, label, LABEL_STRICTNESS[label]],
    );
  }

  tightenSetbacksOfGoal(manager: EntityManager, goalId: string, label: SensitivityLabel): Promise<void> {
    return manager.query(
      `UPDATE setback SET label = $2, version = version + 1 WHERE $1 = ANY(goal_ids) AND ${strictnessSql('label')} < $3`,
      [goalId, label, LABEL_STRICTNESS[label]],
    );
  }

  /** Wins that reveal the goal: its stage moving forward, its steps done, its metrics' measurements. */
  tightenWinsRevealingGoal(
    manager: EntityManager,
    goalId: string,
    metricIds: string[],
    label: SensitivityLabel,
  ): Promise<void> {
    return manager.query(
      `UPDATE win SET label = $2, version = version + 1
      WHERE ${strictnessSql('label')} < $3
        AND (source_id = $1
             OR source_id IN (SELECT id FROM step WHERE goal_id = $1)
             OR source_id IN (SELECT id FROM measurement WHERE metric_id = ANY($4)))`,
      [goalId, label, LABEL_STRICTNESS[label], metricIds],
    );
  }

  /** Wins the step's being done made. */
  tightenWinsOfStep(manager: EntityManager, stepId: string, label: SensitivityLabel): Promise<void> {
    return manager.query(
      `UPDATE win SET label = $2, version = version + 1 WHERE source_id = $1 AND ${strictnessSql('label')} < $3`,
      [stepId, label, LABEL_STRICTNESS[label]],
    );
  }
}
