import { refusal, type ParticipantThemselfFacts } from './compartment.rules';
import type { RuleTable } from './rule-table';

/**
 * Consent: who sees what is the participant's to decide (docs/product-rules.md rules 10, 11,
 * 12). ConsentPolicy (consent.policy.ts) loads the facts and calls this through `authorize`;
 * it decides on them, synchronously.
 */
export class ConsentRules {
  /**
   * Rules 10 and 12: only the participant themself grants, revokes or reads their grants and
   * access log. Rule 11: someone who knows the participant (may read them) is told
   * FORBIDDEN; anyone else gets NOT_FOUND, as for an unknown id.
   */
  static participantDecides(facts: ParticipantThemselfFacts): void {
    if (facts.isParticipant) return;
    throw refusal(facts.knowsParticipant, 'Only the participant decides who sees what');
  }
}

/**
 * The participant's own say (authorize dispatches on this): ConsentPolicy.assertIsParticipant
 * checks it first in every consent, access-log and external-sharing operation.
 */
export const CONSENT_RULES = {
  'shared:participantDecides': ConsentRules.participantDecides,
} as const satisfies RuleTable;
