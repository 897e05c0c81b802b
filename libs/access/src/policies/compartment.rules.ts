import { forbidden, notFound } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** What CompartmentPolicy found out: whether the actor may read this participant now. */
export interface ReadableFacts {
  readable: boolean;
}

/**
 * A staff member (not a support person) on the participant's team now; if not, whether the
 * actor may know the participant at all (rule 11), which costs a round trip and so is asked
 * only when refusing.
 */
export type StaffOnTeamFacts = { staffOnTeam: true } | { staffOnTeam: false; knowsParticipant: boolean };

/** The participant themself, on their own account; if not, whether the actor may know them (rule 11). */
export type ParticipantThemselfFacts = { isParticipant: true } | { isParticipant: false; knowsParticipant: boolean };

/**
 * Rule 11: someone who may know the participant (their team, themself, the program's roster)
 * is told why not; anyone else gets exactly the answer for an unknown id.
 */
export function refusal(knowsParticipant: boolean, reason: string): Error {
  return knowsParticipant ? forbidden(reason) : notFound();
}

/**
 * The compartment (docs/product-rules.md rules 10 and 11): who may see which participant at
 * all. CompartmentPolicy (compartment.policy.ts) loads the memberships and calls these
 * through `authorize`; they decide on plain facts, synchronously. Outside the compartment a
 * participant answers exactly like an unknown id.
 */
export class CompartmentRules {
  /** Rule 11: NOT_FOUND, as for an unknown id, unless the actor may read this participant. */
  static readable(facts: ReadableFacts): void {
    if (!facts.readable) throw notFound();
  }

  /**
   * Rule 10: a staff member (not a support person) on the participant's team right now. Those
   * who know the participant anyway (the participant, their support persons, the program's
   * roster) are told no; anyone else learns nothing (rule 11).
   */
  static staffOnTeam(facts: StaffOnTeamFacts): void {
    if (facts.staffOnTeam) return;
    throw refusal(facts.knowsParticipant, 'Only a staff member on the care team can do this');
  }
}

/**
 * The compartment's shared rules (authorize dispatches on these): many operations of every
 * library check them, whatever permission they declare, through CompartmentPolicy.
 */
export const COMPARTMENT_RULES = {
  'shared:readable': CompartmentRules.readable,
  'shared:staffOnTeam': CompartmentRules.staffOnTeam,
} as const satisfies RuleTable;
