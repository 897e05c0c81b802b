import { z } from 'zod';
import {
  CheckInAnswer,
  CheckInRhythm,
  Discipline,
  GoalLifecycle,
  LifeDomain,
  MetricKind,
  PlanEventType,
  SensitivityLabel,
  StageOfChange,
  StrategyStatus,
  TeamRole,
  WinSource,
} from '@roundtable/contracts';
import type { CareTeamChangePayload } from '@roundtable/access';
import { WrittenWithYouKind, WrittenWithYouStatus } from './written-with-you.entities';

/*
 * What each plan event carries (plan_event.payload), one shape per PlanEventType. The schemas
 * below are the shapes as written today; a field that rows written by an earlier version lack
 * is optional, so every stored row reads as it did. Payloads stay on the server: clients get
 * the one-line summary (describeEvent), never a payload.
 */

const text = { text: z.string() };
const withText = z.object(text);

/** A new goal, expressed by the participant or proposed by staff. */
const goalAdded = z.object({
  ...text,
  domain: z.enum(LifeDomain),
  lifecycle: z.enum(GoalLifecycle),
  writtenWithParticipant: z.boolean(),
  /** Rows written before the participant's voice (issue 13) lack it. */
  awaitingConfirmation: z.boolean().optional(),
});

/** A goal answered, changed, confirmed or moved along its lifecycle. */
const goalChanged = z.object({
  ...text,
  lifecycle: z.enum(GoalLifecycle),
  previousLifecycle: z.enum(GoalLifecycle),
  /** The goal's label after the change, so other contexts tighten what they derived; older rows lack it. */
  label: z.enum(SensitivityLabel).optional(),
});

/** A goal a conference decision added, agreed by the participant. */
const goalAddedByDecision = z.object({
  ...text,
  domain: z.enum(LifeDomain),
  lifecycle: z.enum(GoalLifecycle),
  decisionId: z.string(),
});

/** Conference events write their own plain-words line. */
const conferenceEvent = z.object({ conferenceId: z.string(), summary: z.string() });
const agendaItemEvent = conferenceEvent.extend({ agendaItemId: z.string() });

const writtenWithYou = z.object({ kind: z.enum(WrittenWithYouKind), ...text, summary: z.string() });

const careTeamChanged = z.object({
  kind: z.enum(['JOINED', 'LEFT']),
  memberName: z.string(),
  discipline: z.enum(Discipline).nullable(),
  teamRole: z.enum(TeamRole),
  changedBy: z.string(),
  summary: z.string(),
}) satisfies z.ZodType<CareTeamChangePayload>;

