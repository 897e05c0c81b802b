import type { EntityManager } from 'typeorm';
import { GoalEntity } from './plan.entities';

/**
 * Goal factory: the one place a goal row is built, for every path that adds a goal (the
 * participant's own words, a staff proposal, a conference decision). It keeps who said the
 * words and how (`expressedByKind`, `expressedBy`, `writtenWith`) apart from the words
 * themselves, so authorship is always recorded and never inferred later (PRODUCT.md rule 1),
 * and a new goal starts unranked and without a stage: only the participant ranks it and
 * rates its stage (rules 1, 7).
 */
export type GoalOrigin = Pick<
  GoalEntity,
  | 'expressedByKind'
  | 'expressedBy'
  | 'writtenWith'
  | 'awaitingConfirmation'
  | 'lifecycle'
  | 'reducesCopingBehaviour'
  | 'replacementStrategyIds'
>;

/** A new goal row (not yet saved): what was said, and who said it how. */
export function newGoalRow(
  manager: EntityManager,
  participantId: string,
  what: Pick<GoalEntity, 'text' | 'domain' | 'label' | 'horizon' | 'options'> & { substance?: string | null },
  origin: GoalOrigin,
  now: Date,
): GoalEntity {
  return manager.create(GoalEntity, {
    ...origin,
    participantId,
    text: what.text.trim(),
    domain: what.domain,
    label: what.label,
    declined: false,
    priority: null,
    horizon: what.horizon,
    substance: what.substance?.trim() || null,
    options: what.options,
    stage: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}
