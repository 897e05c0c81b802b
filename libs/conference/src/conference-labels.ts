import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LABEL_STRICTNESS, PlanEventType, type SensitivityLabel } from '@roundtable/contracts';
import { PlanEventLog, strictnessSql } from '@roundtable/plan';

/**
 * A goal became stricter: agenda items and decisions about it, and the notes, perspectives
 * and amendments under those items, become at least as strict, in the same transaction
 * (what is derived from an item carries the strictest label of what it reveals).
 */
export async function tightenConferenceItemsOfGoal(
  manager: EntityManager,
  goalId: string,
  label: SensitivityLabel,
): Promise<void> {
  const rank = LABEL_STRICTNESS[label];
  const looser = strictnessSql('label');
  await manager.query(
    `UPDATE agenda_item SET label = $2, version = version + 1 WHERE goal_id = $1 AND ${looser} < $3`,
    [goalId, label, rank],
  );
  await manager.query(
    `UPDATE decision SET label = $2, version = version + 1
      WHERE (goal_id = $1 OR agenda_item_id IN (SELECT id FROM agenda_item WHERE goal_id = $1)) AND ${looser} < $3`,
    [goalId, label, rank],
  );
  for (const table of ['conference_note', 'perspective']) {
    await manager.query(
      `UPDATE ${table} SET label = $2 WHERE agenda_item_id IN (SELECT id FROM agenda_item WHERE goal_id = $1) AND ${looser} < $3`,
      [goalId, label, rank],
    );
  }
}

@Injectable()
export class ConferenceLabels implements OnModuleInit {
  constructor(private readonly log: PlanEventLog) {}

  onModuleInit(): void {
    this.log.onAppend(async (event, { manager }) => {
      if (event.type === PlanEventType.GOAL_UPDATED && event.itemId) {
        await tightenConferenceItemsOfGoal(manager, event.itemId, event.label);
      }
    });
  }
}
