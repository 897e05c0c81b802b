import type { EntityManager } from 'typeorm';
import { LABEL_STRICTNESS, PlanEventType, type SensitivityLabel } from '@roundtable/contracts';
import type { PlanWrite } from './plan-event-log';
import { PlanWriteRepository } from './plan-write.repository';

/** The plan row is created with the first write (a participant may have no plan yet). */
export async function ensurePlan(manager: EntityManager, participantId: string, now: Date): Promise<void> {
  await new PlanWriteRepository(manager).ensurePlan(participantId, now);
}

/**
 * When a goal's label becomes stricter, what reveals it (its steps, offers linked to it)
 * becomes at least as strict, in the same transaction: derived items carry the strictest
 * label of what they reveal. Labels only ever tighten here.
 */
export async function tightenLinkedPlanItems(
  manager: EntityManager,
  goalId: string,
  label: SensitivityLabel,
): Promise<void> {
  const rank = LABEL_STRICTNESS[label];
  const repository = new PlanWriteRepository(manager);
  for (const table of ['step', 'offer'] as const) await repository.tightenLinked(table, goalId, label, rank);
  // Entries waiting for the participant follow the goal too (see PlanWriteRepository.tightenWrittenWithYou).
  await repository.tightenWrittenWithYou(goalId, label, rank);
}

/**
 * An item just became stricter: a notice under its OLD label, so everyone who saw it there
 * refetches (PRODUCT.md rule 10: the change takes effect at once on open screens). It carries
 * nothing but the id they already hold: no text, no new label (rule 11). Its later events go
 * under the new label, which those who lost it never receive.
 */
export async function restrictedNotice(
  write: PlanWrite,
  item: { id: string; participantId: string; label: SensitivityLabel },
  actor: string,
): Promise<void> {
  await write.append({
    participantId: item.participantId,
    label: item.label,
    type: PlanEventType.ITEM_RESTRICTED,
    itemId: item.id,
    actor,
    payload: {},
  });
}
