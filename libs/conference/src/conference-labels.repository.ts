import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LABEL_STRICTNESS, type SensitivityLabel } from '@roundtable/contracts';
import { strictnessSql } from '@roundtable/plan';

const LOOSER = strictnessSql('label');

/** What points at anything under the agenda items $1: the items, their notes, perspectives and decisions. */
const POINTED_AT = `(target_id = ANY($1)
      OR target_id IN (SELECT id FROM conference_note WHERE agenda_item_id = ANY($1))
      OR target_id IN (SELECT id FROM perspective WHERE agenda_item_id = ANY($1))
      OR target_id IN (SELECT id FROM decision WHERE agenda_item_id = ANY($1)))`;

/** The parameters of a tightening under agenda items: the items, the label, and its strictness. */
const underItems = (itemIds: readonly string[], label: SensitivityLabel) => [itemIds, label, LABEL_STRICTNESS[label]];

/**
 * The label writes that keep conference content at least as strict as what it reveals
 * (PRODUCT.md rule 10): each raises a looser label to `label` and never lowers one. They run
 * in the transaction of the change that caused them, so each takes its EntityManager; the
 * order they run in is ConferenceLabels'.
 */
@Injectable()
export class ConferenceLabelsRepository {
  /** The agenda items about a goal: directly, or through its steps or the metrics that track it. */
  async agendaItemsAboutGoal(manager: EntityManager, goalId: string): Promise<string[]> {
    const items: { id: string }[] = await manager.query(
      `SELECT id FROM agenda_item
      WHERE goal_id = $1
         OR step_id IN (SELECT id FROM step WHERE goal_id = $1)
         OR metric_id IN (SELECT id FROM metric WHERE $1 = ANY(goal_ids))`,
      [goalId],
    );
    return items.map((item) => item.id);
  }

  async agendaItemsAboutStep(manager: EntityManager, stepId: string): Promise<string[]> {
    const items: { id: string }[] = await manager.query('SELECT id FROM agenda_item WHERE step_id = $1', [stepId]);
    return items.map((item) => item.id);
  }

  async tightenAgendaItems(manager: EntityManager, itemIds: readonly string[], label: SensitivityLabel): Promise<void> {
    await manager.query(
      `UPDATE agenda_item SET label = $2, version = version + 1 WHERE id = ANY($1) AND ${LOOSER} < $3`,
      underItems(itemIds, label),
    );
  }

  /** Notes or perspective cards under the items (neither carries a version). */
  async tightenWrittenUnderItems(
    manager: EntityManager,
    table: 'conference_note' | 'perspective',
    itemIds: readonly string[],
    label: SensitivityLabel,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${table} SET label = $2 WHERE agenda_item_id = ANY($1) AND ${LOOSER} < $3`,
      underItems(itemIds, label),
    );
  }

  async tightenDecisionsUnderItems(
    manager: EntityManager,
    itemIds: readonly string[],
    label: SensitivityLabel,
  ): Promise<void> {
    await manager.query(
      `UPDATE decision SET label = $2, version = version + 1 WHERE agenda_item_id = ANY($1) AND ${LOOSER} < $3`,
      underItems(itemIds, label),
    );
  }

  /** The steps agreed as action items under the items. */
  async tightenActionItemSteps(
    manager: EntityManager,
    itemIds: readonly string[],
    label: SensitivityLabel,
  ): Promise<void> {
    await manager.query(
      `UPDATE step SET label = $2, version = version + 1
      WHERE id IN (SELECT step_id FROM action_item WHERE agenda_item_id = ANY($1)) AND ${LOOSER} < $3`,
      underItems(itemIds, label),
    );
  }

  /** Amendments pointing at the items or anything under them. */
  async tightenAmendmentsUnderItems(
    manager: EntityManager,
    itemIds: readonly string[],
    label: SensitivityLabel,
  ): Promise<void> {
    await manager.query(
      `UPDATE minutes_amendment SET label = $2 WHERE ${POINTED_AT} AND ${LOOSER} < $3`,
      underItems(itemIds, label),
    );
  }

  /** The participant's requests pointing at the items or anything under them. */
  async tightenResponsesUnderItems(
    manager: EntityManager,
    itemIds: readonly string[],
    label: SensitivityLabel,
  ): Promise<void> {
    await manager.query(
      `UPDATE participant_response SET label = $2, version = version + 1 WHERE ${POINTED_AT} AND ${LOOSER} < $3`,
      underItems(itemIds, label),
    );
  }

  /** Decisions that change the goal or created it. */
  async tightenDecisionsOfGoal(manager: EntityManager, goalId: string, label: SensitivityLabel): Promise<void> {
    await manager.query(
      `UPDATE decision SET label = $2, version = version + 1
      WHERE (goal_id = $1 OR resulting_goal_id = $1) AND ${LOOSER} < $3`,
      [goalId, label, LABEL_STRICTNESS[label]],
    );
  }

  /** Answers waiting for the participant on decisions under the items. */
  tightenAnswersWaitingUnderItems(manager: EntityManager, itemIds: readonly string[]): Promise<void> {
    return this.tightenAnswersWaiting(manager, 'd.agenda_item_id = ANY($1)', [itemIds]);
  }

  /** Answers waiting for the participant on decisions that change the goal or created it. */
  tightenAnswersWaitingOfGoal(manager: EntityManager, goalId: string): Promise<void> {
    return this.tightenAnswersWaiting(manager, 'd.goal_id = $1 OR d.resulting_goal_id = $1', [goalId]);
  }

  /**
   * Answers written down with the participant and waiting for them follow the decision they
   * answer (rule 10): an entry is read by its own label, so it must never be looser than its
   * decision, or its words would outlive the decision on the screens that lost it.
   */
  private async tightenAnswersWaiting(
    manager: EntityManager,
    decisionsWhere: string,
    params: unknown[],
  ): Promise<void> {
    await manager.query(
      `UPDATE written_with_you w SET label = d.label, version = w.version + 1
       FROM decision d
      WHERE w.target_id = d.id AND w.participant_id = d.participant_id AND (${decisionsWhere})
        AND ${strictnessSql('w.label')} < ${strictnessSql('d.label')}`,
      params,
    );
  }
}
