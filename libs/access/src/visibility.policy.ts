import { Injectable } from '@nestjs/common';
import { AccountKind, Discipline, SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { CompartmentPolicy } from './compartment.policy';

const { GENERAL, HOUSING, HEALTH, MENTAL_HEALTH, LEGAL } = SensitivityLabel;

/**
 * What each discipline sees before the participant grants anything (PRODUCT.md rule 10).
 * Substance use is nobody's by default; anything unlisted is hidden.
 */
export const DEFAULT_LABELS_BY_DISCIPLINE: Record<Discipline, readonly SensitivityLabel[]> = {
  [Discipline.CASE_MANAGEMENT]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH, LEGAL],
  [Discipline.MEDICAL]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH],
  [Discipline.NURSING]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH],
  [Discipline.BEHAVIOURAL_HEALTH]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH],
  [Discipline.RECOVERY_COUNSELLING]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH],
  [Discipline.PEER_SUPPORT]: [GENERAL, HOUSING],
  [Discipline.HOUSING]: [GENERAL, HOUSING],
};

const ALL_LABELS = Object.values(SensitivityLabel);

/**
 * Which sensitivity labels of a participant's plan an actor sees: everything for the
 * participant themselves; the discipline's defaults for staff on the care team; nothing
 * for anyone outside the compartment. The one answer used by every read path.
 */
@Injectable()
export class VisibilityPolicy {
  constructor(private readonly compartment: CompartmentPolicy) {}

  async visibleLabels(actor: Actor, participantId: string): Promise<Set<SensitivityLabel>> {
    const readable = await this.compartment.readableParticipantIds(actor, [participantId]);
    return readable.has(participantId) ? this.labelsOf(actor) : new Set();
  }

  /** The labels the actor sees; NOT_FOUND when they may not see the participant at all. */
  async requireVisibleLabels(actor: Actor, participantId: string): Promise<Set<SensitivityLabel>> {
    await this.compartment.assertReadable(actor, participantId);
    return this.labelsOf(actor);
  }

  private labelsOf(actor: Actor): Set<SensitivityLabel> {
    if (actor.kind === AccountKind.PARTICIPANT) return new Set(ALL_LABELS);
    if (actor.kind === AccountKind.STAFF && actor.discipline)
      return new Set(DEFAULT_LABELS_BY_DISCIPLINE[actor.discipline]);
    return new Set();
  }
}