const SCHEMAS = {
  [PlanEventType.VISION_UPDATED]: z.object({
    ...text,
    writtenWithParticipant: z.boolean(),
    /** Both lacking in rows written before the participant's voice (issue 13). */
    coSigned: z.boolean().optional(),
    confirmed: z.boolean().optional(),
  }),
  [PlanEventType.GOAL_EXPRESSED]: goalAdded,
  [PlanEventType.GOAL_PROPOSED]: goalAdded,
  [PlanEventType.GOAL_ACCEPTED]: z.union([goalChanged, goalAddedByDecision]),
  [PlanEventType.GOAL_DECLINED]: goalChanged,
  [PlanEventType.GOAL_CONFIRMED]: goalChanged,
  [PlanEventType.GOAL_UPDATED]: goalChanged,
  [PlanEventType.GOAL_LIFECYCLE_CHANGED]: goalChanged.extend({
    /** When a conference decision moved it. */
    decisionId: z.string().optional(),
  }),
  [PlanEventType.GOALS_RANKED]: z.object({ goalIds: z.array(z.string()) }),
  [PlanEventType.STAGE_RATED]: z.object({
    ...text,
    stage: z.enum(StageOfChange),
    /** The stage the participant moved from; null for a staff rating or a first rating. */
    previous: z.enum(StageOfChange).nullable(),
    byParticipant: z.boolean(),
  }),
  [PlanEventType.STEP_ADDED]: z.object({ ...text, goalId: z.string().nullable() }),
  [PlanEventType.STEP_DONE]: z.object({ ...text, goalId: z.string().nullable() }),
  [PlanEventType.STEP_REOPENED]: z.object({ ...text, goalId: z.string().nullable() }),
  [PlanEventType.STRATEGY_ADDED]: z.object({ ...text, status: z.enum(StrategyStatus) }),
  [PlanEventType.STRATEGY_UPDATED]: z.object({
    ...text,
    status: z.enum(StrategyStatus),
    checkInRhythm: z.enum(CheckInRhythm),
    reminders: z.boolean(),
  }),
  [PlanEventType.STRATEGY_CHECKED_IN]: z.object({ ...text, answer: z.enum(CheckInAnswer) }),
  [PlanEventType.OFFER_MADE]: z.object({ ...text, reason: z.string().nullable() }),
  [PlanEventType.OFFER_ACCEPTED]: withText,
  [PlanEventType.OFFER_DECLINED]: withText,
  [PlanEventType.OFFER_HIDDEN]: withText,
  [PlanEventType.RESOURCE_WITHHELD]: z.object({ ...text, reason: z.string().nullable() }),
  [PlanEventType.METRIC_DEFINED]: z.object({ ...text, kind: z.enum(MetricKind) }),
  [PlanEventType.MEASUREMENT_RECORDED]: z.object({ ...text, value: z.number(), metricId: z.string() }),
  [PlanEventType.WIN_RECORDED]: z.object({ ...text, source: z.enum(WinSource) }),
  [PlanEventType.WIN_CONFIRMED]: withText,
  [PlanEventType.WIN_HIDDEN]: z.object({}),
  [PlanEventType.ITEM_LABEL_TIGHTENED]: z.object({
    ...text,
    kind: z.enum(['STEP', 'OFFER']),
    label: z.enum(SensitivityLabel),
    previousLabel: z.enum(SensitivityLabel),
  }),
  /** Nothing about the item: it goes to those who saw it under its old label (rule 11). */
  [PlanEventType.ITEM_RESTRICTED]: z.object({}),
  [PlanEventType.SETBACK_RECORDED]: z.object({ ...text, returnToUse: z.boolean() }),
  [PlanEventType.PLAN_REVIEW_ANSWERED]: withText,
  [PlanEventType.CONFERENCE_SCHEDULED]: conferenceEvent,
  [PlanEventType.CONFERENCE_CHANGED]: conferenceEvent,
  [PlanEventType.PARTICIPANT_UPDATE_RECORDED]: conferenceEvent,
  [PlanEventType.AGENDA_ITEM_ADDED]: conferenceEvent,
  [PlanEventType.AGENDA_ITEM_MOVED]: conferenceEvent,
  [PlanEventType.CONFERENCE_STARTED]: conferenceEvent,
  [PlanEventType.AGENDA_ADVANCED]: conferenceEvent,
  [PlanEventType.CONFERENCE_NOTE_ADDED]: agendaItemEvent,
  [PlanEventType.PERSPECTIVE_RECORDED]: agendaItemEvent,
  [PlanEventType.DECISION_PROPOSED]: conferenceEvent,
  [PlanEventType.DECISION_ANSWERED]: conferenceEvent,
  /** Not written today: an action item is written as the STEP_ADDED of its step. */
  [PlanEventType.ACTION_ITEM_ADDED]: conferenceEvent,
  [PlanEventType.CONFERENCE_CLOSED]: conferenceEvent,
  [PlanEventType.MINUTES_AMENDED]: conferenceEvent,
  [PlanEventType.PARTICIPANT_RESPONDED]: conferenceEvent,
  [PlanEventType.RESPONSE_ANSWERED]: conferenceEvent,
  [PlanEventType.CARE_TEAM_CHANGED]: careTeamChanged,
  [PlanEventType.WRITTEN_WITH_YOU_WAITING]: writtenWithYou,
  [PlanEventType.WRITTEN_WITH_YOU_ANSWERED]: writtenWithYou.extend({ status: z.enum(WrittenWithYouStatus) }),
} satisfies { [T in PlanEventType]: z.ZodType };

/** Each event type's payload, as `append` takes it and `planEventOf` reads it back. */
export type PlanEventPayloads = { [T in PlanEventType]: z.output<(typeof SCHEMAS)[T]> };

const schemas: { [T in PlanEventType]: z.ZodType<PlanEventPayloads[T]> } = SCHEMAS;

/** A plan event's type with its payload: narrowing on `type` gives the payload its shape. */
export type PlanEventOf<T extends PlanEventType = PlanEventType> = {
  [K in T]: { type: K; payload: PlanEventPayloads[K] };
}[T];

const TYPES = new Set<string>(Object.values(PlanEventType));

function isPlanEventType(type: string): type is PlanEventType {
  return TYPES.has(type);
}

function read<T extends PlanEventType>(type: T, payload: unknown): PlanEventOf<T> | undefined {
  const parsed = schemas[type].safeParse(payload);
  return parsed.success ? { type, payload: parsed.data } : undefined;
}

/**
 * The one way to read a stored event's payload. Undefined for a row this code did not write
 * (an unknown type, or a payload of another shape, e.g. inserted by hand): readers then fall
 * back to what they would do for any unknown event.
 */
export function planEventOf(event: { type: string; payload: unknown }): PlanEventOf | undefined {
  return isPlanEventType(event.type) ? read(event.type, event.payload) : undefined;
}
