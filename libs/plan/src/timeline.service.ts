import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CheckInAnswer, PlanEventType } from '@roundtable/contracts';
import { newestFirstPage } from '@roundtable/platform';
import type { PlanViewer } from './plan-access';
import { planEventOf, type PlanEventOf, type PlanEventPayloads } from './plan-event-payloads';
import { PlanEventEntity } from './plan.entities';
import type { PlanEvent, Timeline } from './plan.models';
import { PlanItemLabels } from './plan-item-labels';
import { Authors } from './plan-reader';

const lower = (value: string) => value.toLowerCase().replaceAll('_', ' ');

/** "How is this working for you?", answered in plain words (none is a failure, rule 6). */
const CHECK_IN_WORDS: Record<CheckInAnswer, string> = {
  [CheckInAnswer.WORKING]: 'working for me',
  [CheckInAnswer.SOMEWHAT]: 'working somewhat',
  [CheckInAnswer.NOT_WORKING]: 'not working for me right now',
};

type Summaries = { [T in PlanEventType]: (payload: PlanEventPayloads[T]) => string };

/** Its text, or the event's name in words when the text is empty. */
const textOr =
  (type: PlanEventType) =>
  ({ text }: { text: string }) =>
    text || lower(type);
/** Other contexts (conferences, the care team, entries written with the participant) write their own line. */
const ownSummary = ({ summary }: { summary: string }) => summary;

/** One plain-words line per event type, from its payload. */
const SUMMARIES: Summaries = {
  [PlanEventType.VISION_UPDATED]: (p) =>
    p.writtenWithParticipant ? '“In my own words” updated (written with the participant)' : '“In my own words” updated',
  [PlanEventType.GOAL_EXPRESSED]: (p) =>
    `Goal added: ${p.text}${p.writtenWithParticipant ? ' (written with the participant)' : ''}`,
  [PlanEventType.GOAL_PROPOSED]: (p) => `Goal proposed: ${p.text}`,
  [PlanEventType.GOAL_ACCEPTED]: (p) => `Proposal accepted: ${p.text}`,
  [PlanEventType.GOAL_DECLINED]: (p) => `Proposal declined: ${p.text}`,
  [PlanEventType.GOAL_CONFIRMED]: (p) => `Confirmed: ${p.text}`,
  [PlanEventType.GOAL_UPDATED]: (p) => `Goal changed: ${p.text}`,
  [PlanEventType.GOAL_LIFECYCLE_CHANGED]: (p) => `Goal ${lower(p.lifecycle)}: ${p.text}`,
  [PlanEventType.GOALS_RANKED]: () => 'Goals re-ranked',
  [PlanEventType.STAGE_RATED]: (p) =>
    `Stage of change ${p.byParticipant ? '' : '(staff view) '}: ${lower(p.stage)} — ${p.text}`,
  [PlanEventType.STEP_ADDED]: (p) => `Step added: ${p.text}`,
  [PlanEventType.STEP_DONE]: (p) => `Step done: ${p.text}`,
  [PlanEventType.STEP_REOPENED]: (p) => `Step reopened: ${p.text}`,
  [PlanEventType.STRATEGY_ADDED]: (p) => `Strategy added: ${p.text}`,
  [PlanEventType.STRATEGY_UPDATED]: (p) => `Strategy updated: ${p.text} (${lower(p.status)})`,
  [PlanEventType.STRATEGY_CHECKED_IN]: (p) => `Checked in on ${p.text}: ${CHECK_IN_WORDS[p.answer]}`,
  [PlanEventType.OFFER_MADE]: (p) => `Offered: ${p.text}`,
  [PlanEventType.OFFER_ACCEPTED]: (p) => `Offer accepted: ${p.text}`,
  [PlanEventType.OFFER_DECLINED]: (p) => `Offer declined: ${p.text}`,
  [PlanEventType.OFFER_HIDDEN]: (p) => `Offer put out of view by the participant: ${p.text}`,
  [PlanEventType.RESOURCE_WITHHELD]: (p) => `Not offered: ${p.text} — ${p.reason ?? ''}`,
  [PlanEventType.METRIC_DEFINED]: textOr(PlanEventType.METRIC_DEFINED),
  [PlanEventType.MEASUREMENT_RECORDED]: textOr(PlanEventType.MEASUREMENT_RECORDED),
  [PlanEventType.WIN_RECORDED]: textOr(PlanEventType.WIN_RECORDED),
  [PlanEventType.WIN_CONFIRMED]: textOr(PlanEventType.WIN_CONFIRMED),
  [PlanEventType.WIN_HIDDEN]: () => lower(PlanEventType.WIN_HIDDEN),
  [PlanEventType.ITEM_LABEL_TIGHTENED]: (p) => `Made more private (${lower(p.label)}): ${p.text}`,
  [PlanEventType.ITEM_RESTRICTED]: () => 'An item was made more private',
  [PlanEventType.SETBACK_RECORDED]: textOr(PlanEventType.SETBACK_RECORDED),
  [PlanEventType.PLAN_REVIEW_ANSWERED]: textOr(PlanEventType.PLAN_REVIEW_ANSWERED),
  [PlanEventType.CONFERENCE_SCHEDULED]: ownSummary,
  [PlanEventType.CONFERENCE_CHANGED]: ownSummary,
  [PlanEventType.PARTICIPANT_UPDATE_RECORDED]: ownSummary,
  [PlanEventType.AGENDA_ITEM_ADDED]: ownSummary,
  [PlanEventType.AGENDA_ITEM_MOVED]: ownSummary,
  [PlanEventType.CONFERENCE_STARTED]: ownSummary,
  [PlanEventType.AGENDA_ADVANCED]: ownSummary,
  [PlanEventType.CONFERENCE_NOTE_ADDED]: ownSummary,
  [PlanEventType.PERSPECTIVE_RECORDED]: ownSummary,
  [PlanEventType.DECISION_PROPOSED]: ownSummary,
  [PlanEventType.DECISION_ANSWERED]: ownSummary,
  [PlanEventType.ACTION_ITEM_ADDED]: ownSummary,
  [PlanEventType.CONFERENCE_CLOSED]: ownSummary,
  [PlanEventType.MINUTES_AMENDED]: ownSummary,
  [PlanEventType.PARTICIPANT_RESPONDED]: ownSummary,
  [PlanEventType.RESPONSE_ANSWERED]: ownSummary,
  [PlanEventType.CARE_TEAM_CHANGED]: ownSummary,
  [PlanEventType.WRITTEN_WITH_YOU_WAITING]: ownSummary,
  [PlanEventType.WRITTEN_WITH_YOU_ANSWERED]: ownSummary,
};

