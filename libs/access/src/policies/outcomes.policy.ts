import { forbidden } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** Who is asking, as the plan sees them once visibility is settled (NOT_FOUND for anything hidden). */
export interface OutcomesViewerFacts {
  /** The participant themself, on their own account. */
  isParticipant: boolean;
}

/**
 * Outcomes: measures, wins and setbacks (docs/product-rules.md rules 1, 3, 5, 6, 13). The
 * outcomes services call these after visibility (PlanAccess: NOT_FOUND for what is hidden)
 * and before the version and state checks. Plain facts in: libs/access does not import
 * libs/outcomes.
 */
export class OutcomesPolicy {
  /** Rules 5 and 13: counting how much someone uses is only ever their own choice. */
  static defineMetric(viewer: OutcomesViewerFacts, input: { tracksSubstanceAmount?: boolean | null }): void {
    if (input.tracksSubstanceAmount && !viewer.isParticipant) {
      throw forbidden('Tracking an amount of substance use is only ever the participant’s choice');
    }
  }

  /**
   * Rules 1 and 4: a measure the participant defines is in their words and on their scale, so
   * its values are theirs to give; the team records values only on clinical measures. (Staff
   * can see the measure, so saying why is no leak.)
   */
  static recordMeasurement(viewer: OutcomesViewerFacts, metric: { participantDefined: boolean }): void {
    if (metric.participantDefined && !viewer.isParticipant) {
      throw forbidden(
        'A measure in the participant’s own words is theirs to fill in; record yours on a clinical measure',
      );
    }
  }

  /**
   * Rules 1, 3 and 6: a setback is the participant's to tell. A team member records one only
   * with them (it waits for them) or with their co-sign.
   */
  static recordSetback(
    viewer: OutcomesViewerFacts,
    input: { withParticipant?: boolean | null; coSign?: unknown },
  ): void {
    if (!viewer.isParticipant && !input.withParticipant && !input.coSign) {
      throw forbidden('A setback is recorded by the participant, or by a team member with them (withParticipant)');
    }
  }

  /** Rules 1 and 6: a return to use offers a plan review; only the participant takes it up or declines. */
  static answerPlanReview(viewer: OutcomesViewerFacts): void {
    if (!viewer.isParticipant) throw forbidden('Only the participant answers a plan review offer');
  }

  /** Rules 1 and 13: a win is theirs; only the participant confirms or hides it. */
  static ownWin(viewer: OutcomesViewerFacts): void {
    if (!viewer.isParticipant) throw forbidden('Only the participant confirms or hides a win');
  }
}

/** Who may, per outcomes permission (authorize dispatches on these). */
export const OUTCOMES_RULES = {
  'metric.define': OutcomesPolicy.defineMetric,
  'metric.recordMeasurement': OutcomesPolicy.recordMeasurement,
  'setback.record': OutcomesPolicy.recordSetback,
  'setback.answerPlanReview': OutcomesPolicy.answerPlanReview,
  'win.confirm': OutcomesPolicy.ownWin,
  'win.hide': OutcomesPolicy.ownWin,
} as const satisfies RuleTable;
