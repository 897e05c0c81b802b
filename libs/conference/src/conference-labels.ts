import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LABEL_STRICTNESS, PlanEventType, type SensitivityLabel } from '@roundtable/contracts';
import { PlanEventLog, planEventOf, strictnessSql } from '@roundtable/plan';

const LOOSER = strictnessSql('label');

/**
 * Answers written down with the participant and waiting for them follow the decision they
 * answer (rule 10): an entry is read by its own label, so it must never be looser than its
 * decision, or its words would outlive the decision on the screens that lost it.
 */
async function tightenAnswersWaiting(manager: EntityManager, decisionsWhere: string, params: unknown[]): Promise<void> {
  await manager.query(
    `UPDATE written_with_you w SET label = d.label, version = w.version + 1
       FROM decision d
      WHERE w.target_id = d.id AND w.participant_id = d.participant_id AND (${decisionsWhere})
        AND ${strictnessSql('w.label')} < ${strictnessSql('d.label')}`,
    params,
  );
}

/**
 * What was said under these agenda items (notes, perspectives, decisions, the steps agreed
 * as action items) and what points at any of it (amendments, the participant's requests)
 * becomes at least `label`. Labels only ever tighten here.
 */
export async function tightenUnderAgendaItems(
  manager: EntityManager,
  itemIds: readonly string[],
  label: SensitivityLabel,
): Promise<void> {
  if (itemIds.length === 0) return;
  const rank = LABEL_STRICTNESS[label];
  const params = [itemIds, label, rank];
  await manager.query(
    `UPDATE agenda_item SET label = $2, version = version + 1 WHERE id = ANY($1) AND ${LOOSER} < $3`,
    params,
  );
  for (const table of ['conference_note', 'perspective']) {
    await manager.query(`UPDATE ${table} SET label = $2 WHERE agenda_item_id = ANY($1) AND ${LOOSER} < $3`, params);
  }
  await manager.query(
    `UPDATE decision SET label = $2, version = version + 1 WHERE agenda_item_id = ANY($1) AND ${LOOSER} < $3`,
    params,
  );
  await tightenAnswersWaiting(manager, 'd.agenda_item_id = ANY($1)', [itemIds]);
  await manager.query(
    `UPDATE step SET label = $2, version = version + 1
      WHERE id IN (SELECT step_id FROM action_item WHERE agenda_item_id = ANY($1)) AND ${LOOSER} < $3`,
    params,
  );
  const pointedAt = `(target_id = ANY($1)
      OR target_id IN (SELECT id FROM conference_note WHERE agenda_item_id = ANY($1))
      OR target_id IN (SELECT id FROM perspective WHERE agenda_item_id = ANY($1))
      OR target_id IN (SELECT id FROM decision WHERE agenda_item_id = ANY($1)))`;
  await manager.query(`UPDATE minutes_amendment SET label = $2 WHERE ${pointedAt} AND ${LOOSER} < $3`, params);
  await manager.query(
    `UPDATE participant_response SET label = $2, version = version + 1 WHERE ${pointedAt} AND ${LOOSER} < $3`,
    params,
  );
}

/**
 * A goal became stricter: agenda items about it (directly, or through its steps or the
 * metrics that track it), and everything under them; decisions that change it or created
 * it. In the same transaction as the goal's change.
 */
export async function tightenConferenceItemsOfGoal(
  manager: EntityManager,
  goalId: string,
  label: SensitivityLabel,
): Promise<void> {
  const items: { id: string }[] = await manager.query(
    `SELECT id FROM agenda_item
      WHERE goal_id = $1
         OR step_id IN (SELECT id FROM step WHERE goal_id = $1)
         OR metric_id IN (SELECT id FROM metric WHERE $1 = ANY(goal_ids))`,
    [goalId],
  );
  await tightenUnderAgendaItems(
    manager,
    items.map((item) => item.id),
    label,
  );
  await manager.query(
    `UPDATE decision SET label = $2, version = version + 1
      WHERE (goal_id = $1 OR resulting_goal_id = $1) AND ${LOOSER} < $3`,
    [goalId, label, LABEL_STRICTNESS[label]],
  );
  await tightenAnswersWaiting(manager, 'd.goal_id = $1 OR d.resulting_goal_id = $1', [goalId]);
}

/**
 * A step became stricter (makeItemStricter): agenda items about it, and everything under
 * them. The step an action item made is the step itself; nothing else points at a step.
 */
export async function tightenConferenceItemsOfStep(
  manager: EntityManager,
  stepId: string,
  label: SensitivityLabel,
): Promise<void> {
  const items: { id: string }[] = await manager.query('SELECT id FROM agenda_item WHERE step_id = $1', [stepId]);
  await tightenUnderAgendaItems(
    manager,
    items.map((item) => item.id),
    label,
  );
}

@Injectable()
export class ConferenceLabels implements OnModuleInit {
  constructor(private readonly log: PlanEventLog) {}

  onModuleInit(): void {
    this.log.onAppend(async (event, { manager }) => {
      if (event.type === PlanEventType.GOAL_UPDATED && event.itemId) {
        await tightenConferenceItemsOfGoal(manager, event.itemId, event.label);
      }
      const known = planEventOf(event);
      if (known?.type === PlanEventType.ITEM_LABEL_TIGHTENED && known.payload.kind === 'STEP' && event.itemId) {
        await tightenConferenceItemsOfStep(manager, event.itemId, event.label);
      }
    });
  }
}
