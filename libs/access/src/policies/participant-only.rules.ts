import { forbidden, notFound } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** Who is asking, once the compartment has answered (NOT_FOUND outside it). */
export interface ParticipantOnlyViewerFacts {
  /** The participant themself, on their own account. */
  isParticipant: boolean;
}

/**
 * Acts that are the participant's alone: nobody can speak for them (rules 1, 3), and what
 * they report about themselves is theirs (rule 13). ParticipantOnlyPolicy
 * (participant-only.policy.ts) settles visibility first and calls these through `authorize`.
 * A team member (or support person) who may see the item is told FORBIDDEN, as for the other
 * participant-only operations; there is no "with the participant" path here.
 */
export class ParticipantOnlyRules {
  /**
   * Rules 8, 11 and 13: on a strategy under a label the actor may not see, exactly NOT_FOUND,
   * as for an unknown id (a housing worker learns nothing of a substance-use strategy, not even
   * that a check-in was refused); then the participant only: a check-in is how it is going
   * *for them*, said on their own device (rule 3).
   */
  static checkInOnStrategy(viewer: ParticipantOnlyViewerFacts, item: { labelVisible: boolean }): void {
    if (!item.labelVisible) throw notFound();
    if (!viewer.isParticipant) {
      throw forbidden('Only the participant checks in on their strategies: how it is working is theirs to say');
    }
  }

  /** Rules 10 and 13: whether the team sees when they are in their plan's live room is the participant's to decide. */
  static sharePresence(viewer: ParticipantOnlyViewerFacts): void {
    if (!viewer.isParticipant) throw forbidden('Only the participant decides whether the team sees when they are here');
  }
}

/** Who may, per participant-only permission (authorize dispatches on these). */
export const PARTICIPANT_ONLY_RULES = {
  'strategy.checkIn': ParticipantOnlyRules.checkInOnStrategy,
  'consent.sharePresence': ParticipantOnlyRules.sharePresence,
} as const satisfies RuleTable;
