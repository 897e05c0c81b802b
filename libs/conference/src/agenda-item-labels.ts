import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { PlanItemLabels, type PlanItemLabelSource } from '@roundtable/plan';

/**
 * The conference's part of the plan items' current labels (PlanItemLabels in libs/plan):
 * agenda items, which someone's screen can be on in the live conference room. An agenda item
 * carries the strictest label of what it reveals (conference-labels.ts; PRODUCT.md rule 10),
 * so realtime shows who is on it only to those who may see it (rule 11) without reading this
 * library's tables.
 */
@Injectable()
export class AgendaItemLabels implements PlanItemLabelSource {
  constructor(
    labels: PlanItemLabels,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    labels.register(this);
  }

  labelsOf(participantId: string, itemIds: string[]): Promise<{ id: string; label: SensitivityLabel }[]> {
    return this.dataSource.query('SELECT id, label FROM agenda_item WHERE participant_id = $1 AND id = ANY($2)', [
      participantId,
      itemIds,
    ]);
  }
}
