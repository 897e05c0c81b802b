import { AccountKind } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { forbidden, notFound } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/**
 * Consent: who sees what is the participant's to decide (docs/product-rules.md rules 10,
 * 11, 12). ConsentService calls this first in every consent operation.
 */
export class ConsentPolicy {
  /**
   * Rules 10 and 12: only the participant themself grants, revokes or reads their grants and
   * access log. Rule 11: someone who knows the participant (may read them) is told
   * FORBIDDEN; anyone else gets NOT_FOUND, as for an unknown id. `knowsParticipant` is asked
   * only when the actor is not the participant.
   */
  static async assertIsParticipant(
    actor: Pick<Actor, 'kind' | 'participantId'>,
    participantId: string,
    knowsParticipant: () => Promise<boolean>,
  ): Promise<void> {
    if (actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId) return;
    throw (await knowsParticipant()) ? forbidden('Only the participant decides who sees what') : notFound();
  }
}

/**
 * The participant's own say (authorize dispatches on this): ConsentService.assertIsParticipant
 * checks it first in every consent, access-log and external-sharing operation.
 */
export const CONSENT_RULES = {
  'shared:participantDecides': ConsentPolicy.assertIsParticipant,
} as const satisfies RuleTable;
