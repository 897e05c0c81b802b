import { Injectable } from '@nestjs/common';
import { PlanItemLabels } from '@roundtable/plan';

/**
 * Outcomes' part of the plan items' current labels (PlanItemLabels in libs/plan): metrics
 * (which someone can be editing in the live plan room), measurements, wins and setbacks,
 * whose labels follow a goal made stricter (outcome-labels.repository.ts). Only this library names its
 * tables; realtime and the timeline learn an item's label through PlanItemLabels
 * (PRODUCT.md rules 10, 11).
 */
@Injectable()
export class MetricLabels {
  constructor(labels: PlanItemLabels) {
    labels.register(['metric', 'measurement', 'win', 'setback']);
  }
}
