import type { EntityManager } from 'typeorm';

/** The plan row is created with the first write (a participant may have no plan yet). */
export async function ensurePlan(manager: EntityManager, participantId: string, now: Date): Promise<void> {
  await manager.query(
    'INSERT INTO plan (participant_id, vision, created_at, version) VALUES ($1, $2, $3, 1) ON CONFLICT (participant_id) DO NOTHING',
    [participantId, '', now],
  );
}
