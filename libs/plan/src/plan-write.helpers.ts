import type { EntityManager } from 'typeorm';
import { LABEL_STRICTNESS, type SensitivityLabel } from '@roundtable/contracts';

/** The plan row is created with the first write (a participant may have no plan yet). */
export async function ensurePlan(manager: EntityManager, participantId: string, now: Date): Promise<void> {
  await manager.query(
    'INSERT INTO plan (participant_id, vision, created_at, version) VALUES ($1, $2, $3, 1) ON CONFLICT (participant_id) DO NOTHING',
    [participantId, '', now],
  );
}

/** SQL for a label column's strictness rank, from LABEL_STRICTNESS (the one ordering). */
export function strictnessSql(column: string): string {
  const cases = Object.entries(LABEL_STRICTNESS)
    .map(([label, rank]) => `WHEN '${label}' THEN ${rank}`)
    .join(' ');
  return `(CASE ${column} ${cases} END)`;
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
  for (const table of ['step', 'offer']) {
    await manager.query(
      `UPDATE ${table} SET label = $2, version = version + 1 WHERE goal_id = $1 AND ${strictnessSql('label')} < $3`,
      [goalId, label, rank],
    );
  }
}