function summaryOf<T extends PlanEventType>(event: PlanEventOf<T>): string {
  const summary: Summaries[T] = SUMMARIES[event.type];
  return summary(event.payload);
}

/** A row whose payload is not its type's (written by hand): its own line or text, else its type in words. */
const unknownShape = z
  .object({ summary: z.string().optional().catch(undefined), text: z.string().optional().catch(undefined) })
  .catch({});

/** One plain-words line per event, for the timeline, live delivery and notifications. */
export function describeEvent(event: Pick<PlanEventEntity, 'type' | 'payload'>): string {
  const known = planEventOf(event);
  if (known) return summaryOf(known);
  const { summary, text } = unknownShape.parse(event.payload);
  return summary ?? (text || lower(event.type));
}

/**
 * The plan's history, newest first, paged with opaque cursors. Filtering by label happens
 * in SQL before the limit, so page sizes and hasNextPage are computed over visible events
 * only and a hidden event leaves no trace. An event about an item since made stricter than
 * the viewer sees goes with the item (PRODUCT.md rules 10, 11): "Step added: <its words>"
 * must not outlive the step on a screen; only the content-free notice that an item was
 * made more private stays.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly itemLabels: PlanItemLabels,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

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
      )
      .andWhere(
        `(event.type = :restricted OR NOT ${this.itemLabels.nowBeyond({ itemId: 'event.item_id', participantId: 'event.participant_id' }, ':labels')})`,
        { restricted: PlanEventType.ITEM_RESTRICTED },
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
      summary: describeEvent(event),
      occurredAt: event.occurredAt,
    };
  }
}
