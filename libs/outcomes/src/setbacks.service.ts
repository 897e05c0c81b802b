import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { authorize, ParticipantVoicePolicy } from '@roundtable/access';
import { PlanEventType, SensitivityLabel, strictestLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, notFound } from '@roundtable/platform';
import {
  Authors,
  chooseLabel,
  entryPayload,
  GoalRepository,
  linkedGoals,
  PlanAccess,
  PlanEventLog,
  waitingEntries,
  WrittenWithYouKind,
  WrittenWithYouService,
  type PlanViewer,
  type PlanWrite,
  type WrittenWithYouPayloads,
} from '@roundtable/plan';
import { SetbackRepository } from './setback.repository';
import type { AnswerPlanReviewInput, RecordSetbackInput } from './outcomes.inputs';
import { PlanReviewState, type Setback } from './outcomes.models';

/** A setback as recorded, or as written down with the participant until they confirm it. */
type SetbackFields = WrittenWithYouPayloads[WrittenWithYouKind.SETBACK];

/**
 * Setbacks are expected, not failure: a neutral event with an optional reflection. It
 * never removes a win and changes no one's status. A return to use may only be linked to
 * the participant's abstinence goals, is recorded by them or with them (never from a test
 * result: there is no such input), and offers a plan review they may decline.
 */
