import type { EntityManager } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { strictnessSql } from './label-strictness-sql';
import { WrittenWithYouKind } from './written-with-you.entities';

/**
 * Plan writes shared by several services (the plan row, labels that follow a goal, entries
 * overtaken): the SQL lives here, the rules in the helpers and services. Built on the
 * writing transaction's manager.
 */
export class PlanWriteRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The plan row is created with the first write (a participant may have no plan yet). */
  async ensurePlan(participantId: string, now: Date): Promise<void> {
    await this.manager.query(
      'INSERT INTO plan (participant_id, vision, created_at, version) VALUES ($1, $2, $3, 1) ON CONFLICT (participant_id) DO NOTHING',
      [participantId, '', now],
    );
  }

  /** Steps or offers linked to the goal take its label where theirs is less strict (`rank` is the label's strictness). */
  async tightenLinked(table: 'step' | 'offer', goalId: string, label: SensitivityLabel, rank: number): Promise<void> {
    await this.manager.query(
      `UPDATE ${table} SET label = $2, version = version + 1 WHERE goal_id = $1 AND ${strictnessSql('label')} < $3`,
      [goalId, label, rank],
    );
  }

  /**
   * What waits for the participant's confirmation is read by its own label: the goal's own
   * entry (same id) and a setback written with them that names the goal follow it too, or
   * their words would outlive the goal on the screens that lost it (rules 10, 11).
   */
  async tightenWrittenWithYou(goalId: string, label: SensitivityLabel, rank: number): Promise<void> {
    await this.manager.query(
      `UPDATE written_with_you SET label = $2, version = version + 1
      WHERE (id = $1 OR (kind = $4 AND payload -> 'goalIds' ? $1::text)) AND ${strictnessSql('label')} < $3`,
      [goalId, label, rank, WrittenWithYouKind.SETBACK],
    );
  }

  /** Entries about `targetId` still waiting stop waiting and never apply. */
  async supersedeWaiting(kind: WrittenWithYouKind, targetId: string, answeredAt: Date): Promise<void> {
    await this.manager.query(
      `UPDATE written_with_you SET status = 'SUPERSEDED', answered_at = $3, version = version + 1
        WHERE kind = $1 AND target_id = $2 AND status = 'WAITING'`,
      [kind, targetId, answeredAt],
    );
  }
}
