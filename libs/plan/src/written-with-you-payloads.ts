import { z } from 'zod';
import { SensitivityLabel } from '@roundtable/contracts';
import { WrittenWithYouKind, type WrittenWithYouEntity } from './written-with-you.entities';

/*
 * What applying each kind of entry needs (written_with_you.payload), one shape per kind, as
 * written since the table exists. The handler that applies an entry reads it back through
 * `entryPayload`, never field by field.
 */
const SCHEMAS = {
  /** The goal row itself holds the words. */
  [WrittenWithYouKind.GOAL]: z.object({}),
  /** The entry's text is the vision. */
  [WrittenWithYouKind.VISION]: z.object({}),
  /** The setback as it will be recorded once confirmed (the reflection may be reworded then). */
  [WrittenWithYouKind.SETBACK]: z.object({
    reflection: z.string().nullable(),
    returnToUse: z.boolean(),
    goalIds: z.array(z.string()),
    label: z.enum(SensitivityLabel),
  }),
  [WrittenWithYouKind.PARTICIPANT_UPDATE]: z.object({ conferenceId: z.string() }),
  [WrittenWithYouKind.DECISION_ANSWER]: z.object({
    decisionId: z.string(),
    agree: z.boolean(),
    note: z.string().nullable(),
  }),
  /** Who the participant invites (the conference is the entry's target). */
  [WrittenWithYouKind.CONFERENCE_INVITATION]: z.object({ accountId: z.string() }),
} satisfies { [K in WrittenWithYouKind]: z.ZodType };

export type WrittenWithYouPayloads = { [K in WrittenWithYouKind]: z.output<(typeof SCHEMAS)[K]> };

/** Kinds whose entry carries nothing beyond its text (their payload has no fields). */
export type KindWithoutPayload = {
  [K in WrittenWithYouKind]: string extends keyof WrittenWithYouPayloads[K] ? K : never;
}[WrittenWithYouKind];

const schemas: { [K in WrittenWithYouKind]: z.ZodType<WrittenWithYouPayloads[K]> } = SCHEMAS;

/** The payload of an entry of this kind; an entry of another kind or shape is a bug, not an answer. */
export function entryPayload<K extends WrittenWithYouKind>(
  entry: Pick<WrittenWithYouEntity, 'id' | 'kind' | 'payload'>,
  kind: K,
): WrittenWithYouPayloads[K] {
  const parsed = entry.kind === kind ? schemas[kind].safeParse(entry.payload) : undefined;
  if (!parsed?.success) throw new Error(`written_with_you ${entry.id} does not hold a ${kind} entry`);
  return parsed.data;
}

/**
 * The row an entry is about, for the kinds recorded with one (a participant update's agenda
 * item, an invitation's conference); such an entry without one is a bug, not an answer.
 */
export function entryTarget(entry: Pick<WrittenWithYouEntity, 'id' | 'kind' | 'targetId'>): string {
  if (!entry.targetId) throw new Error(`written_with_you ${entry.id} (${entry.kind}) names no target`);
  return entry.targetId;
}