@Injectable()
export class SetbacksService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    private readonly voice: ParticipantVoicePolicy,
    private readonly writtenWithYou: WrittenWithYouService,
    private readonly setbacks: SetbackRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** A setback written down with the participant is recorded only when they confirm it (rules 3, 6). */
  onModuleInit(): void {
    this.writtenWithYou.onAccept(WrittenWithYouKind.SETBACK, async (write, entry, participant, answer) => {
      const fields = entryPayload(entry, WrittenWithYouKind.SETBACK);
      // The goals are judged again now: a return to use links only to goals that are theirs today,
      // and the setback is at least as strict as each of them is now (a goal may have become
      // stricter while it waited: rule 10), and as the entry.
      const goals = fields.goalIds.length ? await this.setbacks.linkedGoals(write.manager, fields.goalIds) : [];
      if (fields.returnToUse && goals.length) this.voice.assertReturnToUseLinks(goals, 'input.entryId');
      const label = strictestLabel(fields.label, entry.label, ...goals.map((goal) => goal.label));
      await this.insert(write, entry.participantId, participant.accountId, {
        id: entry.id,
        fields: { ...fields, label, reflection: answer.text ?? fields.reflection },
        recordedBy: entry.writtenBy,
        withParticipant: true,
        coSigned: false,
      });
    });
  }

  async record(actor: Actor, input: RecordSetbackInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    authorize('setback.record', viewer, input);
    const goals = await linkedGoals(this.dataSource, viewer, input.goalIds, 'input.goalIds');
    // Rule 6: only goals the participant took on as abstinence goals.
    if (input.returnToUse) this.voice.assertReturnToUseLinks(goals, 'input.goalIds');
    const voice = await this.voice.voice(actor, input.participantId, input.coSign);
    const defaultLabel = strictestLabel(
      input.returnToUse ? SensitivityLabel.SUBSTANCE_USE : SensitivityLabel.GENERAL,
      ...goals.map((goal) => goal.label),
    );
    const label = chooseLabel(viewer, defaultLabel, input.label);
    const fields: SetbackFields = {
      reflection: input.reflection?.trim() || null,
      returnToUse: input.returnToUse,
      goalIds: input.goalIds,
      label,
    };
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'recordSetback' },
      async (write) => {
        if (voice.mode === 'WAITING') {
          const entry = await this.writtenWithYou.record(write, {
            participantId: input.participantId,
            kind: WrittenWithYouKind.SETBACK,
            label,
            text: fields.reflection ?? (fields.returnToUse ? 'A return to use' : 'A setback'),
            payload: { ...fields },
            writtenBy: actor.accountId,
          });
          return entry.id;
        }
        return this.insert(write, input.participantId, actor.accountId, {
          fields,
          recordedBy: actor.accountId,
          withParticipant: !viewer.isParticipant,
          coSigned: voice.mode === 'CO_SIGNED',
        });
      },
    );
  }

  private async insert(
    { manager, append }: PlanWrite,
    participantId: string,
    actorId: string,
    how: { id?: string; fields: SetbackFields; recordedBy: string; withParticipant: boolean; coSigned: boolean },
  ): Promise<string> {
    const { fields } = how;
    const setback = await this.setbacks.add(manager, {
      ...(how.id ? { id: how.id } : {}),
      participantId,
      label: fields.label,
      reflection: fields.reflection,
      returnToUse: fields.returnToUse,
      goalIds: fields.goalIds,
      recordedBy: how.recordedBy,
      withParticipant: how.withParticipant,
      coSigned: how.coSigned,
      planReview: fields.returnToUse ? PlanReviewState.OFFERED : PlanReviewState.NOT_OFFERED,
      occurredAt: this.clock.now(),
      version: 1,
    });
    await append({
      participantId,
      label: fields.label,
      type: PlanEventType.SETBACK_RECORDED,
      itemId: setback.id,
      actor: actorId,
      payload: { text: setback.reflection ?? '', returnToUse: setback.returnToUse },
    });
    return setback.id;
  }

  /** The participant takes up or declines the plan review a return to use offered. */
  async answerPlanReview(actor: Actor, input: AnswerPlanReviewInput): Promise<string> {
    const setback = await this.setbacks.setback(input.setbackId);
    if (!setback) throw notFound();
    const viewer = await this.access.itemWriter(actor, setback.participantId, setback.label);
    authorize('setback.answerPlanReview', viewer);
    assertVersion(setback, input.expectedVersion);
    if (setback.planReview !== PlanReviewState.OFFERED)
      throw badUserInput('input.setbackId', 'input.setbackId: no plan review is waiting');
    const planReview = input.accept ? PlanReviewState.ACCEPTED : PlanReviewState.DECLINED;
    await this.log.write(async ({ manager, append }) => {
      await this.setbacks.update(manager, setback.id, input.expectedVersion, { planReview });
      await append({
        participantId: setback.participantId,
        label: setback.label,
        type: PlanEventType.PLAN_REVIEW_ANSWERED,
        itemId: setback.id,
        actor: actor.accountId,
        payload: { text: input.accept ? 'Plan review: yes' : 'Plan review: not now' },
      });
    });
    return setback.id;
  }

  async list(viewer: PlanViewer): Promise<Setback[]> {
    const rows = await this.setbacks.visibleSetbacks(viewer.participantId, [...viewer.labels]);
    // Setbacks written down with the participant and waiting for them are listed as waiting.
    const waiting = (await waitingEntries(this.dataSource, viewer.participantId, viewer.labels)).filter(
      (entry) => entry.kind === WrittenWithYouKind.SETBACK,
    );
    const [authors, goals] = await Promise.all([
      Authors.load(this.dataSource, viewer.participantId, [
        ...rows.map((row) => row.recordedBy),
        ...waiting.map((entry) => entry.writtenBy),
      ]),
      new GoalRepository(this.dataSource.manager).visibleGoalIds(viewer.participantId, [...viewer.labels]),
    ]);
    // Links to goals the viewer cannot see are not shown.
    const visibleGoals = new Set(goals.map((goal) => goal.id));
    const pending: Setback[] = waiting.map((entry) => {
      const fields = entryPayload(entry, WrittenWithYouKind.SETBACK);
      return {
        id: entry.id,
        label: entry.label,
        reflection: fields.reflection,
        returnToUse: fields.returnToUse,
        goalIds: fields.goalIds.filter((id) => visibleGoals.has(id)),
        recordedBy: authors.get(entry.writtenBy),
        withParticipant: true,
        coSigned: false,
        awaitingConfirmation: true,
        planReview: PlanReviewState.NOT_OFFERED,
        occurredAt: entry.createdAt,
        version: entry.version,
      };
    });
    return [
      ...pending.reverse(),
      ...rows.map((row) => ({
        ...row,
        goalIds: row.goalIds.filter((id) => visibleGoals.has(id)),
        planReview: row.planReview as PlanReviewState,
        recordedBy: authors.get(row.recordedBy),
        awaitingConfirmation: false,
      })),
    ];
  }
}
