import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';

/** One library's part of the plan items: the current label of those of these ids it keeps. */
export interface PlanItemLabelSource {
  labelsOf(participantId: string, itemIds: string[]): Promise<{ id: string; label: SensitivityLabel }[]>;
}

/**
 * The current label of any item of a participant's plan, whichever library keeps it (an
 * item's label may have become stricter since it was written). Realtime asks it to show an
 * edit only to those who may see the item now (PRODUCT.md rules 10, 11) without knowing
 * other libraries' tables: each library registers its own part here, as it registers its
 * written-with-you handlers. The plan's own part: goals, steps, strategies and offers.
 */
@Injectable()
export class PlanItemLabels {
  private readonly sources: PlanItemLabelSource[] = [];

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.register({
      labelsOf: (participantId, itemIds) =>
        dataSource.query(
          `SELECT id, label FROM goal WHERE participant_id = $1 AND id = ANY($2)
           UNION ALL SELECT id, label FROM step WHERE participant_id = $1 AND id = ANY($2)
           UNION ALL SELECT id, label FROM strategy WHERE participant_id = $1 AND id = ANY($2)
           UNION ALL SELECT id, label FROM offer WHERE participant_id = $1 AND id = ANY($2)`,
          [participantId, itemIds],
        ),
    });
  }

  register(source: PlanItemLabelSource): void {
    this.sources.push(source);
  }

  /** Item id → its label now; ids no library knows are absent. */
  async labelsOf(participantId: string, itemIds: string[]): Promise<Map<string, SensitivityLabel>> {
    if (itemIds.length === 0) return new Map();
    const parts = await Promise.all(this.sources.map((source) => source.labelsOf(participantId, itemIds)));
    return new Map(parts.flat().map((row) => [row.id, row.label]));
  }
}
