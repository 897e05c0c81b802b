import { AccountKind } from '@roundtable/contracts';
import { forbidden } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** Who is asking, as the plan sees them once visibility is settled (NOT_FOUND for anything hidden). */
export interface PlanViewerFacts {
  /** The participant themself, on their own account. */
  isParticipant: boolean;
}

/** What a team member asked to change on a strategy: only the fields whose owner matters. */
export interface StrategyChangeFacts {
  checkInRhythm?: unknown;
  reminders?: unknown;
}

/**
 * The plan and its items: strategies, offers (docs/product-rules.md rules 1, 8, 13).
 * PlanAccess and PlanItemsService call these after visibility and before the version and
 * state checks, so the order of answers (NOT_FOUND, FORBIDDEN, CONFLICT, BAD_USER_INPUT)
 * stays what each operation has always said. Plain facts in: libs/access does not import
 * libs/plan.
 */
export class PlanPolicy {
  /**
   * Rule 1 (and "Who does what": support persons read what is shared with them): only the
   * participant and staff write to a plan; for staff, the care-team check follows.
   */
  static writer(viewer: PlanViewerFacts, actor: { kind: AccountKind }): void {
    if (viewer.isParticipant) return;
    if (actor.kind !== AccountKind.STAFF) {
      throw forbidden('Support persons can read what is shared with them, not change the plan');
    }
  }

  /** Rules 8 and 13: how often they check in on a strategy, and reminders, are the participant's to set. */
  static updateStrategy(viewer: PlanViewerFacts, input: StrategyChangeFacts): void {
    if (!viewer.isParticipant && (input.checkInRhythm !== undefined || input.reminders !== undefined)) {
      throw forbidden('The check-in rhythm and reminders are set by the participant');
    }
  }

  /** Rule 1: an offer is only ever offered; the participant alone accepts or declines it. */
  static respondToOffer(viewer: PlanViewerFacts): void {
    if (!viewer.isParticipant) throw forbidden('Only the participant answers an offer');
  }

  /** Rule 1: hiding an offer changes only the participant's own view, so only they do it. */
  static hideOffer(viewer: PlanViewerFacts): void {
    if (!viewer.isParticipant) throw forbidden('Only the participant hides an offer from their own view');
  }

  /**
   * Rule 10 (libs/contracts/src/default-labels.ts: "an author may only make it stricter"): the
   * participant may make any item of their plan stricter; a team member only an item they
   * wrote themselves (`authoredBy`: a goal's proposer, a step's or an offer's writer), and a
   * goal only while it is still their proposal: once the participant has taken it up, it and
   * what grew from it (their measures, setbacks, the room's notes) are theirs to re-label, as
   * updateGoal already holds. Called after visibility (a hidden item answers NOT_FOUND) and
   * before the version and the label.
   */
  static makeItemStricter(
    viewer: PlanViewerFacts,
    item: { authoredBy: string | null; stillTheirProposal: boolean },
    actor: { accountId: string },
  ): void {
    if (viewer.isParticipant) return;
    if (item.authoredBy !== actor.accountId) {
      throw forbidden('Only the participant, or the team member who wrote it, can make this stricter');
    }
    if (!item.stillTheirProposal) {
      throw forbidden('Once the participant has taken a goal up, only they can change who sees it');
    }
  }

  /** Rule 1: team members make offers (and withhold resources); the participant answers them. */
  static makeOffer(viewer: PlanViewerFacts): void {
    if (viewer.isParticipant) throw forbidden('Offers are made by team members');
  }
}

/**
 * Who may, per plan permission (authorize dispatches on these); `shared:planWriter` is the
 * right to write to a plan at all, which PlanAccess checks for every plan write.
 */
export const PLAN_RULES = {
  'shared:planWriter': PlanPolicy.writer,
  'strategy.update': PlanPolicy.updateStrategy,
  'offer.make': PlanPolicy.makeOffer,
  'offer.recordWithheld': PlanPolicy.makeOffer,
  'offer.respond': PlanPolicy.respondToOffer,
  'offer.hide': PlanPolicy.hideOffer,
  'plan.makeItemStricter': PlanPolicy.makeItemStricter,
} as const satisfies RuleTable;
