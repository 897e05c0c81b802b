import { GoalLifecycle } from '@roundtable/contracts';
import { forbidden } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/**
 * What a goal check needs to know about who is asking: the plan has already answered
 * visibility (NOT_FOUND for anything hidden) before any of these run.
 */
export interface GoalViewerFacts {
  /** The participant themself, on their own account. */
  isParticipant: boolean;
}

/** What the staff member said about how they are writing: with the participant, or co-signed by them. */
export interface WrittenWithFacts {
  writtenWithParticipant?: boolean | null;
  coSign?: unknown;
}

/** The parts of a goal who-may-change-it depends on (no entity: libs/access does not import libs/plan). */
export interface GoalFacts {
  /** The staff member who proposed it, or null for the participant's own words. */
  expressedBy: string | null;
  lifecycle: GoalLifecycle;
  awaitingConfirmation: boolean;
}

const PARTICIPANT_ONLY = 'Only the participant can do this: the agenda is theirs';

/**
 * Goals and the vision (docs/product-rules.md rule 1: the agenda belongs to the participant).
 * What the participant expressed, and every goal once accepted, is reworded, re-ranked or
 * retired only by them; staff propose. GoalsService calls these after visibility
 * (PlanAccess: NOT_FOUND for what is hidden) and before the version and state checks, so a
 * refusal here is judged on who is asking, never on what the row holds now.
 */
export class GoalPolicy {
  /**
   * Rules 1 and 3: the vision is the participant's words. A team member writes it only with
   * them (it then waits for them) or with their co-sign.
   */
  static updateVision(viewer: GoalViewerFacts, input: WrittenWithFacts): void {
    if (!viewer.isParticipant && !input.writtenWithParticipant && !input.coSign) throw forbidden(PARTICIPANT_ONLY);
  }

  /** Rules 1 and 3: staff propose goals; they write the participant's own words only with them. */
  static expressGoal(viewer: GoalViewerFacts, input: WrittenWithFacts): void {
    if (!viewer.isParticipant && !input.writtenWithParticipant && !input.coSign) {
      throw forbidden(
        'Staff propose goals (proposeGoal); write a participant’s own words only with them (writtenWithParticipant)',
      );
    }
  }

  /** Rule 1: a proposal is how a team member suggests a goal; the participant expresses theirs. */
  static proposeGoal(viewer: GoalViewerFacts): void {
    if (viewer.isParticipant) {
      throw forbidden('Participants express goals (expressGoal); proposals are how staff suggest one');
    }
  }

  /** Rules 1 and 3: only the participant accepts or declines a proposal. */
  static answerProposal(viewer: GoalViewerFacts): void {
    GoalPolicy.participantOnly(viewer);
  }

  /** Rule 1: only the participant confirms words a team member wrote down with them. */
  static confirmGoal(viewer: GoalViewerFacts): void {
    GoalPolicy.participantOnly(viewer);
  }

  /**
   * Rule 1, first check of an update (before the version): staff may reshape only their own
   * proposal; every other goal is the participant's to change.
   */
  static updateGoalAuthor(viewer: GoalViewerFacts, goal: Pick<GoalFacts, 'expressedBy'>, actorAccountId: string): void {
    if (!viewer.isParticipant && goal.expressedBy !== actorAccountId) throw forbidden(PARTICIPANT_ONLY);
  }

  /**
   * Rule 1, second check of an update (after the version, on the row the update changes):
   * staff only while their proposal is still open; the participant answers a proposal before
   * changing it, and changes words written with them (which confirms them).
   */
  static updateGoalState(viewer: GoalViewerFacts, goal: Pick<GoalFacts, 'lifecycle' | 'awaitingConfirmation'>): void {
    const staffProposal = goal.lifecycle === GoalLifecycle.PROPOSED && !goal.awaitingConfirmation;
    if (viewer.isParticipant === staffProposal || (!viewer.isParticipant && goal.awaitingConfirmation)) {
      throw forbidden(viewer.isParticipant ? 'Accept or decline a proposal before changing it' : PARTICIPANT_ONLY);
    }
  }

  /** Rules 1 and 6: only the participant puts a goal on hold, achieves, retires or reactivates it. */
  static setLifecycle(viewer: GoalViewerFacts): void {
    GoalPolicy.participantOnly(viewer);
  }

  /** Rules 1 and 11: only the participant ranks their goals. */
  static rankGoals(viewer: GoalViewerFacts): void {
    GoalPolicy.participantOnly(viewer);
  }

  private static participantOnly(viewer: GoalViewerFacts): void {
    if (!viewer.isParticipant) throw forbidden(PARTICIPANT_ONLY);
  }
}

/**
 * Who may, per goal permission (authorize dispatches on these). goal.update is checked twice,
 * in this order: who is asking (before the version check), then the row's state (after it).
 */
export const GOAL_RULES = {
  'plan.updateVision': GoalPolicy.updateVision,
  'goal.express': GoalPolicy.expressGoal,
  'goal.propose': GoalPolicy.proposeGoal,
  'goal.answerProposal': GoalPolicy.answerProposal,
  'goal.confirm': GoalPolicy.confirmGoal,
  'goal.update': GoalPolicy.updateGoalAuthor,
  'goal.update:state': GoalPolicy.updateGoalState,
  'goal.setLifecycle': GoalPolicy.setLifecycle,
  'goal.rank': GoalPolicy.rankGoals,
} as const satisfies RuleTable;
