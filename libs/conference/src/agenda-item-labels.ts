import { Injectable } from '@nestjs/common';
import { PlanItemLabels } from '@roundtable/plan';

/**
 * The conference's part of the plan items' current labels (PlanItemLabels in libs/plan):
 * agenda items (which someone's screen can be on in the live room) and what the room
 * records about them. Each carries the strictest label of what it reveals and follows an
 * item made stricter (conference-labels.ts; PRODUCT.md rule 10), so realtime and the
 * timeline show them only to those who may see them now (rule 11) without reading this
 * library's tables.
 */
@Injectable()
export class AgendaItemLabels {
  constructor(labels: PlanItemLabels) {
    labels.register([
      'agenda_item',
      'conference_note',
      'perspective',
      'decision',
      'participant_response',
      'minutes_amendment',
    ]);
  }
}
