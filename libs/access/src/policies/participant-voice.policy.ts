import { Injectable } from '@nestjs/common';
import { AccountKind, GoalLifecycle, GoalOption, REDUCING_OPTIONS } from '@roundtable/contracts';
import { CoSignVerifier, type Actor, type CoSignInput } from '@roundtable/identity';
import { badUserInput } from '@roundtable/platform';
import { AuditTrail } from '../audit-trail';
import { authorize } from './authorize';

/**
 * How an act recorded as the participant's counts:
 * - OWN: the participant did it on their own device;
 * - CO_SIGNED: a team member recorded it and the participant typed their own passphrase on
 *   that screen, so it is the participant's act now (PRODUCT.md rules 1, 3);
 * - WAITING: a team member wrote it down with them; it waits for the participant to confirm
 *   or change it on their own device, and until then changes nothing of theirs.
 */
export type VoiceMode = 'OWN' | 'CO_SIGNED' | 'WAITING';

export interface Voice {
  mode: VoiceMode;
  /** The account that recorded it (the participant's own, or the team member's). */
  recordedBy: string;
}

/** Anything with a goal's options, authorship and state (the policy needs no entity). */
export interface GoalShape {
  options: readonly GoalOption[];
  lifecycle: GoalLifecycle;
  declined: boolean;
  awaitingConfirmation: boolean;
}

/**
 * The one place for the rules about the participant's voice: who may speak, agree or be
 * present for them (rules 1, 2, 3), what a return to use may be linked to (rule 6), and
 * when a staff proposal needs a replacement strategy (rule 9). Services call it; who may
 * speak is decided by ParticipantVoiceRules (participant-voice.rules.ts), through `authorize`.
 */
@Injectable()
export class ParticipantVoicePolicy {
  constructor(
    private readonly coSigns: CoSignVerifier,
    private readonly audit: AuditTrail,
  ) {}

  isParticipant(actor: Actor, participantId: string): boolean {
    return actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId;
  }

  /**
   * Rules 1 and 3: staff can never speak, agree or be present for the participant. What they
   * record with them waits, unless the participant co-signs it by typing their own
   * passphrase, checked against THIS participant's sign-in (rate-limited like sign-in,
   * audited whether it matched or not, opening no session). Call it after the access checks.
   */
  async voice(
    actor: Actor,
    participantId: string,
    coSign: CoSignInput | null | undefined,
    field = 'input.coSign',
  ): Promise<Voice> {
    const isParticipant = this.isParticipant(actor, participantId);
    authorize('shared:recordsTheirWords', { isParticipant }, actor);
    if (isParticipant) return { mode: 'OWN', recordedBy: actor.accountId };
    if (!coSign) return { mode: 'WAITING', recordedBy: actor.accountId };
    try {
      await this.coSigns.verify(participantId, coSign.passphrase, actor.accountId, field);
    } catch (error) {
      await this.audit.record({
        participantId,
        actor: actor.accountId,
        action: 'coSign',
        kind: 'DENIED',
        reason: 'co-sign passphrase did not match (or too many attempts)',
      });
      throw error;
    }
    await this.audit.record({
      participantId,
      actor: actor.accountId,
      action: 'coSign',
      kind: 'CHANGE',
      reason: 'the participant co-signed on a team member’s screen',
    });
    return { mode: 'CO_SIGNED', recordedBy: actor.accountId };
  }

  /**
   * Acts only the participant may take with no waiting step (an invitation must hand over a
   * code at once): the participant, or a team member with a valid co-sign.
   */
  async requireParticipantOrCoSign(
    actor: Actor,
    participantId: string,
    coSign: CoSignInput | null | undefined,
    message: string,
  ): Promise<Voice> {
    const voice = await this.voice(actor, participantId, coSign);
    authorize('shared:ownOrCoSigned', voice, message);
    return voice;
  }

  /** Rule 9: does this set of options ask someone to reduce or stop a way of coping? */
  reducesCopingBehaviour(options: readonly GoalOption[]): boolean {
    return options.some((option) => REDUCING_OPTIONS.has(option));
  }

  /** Rule 9: a staff proposal that reduces a way of coping must link a replacement strategy. */
  assertReplacement(options: readonly GoalOption[], replacementStrategyIds: readonly string[], field: string): void {
    if (this.reducesCopingBehaviour(options) && replacementStrategyIds.length === 0) {
      throw badUserInput(
        field,
        `${field}: a proposal with ${options.filter((o) => REDUCING_OPTIONS.has(o)).join(', ')} asks the participant to reduce a way of coping; link a replacement strategy (never take away a defence without a replacement)`,
      );
    }
  }

  /**
   * Rule 6: a return to use is linked only to goals the participant marked as abstinence
   * goals: expressed by them (or confirmed by them when written with them), or a proposal
   * they accepted, with the abstinence option. Never an unanswered or declined proposal,
   * never words still waiting for them.
   */
  mayLinkReturnToUse(goal: GoalShape): boolean {
    return (
      goal.options.includes(GoalOption.ABSTINENCE) &&
      !goal.declined &&
      !goal.awaitingConfirmation &&
      goal.lifecycle !== GoalLifecycle.PROPOSED
    );
  }

  assertReturnToUseLinks(goals: readonly GoalShape[], field: string): void {
    if (goals.some((goal) => !this.mayLinkReturnToUse(goal))) {
      throw badUserInput(
        field,
        `${field}: a return to use can be linked only to abstinence goals the participant took on themselves (expressed, confirmed or accepted)`,
      );
    }
  }

  /** Only the participant confirms, changes or declines what was written with them. */
  assertConfirmer(actor: Actor, participantId: string): void {
    authorize('writtenWithYou.answer', { isParticipant: this.isParticipant(actor, participantId) });
  }
}
