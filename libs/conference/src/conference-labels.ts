import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PlanEventType, type SensitivityLabel } from '@roundtable/contracts';
import { PlanEventLog, planEventOf } from '@roundtable/plan';
import { ConferenceLabelsRepository } from './conference-labels.repository';

/**
 * Conference content follows what it reveals (PRODUCT.md rule 10): a goal or step made
 * stricter tightens the agenda items about it and everything under them, in the same
 * transaction as its change. Labels only ever tighten here.
 */
@Injectable()
export class ConferenceLabels implements OnModuleInit {
  constructor(
    private readonly log: PlanEventLog,
    private readonly labels: ConferenceLabelsRepository,
  ) {}

  onModuleInit(): void {
    this.log.onAppend([PlanEventType.GOAL_UPDATED, PlanEventType.ITEM_LABEL_TIGHTENED], async (event, { manager }) => {
      if (event.type === PlanEventType.GOAL_UPDATED && event.itemId) {
        await this.tightenConferenceItemsOfGoal(manager, event.itemId, event.label);
      }
      const known = planEventOf(event);
      if (known?.type === PlanEventType.ITEM_LABEL_TIGHTENED && known.payload.kind === 'STEP' && event.itemId) {
        await this.tightenConferenceItemsOfStep(manager, event.itemId, event.label);
      }
    });
  }

  /**
   * What was said under these agenda items (notes, perspectives, decisions, the steps agreed
   * as action items) and what points at any of it (amendments, the participant's requests)
   * becomes at least `label`. Labels only ever tighten here.
   */
  async tightenUnderAgendaItems(
    manager: EntityManager,
    itemIds: readonly string[],
    label: SensitivityLabel,
  ): Promise<void> {
    if (itemIds.length === 0) return;
    await this.labels.tightenAgendaItems(manager, itemIds, label);
    for (const table of ['conference_note', 'perspective'] as const) {
      await this.labels.tightenWrittenUnderItems(manager, table, itemIds, label);
    }
    await this.labels.tightenDecisionsUnderItems(manager, itemIds, label);
    await this.labels.tightenAnswersWaitingUnderItems(manager, itemIds);
    await this.labels.tightenActionItemSteps(manager, itemIds, label);
    await this.labels.tightenAmendmentsUnderItems(manager, itemIds, label);
    await this.labels.tightenResponsesUnderItems(manager, itemIds, label);
  }

  /**
   * A goal became stricter: agenda items about it (directly, or through its steps or the
   * metrics that track it), and everything under them; decisions that change it or created
   * it. In the same transaction as the goal's change.
   */
  private async tightenConferenceItemsOfGoal(
    manager: EntityManager,
    goalId: string,
    label: SensitivityLabel,
  ): Promise<void> {
    await this.tightenUnderAgendaItems(manager, await this.labels.agendaItemsAboutGoal(manager, goalId), label);
    await this.labels.tightenDecisionsOfGoal(manager, goalId, label);
    await this.labels.tightenAnswersWaitingOfGoal(manager, goalId);
  }

  /**
   * A step became stricter (makeItemStricter): agenda items about it, and everything under
   * them. The step an action item made is the step itself; nothing else points at a step.
   */
  private async tightenConferenceItemsOfStep(
    manager: EntityManager,
    stepId: string,
    label: SensitivityLabel,
  ): Promise<void> {
    await this.tightenUnderAgendaItems(manager, await this.labels.agendaItemsAboutStep(manager, stepId), label);
  }
}
