import { Injectable } from '@nestjs/common';
import { GoalLifecycle, LABEL_STRICTNESS, PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import { authorize } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { badUserInput, Clock, conflict } from '@roundtable/platform';
import { GoalRepository } from './goal.repository';
import { PlanAccess } from './plan-access';
import { PlanEventLog } from './plan-event-log';
import type { RankGoalsInput } from './plan.inputs';
import { ensurePlan } from './plan-write.helpers';

/**
 * The participant's ranking of their goals, on its own file because it is guarded by its own
 * version (the plan's ranking_version) and touches every goal at once. It keeps PRODUCT.md
 * rule 1 (only the participant re-prioritises their agenda, and only goals that are theirs:
 * active or accepted, never a proposal) and rule 11 (a rank never moves a goal's version, so
 * nothing hidden shows through in what another viewer sees; the event carries the strictest
 * label of the goals it orders).
 */
@Injectable()
export class GoalRankingService {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
  ) {}

  /** The participant's ranking; goals left out have no rank. Guarded by the plan version. */
  async rankGoals(actor: Actor, input: RankGoalsInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    authorize('goal.rank', viewer);
    const now = this.clock.now();
    await this.log.write(async ({ manager, append }) => {
      const repository = new GoalRepository(manager);
      await ensurePlan(manager, input.participantId, now);
      const goals = await repository.goalsOf(input.participantId);
      const byId = new Map(goals.map((goal) => [goal.id, goal]));
      const ranked = input.goalIds.flatMap((id) => byId.get(id) ?? []);
      if (
        ranked.length < input.goalIds.length ||
        ranked.some((goal) => goal.lifecycle === GoalLifecycle.PROPOSED || goal.declined)
      ) {
        throw badUserInput('input.goalIds', 'input.goalIds: rank only your own active or accepted goals');
      }
      if (!(await repository.bumpRankingVersion(input.participantId, input.expectedVersion))) {
        const plan = await repository.plan(input.participantId);
        throw conflict(plan.rankingVersion);
      }
      // The ranking is guarded by its own version (ranking_version, the participant's only).
      await repository.rank(input.participantId, input.goalIds);
      // The ranking reveals every goal it orders, so it carries the strictest of their labels.
      const label = ranked.reduce(
        (strictest, goal) => (LABEL_STRICTNESS[goal.label] > LABEL_STRICTNESS[strictest] ? goal.label : strictest),
        SensitivityLabel.GENERAL,
      );
      await append({
        participantId: input.participantId,
        label,
        type: PlanEventType.GOALS_RANKED,
        itemId: null,
        actor: actor.accountId,
        payload: { goalIds: input.goalIds },
      });
    });
    return input.participantId;
  }
}
