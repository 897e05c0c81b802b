import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { PlanItemLabels, type PlanItemLabelSource } from '@roundtable/plan';

/**
 * Outcomes' part of the plan items' current labels (PlanItemLabels in libs/plan): metrics,
 * which someone can be editing in the live plan room. Only this library reads its tables;
 * realtime learns a metric's label through PlanItemLabels (PRODUCT.md rules 10, 11).
 */
@Injectable()
export class MetricLabels implements PlanItemLabelSource {
  constructor(
    labels: PlanItemLabels,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    labels.register(this);
  }

  labelsOf(participantId: string, itemIds: string[]): Promise<{ id: string; label: SensitivityLabel }[]> {
    return this.dataSource.query('SELECT id, label FROM metric WHERE participant_id = $1 AND id = ANY($2)', [
      participantId,
      itemIds,
    ]);
  }
}
