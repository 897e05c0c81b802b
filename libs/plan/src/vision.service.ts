import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import { authorize, ParticipantVoicePolicy } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { Clock, conflict } from '@roundtable/platform';
import { GoalRepository } from './goal.repository';
import { PlanAccess } from './plan-access';
import { PlanEventLog, type PlanWrite } from './plan-event-log';
import type { UpdateVisionInput } from './plan.inputs';
import { ensurePlan } from './plan-write.helpers';
import { WrittenWithYouKind } from './written-with-you.entities';
import { WrittenWithYouService } from './written-with-you.service';

/**
 * The vision: the participant's own words about what they want, on its own file because it
 * has its own rules and its own version (the plan row's), apart from any goal. It keeps
 * PRODUCT.md rule 1 (the agenda belongs to the participant: only they write it; a team
 * member writing with them waits for their confirmation, or their co-sign) and rule 10
 * (the vision is general content, seen by the whole care team).
 */
@Injectable()
export class VisionService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    private readonly voice: ParticipantVoicePolicy,
    private readonly writtenWithYou: WrittenWithYouService,
  ) {}

  onModuleInit(): void {
    this.writtenWithYou.onAccept(WrittenWithYouKind.VISION, async (write, entry, participant, answer) => {
      // Their own changed words are theirs alone; confirmed words keep who wrote them down.
      await this.writeVision(
        write,
        entry.participantId,
        answer.text ?? entry.text,
        answer.text && answer.text !== entry.text ? null : entry.writtenBy,
        participant.accountId,
        { confirmed: true },
      );
    });
  }

  /**
   * The vision is the participant's own words (rule 1). Written down by a team member with
   * them, it is held beside their current vision, never over it, until they confirm it on
   * their own device, unless they co-signed it on the team member's screen.
   */
  async updateVision(actor: Actor, input: UpdateVisionInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    authorize('plan.updateVision', viewer, input);
    const voice = await this.voice.voice(actor, input.participantId, input.coSign);
    const text = input.text.trim();
    // What the team member wrote down: held for the participant, or kept as the co-signed record.
    const writtenDown = {
      participantId: input.participantId,
      kind: WrittenWithYouKind.VISION as const,
      label: SensitivityLabel.GENERAL,
      text,
      writtenBy: actor.accountId,
    };
    await this.log.write(async (write) => {
      await ensurePlan(write.manager, input.participantId, this.clock.now());
      if (voice.mode === 'WAITING') {
        // Nothing of theirs changes: the version guards only that the writer read the current vision.
        const plan = await new GoalRepository(write.manager).plan(input.participantId);
        if (plan.version !== input.expectedVersion) throw conflict(plan.version);
        await this.writtenWithYou.record(write, writtenDown);
        return;
      }
      await this.writeVision(
        write,
        input.participantId,
        text,
        viewer.isParticipant ? null : actor.accountId,
        actor.accountId,
        { expectedVersion: input.expectedVersion, coSigned: voice.mode === 'CO_SIGNED' },
      );
      if (voice.mode === 'CO_SIGNED') {
        await this.writtenWithYou.record(write, { ...writtenDown, coSigned: true });
      }
    });
    return input.participantId;
  }

  private async writeVision(
    { manager, append }: PlanWrite,
    participantId: string,
    text: string,
    writtenWith: string | null,
    actorId: string,
    how: { expectedVersion?: number; coSigned?: boolean; confirmed?: boolean },
  ): Promise<void> {
    const plans = new GoalRepository(manager);
    const written = await plans.writeVision(
      participantId,
      { vision: text, visionWrittenWith: writtenWith, visionUpdatedAt: this.clock.now() },
      how.expectedVersion,
    );
    if (!written) {
      const plan = await plans.plan(participantId);
      throw conflict(plan.version);
    }
    await append({
      participantId,
      label: SensitivityLabel.GENERAL,
      type: PlanEventType.VISION_UPDATED,
      itemId: null,
      actor: actorId,
      payload: {
        text,
        writtenWithParticipant: writtenWith !== null,
        coSigned: Boolean(how.coSigned),
        confirmed: Boolean(how.confirmed),
      },
    });
  }
}
