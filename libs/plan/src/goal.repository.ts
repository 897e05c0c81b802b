import type { EntityManager } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { versionedUpdate } from '@roundtable/platform';
import { GoalEntity, PlanEntity, StageRatingEntity } from './plan.entities';

/**
 * The goal, plan (vision and ranking) and stage-rating rows, as the goal services read and
 * write them: the SQL lives here and the services keep only the rules (issue 15, "one
 * persistence idiom"). Built over an EntityManager: a write's transaction, or the
 * DataSource's manager for a read outside one. A goal edit goes through versionedUpdate
 * (ARCHITECTURE.md "Optimistic concurrency"); the vision and the ranking are guarded by
 * their own versions on the plan row, checked in the UPDATE itself.
 */
export class GoalRepository {
  constructor(private readonly manager: EntityManager) {}

  goal(id: string): Promise<GoalEntity | null> {
    return this.manager.findOneBy(GoalEntity, { id });
  }

  goalsOf(participantId: string): Promise<GoalEntity[]> {
    return this.manager.findBy(GoalEntity, { participantId });
  }

  /**
   * The ids of a participant's goals under the given labels: what a reader may see linked
   * (PRODUCT.md rule 11: a link to a hidden goal would reveal it).
   */
  visibleGoalIds(participantId: string, labels: SensitivityLabel[]): Promise<{ id: string }[]> {
    return this.manager.query('SELECT id FROM goal WHERE participant_id = $1 AND label = ANY($2)', [
      participantId,
      labels,
    ]) as Promise<{ id: string }[]>;
  }

  /** The goal, share-locked until the transaction ends (it must not change under a staff rating). */
  lockedToRead(id: string): Promise<GoalEntity> {
    return this.manager.findOneOrFail(GoalEntity, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  /** The goal, locked for this transaction's own change; null if it is gone. */
  lockedToWrite(id: string): Promise<GoalEntity | null> {
    return this.manager.findOne(GoalEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(goal: GoalEntity): Promise<GoalEntity> {
    return this.manager.save(goal);
  }

  /** A versioned edit: CONFLICT with the current version if the goal moved since it was read. */
  update(id: string, expectedVersion: number, changes: Partial<GoalEntity>): Promise<void> {
    return versionedUpdate(this.manager, GoalEntity, id, expectedVersion, changes);
  }

  plan(participantId: string): Promise<PlanEntity> {
    return this.manager.findOneByOrFail(PlanEntity, { participantId });
  }

  /**
   * Writes the vision and moves the plan version; with `expectedVersion`, only if the plan
   * is still at it. False when no row changed (the caller answers CONFLICT).
   */
  async writeVision(
    participantId: string,
    vision: Pick<PlanEntity, 'vision' | 'visionWrittenWith' | 'visionUpdatedAt'>,
    expectedVersion?: number,
  ): Promise<boolean> {
    const query = this.manager
      .createQueryBuilder()
      .update(PlanEntity)
      .set({ ...vision, version: () => 'version + 1' })
      .where('participant_id = :id', { id: participantId });
    if (expectedVersion !== undefined) query.andWhere('version = :version', { version: expectedVersion });
    const result = await query.execute();
    return result.affected === 1;
  }

  /** Moves the ranking version if it is still `expectedVersion`; false otherwise. */
  async bumpRankingVersion(participantId: string, expectedVersion: number): Promise<boolean> {
    const bumped = await this.manager.query(
      'UPDATE plan SET ranking_version = ranking_version + 1 WHERE participant_id = $1 AND ranking_version = $2 RETURNING ranking_version',
      [participantId, expectedVersion],
    );
    return bumped[1] === 1;
  }

  /**
   * Ranks the goals in the order given and unranks the rest. Ranks leave each goal's version
   * and updatedAt alone: a hidden goal's move would otherwise move numbers on goals other
   * viewers see (issue 13, finding 6; PRODUCT.md rule 11).
   */
  async rank(participantId: string, goalIds: string[]): Promise<void> {
    await this.manager.query(
      `UPDATE goal SET priority = ranked.position
         FROM (SELECT id, ordinality AS position FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ordinality)) ranked
        WHERE goal.id = ranked.id AND goal.participant_id = $1 AND goal.priority IS DISTINCT FROM ranked.position`,
      [participantId, goalIds],
    );
    await this.manager.query(
      'UPDATE goal SET priority = NULL WHERE participant_id = $1 AND priority IS NOT NULL AND NOT (id = ANY($2::uuid[]))',
      [participantId, goalIds],
    );
  }

  async addStageRating(rating: Omit<StageRatingEntity, 'id'>): Promise<void> {
    await this.manager.insert(StageRatingEntity, rating);
  }
}
