import { Injectable } from '@nestjs/common';
import { PlanEventType } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { assertVersion, Clock } from '@roundtable/platform';
import { GoalRepository } from './goal.repository';
import { GoalsService } from './goals.service';
import { PlanEventLog } from './plan-event-log';
import type { RateStageInput } from './plan.inputs';

/**
 * Stage-of-change ratings, on their own file because they are two records with different
 * owners: the participant's rating is the goal's stage, staff ratings are kept beside it and
 * never move it. It keeps PRODUCT.md rule 7 (stages per goal, rated by the participant, staff
 * views stored separately, and they may move backwards) and rule 10 (a staff member rates
 * only a goal whose label they may see: GoalsService.goalFor answers NOT_FOUND otherwise).
 */
@Injectable()
export class StageRatingsService {
  constructor(
    private readonly clock: Clock,
    private readonly goals: GoalsService,
    private readonly log: PlanEventLog,
  ) {}

  /**
   * The participant's rating moves the goal's stage (either way); staff ratings are kept beside it.
   * Both are judged on the goal as the rater read it (expectedVersion): the participant's
   * rating goes through versionedUpdate, so "previous" is exactly the stage they saw.
   */
  async rateStage(actor: Actor, input: RateStageInput): Promise<string> {
    const { goal, viewer } = await this.goals.goalFor(actor, input.goalId);
    assertVersion(goal, input.expectedVersion);
    const now = this.clock.now();
    await this.log.write(async ({ manager, append }) => {
      const repository = new GoalRepository(manager);
      if (viewer.isParticipant) {
        await repository.update(goal.id, input.expectedVersion, {
          stage: input.stage,
          updatedAt: now,
        });
      } else {
        // A staff rating leaves the goal as it is, but must still be about the version read.
        const current = await repository.lockedToRead(goal.id);
        assertVersion(current, input.expectedVersion);
      }
      await repository.addStageRating({
        participantId: goal.participantId,
        goalId: goal.id,
        ratedBy: actor.accountId,
        byParticipant: viewer.isParticipant,
        stage: input.stage,
        at: now,
      });
      await append({
        participantId: goal.participantId,
        label: goal.label,
        type: PlanEventType.STAGE_RATED,
        itemId: goal.id,
        actor: actor.accountId,
        payload: {
          stage: input.stage,
          previous: viewer.isParticipant ? goal.stage : null,
          byParticipant: viewer.isParticipant,
          text: goal.text,
        },
      });
    });
    return goal.id;
  }
}
