import { AccountKind } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { forbidden } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** Who is asking, about this participant. */
export interface VoiceViewerFacts {
  /** The participant themself, on their own account. */
  isParticipant: boolean;
}

/**
 * The participant's voice (docs/product-rules.md rules 1, 2, 3): nobody speaks, agrees or is
 * present for them. ParticipantVoicePolicy (participant-voice.policy.ts) verifies co-signs
 * and calls these through `authorize`.
 */
export class ParticipantVoiceRules {
  /**
   * Rules 1 and 3: what counts as the participant's words is recorded by them, or by a team
   * member with them (it then waits for them, or they co-sign it); never by a support person.
   */
  static recordsTheirWords(viewer: VoiceViewerFacts, actor: Pick<Actor, 'kind'>): void {
    if (!viewer.isParticipant && actor.kind !== AccountKind.STAFF) {
      throw forbidden('Only the participant, or a team member with them, records their words');
    }
  }

  /**
   * Rules 1 and 3: acts with no waiting step (an invitation hands over a code at once) are
   * the participant's own, or co-signed by them on a team member's screen. `refusal` says
   * what the act is.
   */
  static ownOrCoSigned(voice: { mode: 'OWN' | 'CO_SIGNED' | 'WAITING' }, refusal: string): void {
    if (voice.mode === 'WAITING') throw forbidden(refusal);
  }

  /** Rules 1 and 3: only the participant confirms, changes or declines what was written with them. */
  static confirmWrittenWithYou(viewer: VoiceViewerFacts): void {
    if (!viewer.isParticipant) {
      throw forbidden('Only the participant confirms what was written with them, on their own device');
    }
  }
}

/**
 * The voice rules (authorize dispatches on these): the first two are shared by every
 * operation that records the participant's words; the last is writtenWithYou.answer's.
 */
export const PARTICIPANT_VOICE_RULES = {
  'shared:recordsTheirWords': ParticipantVoiceRules.recordsTheirWords,
  'shared:ownOrCoSigned': ParticipantVoiceRules.ownOrCoSigned,
  'writtenWithYou.answer': ParticipantVoiceRules.confirmWrittenWithYou,
} as const satisfies RuleTable;
