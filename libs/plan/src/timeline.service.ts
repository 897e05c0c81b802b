import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CheckInAnswer, PlanEventType } from '@roundtable/contracts';
import { newestFirstPage } from '@roundtable/platform';
import type { PlanViewer } from './plan-access';
import { PlanEventEntity } from './plan.entities';
import type { PlanEvent, Timeline } from './plan.models';
import { Authors } from './plan-reader';

const lower = (value: unknown) =>
  String(value ?? '')
    .toLowerCase()
    .replaceAll('_', ' ');

/** "How is this working for you?", answered in plain words (none is a failure, rule 6). */
const CHECK_IN_WORDS: Record<string, string> = {
  [CheckInAnswer.WORKING]: 'working for me',
  [CheckInAnswer.SOMEWHAT]: 'working somewhat',
  [CheckInAnswer.NOT_WORKING]: 'not working for me right now',
};

/** One plain-words line per event, for the timeline and notifications. */
export function describeEvent(type: string, payload: Record<string, unknown>): string {
  const text = typeof payload.text === 'string' ? payload.text : '';
  switch (type) {
    case PlanEventType.VISION_UPDATED:
      return payload.writtenWithParticipant
        ? '“In my own words” updated (written with the participant)'
        : '“In my own words” updated';
    case PlanEventType.GOAL_EXPRESSED:
      return `Goal added: ${text}${payload.writtenWithParticipant ? ' (written with the participant)' : ''}`;
    case PlanEventType.GOAL_PROPOSED:
      return `Goal proposed: ${text}`;
    case PlanEventType.GOAL_ACCEPTED:
      return `Proposal accepted: ${text}`;
    case PlanEventType.GOAL_DECLINED:
      return `Proposal declined: ${text}`;
    case PlanEventType.GOAL_CONFIRMED:
      return `Confirmed: ${text}`;
    case PlanEventType.GOAL_UPDATED:
      return `Goal changed: ${text}`;
    case PlanEventType.GOAL_LIFECYCLE_CHANGED:
      return `Goal ${lower(payload.lifecycle)}: ${text}`;
    case PlanEventType.GOALS_RANKED:
      return 'Goals re-ranked';
    case PlanEventType.STAGE_RATED:
      return `Stage of change ${payload.byParticipant ? '' : '(staff view) '}: ${lower(payload.stage)} — ${text}`;
    case PlanEventType.STEP_ADDED:
      return `Step added: ${text}`;
    case PlanEventType.STEP_DONE:
      return `Step done: ${text}`;
    case PlanEventType.STEP_REOPENED:
      return `Step reopened: ${text}`;
    case PlanEventType.STRATEGY_ADDED:
      return `Strategy added: ${text}`;
    case PlanEventType.STRATEGY_UPDATED:
      return `Strategy updated: ${text} (${lower(payload.status)})`;
    case PlanEventType.STRATEGY_CHECKED_IN:
      return `Checked in on ${text}: ${CHECK_IN_WORDS[String(payload.answer)] ?? lower(payload.answer)}`;
    case PlanEventType.OFFER_MADE:
      return `Offered: ${text}`;
    case PlanEventType.OFFER_ACCEPTED:
      return `Offer accepted: ${text}`;
    case PlanEventType.OFFER_DECLINED:
      return `Offer declined: ${text}`;
    case PlanEventType.OFFER_HIDDEN:
      return `Offer put out of view by the participant: ${text}`;
    case PlanEventType.RESOURCE_WITHHELD:
      return `Not offered: ${text} — ${String(payload.reason ?? '')}`;
    default:
      // Other contexts (conferences) write their own plain-words line into `summary`.
      return typeof payload.summary === 'string' ? payload.summary : text || lower(type);
  }
}

/**
 * The plan's history, newest first, paged with opaque cursors. Filtering by label happens
 * in SQL before the limit, so page sizes and hasNextPage are computed over visible events
 * only and a hidden event leaves no trace.
 */
@Injectable()
export class TimelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(viewer: PlanViewer, first: number, after?: string | null): Promise<Timeline> {
    const query = this.dataSource
      .getRepository(PlanEventEntity)
      .createQueryBuilder('event')
      .where('event.participant_id = :participantId AND event.label = ANY(:labels)', {
        participantId: viewer.participantId,
        labels: [...viewer.labels],
      })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM hidden_plan_item hidden WHERE hidden.participant_id = event.participant_id AND hidden.item_id = event.item_id)',
      );
    const page = await newestFirstPage(query, 'occurred_at', (event) => event.occurredAt, first, after);
    const authors = await Authors.load(
      this.dataSource,
      viewer.participantId,
      page.edges.map(({ row }) => row.actor),
    );
    const edges = page.edges.map(({ cursor, row }) => ({ cursor, node: this.toModel(row, authors) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }

  toModel(event: PlanEventEntity, authors: Authors): PlanEvent {
    return {
      id: event.id,
      type: event.type as PlanEventType,
      label: event.label,
      sequence: event.seq,
      itemId: event.itemId,
      actor: authors.maybe(event.actor),
      summary: describeEvent(event.type, event.payload),
      occurredAt: event.occurredAt,
    };
  }
}
