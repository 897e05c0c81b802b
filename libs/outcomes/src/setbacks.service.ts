import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GoalOption, PlanEventType, SensitivityLabel, strictestLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, forbidden, notFound, versionedUpdate } from '@roundtable/platform';
import { Authors, chooseLabel, linkedGoals, PlanAccess, PlanEventLog, type PlanViewer } from '@roundtable/plan';
import { SetbackEntity } from './outcomes.entities';
import type { AnswerPlanReviewInput, RecordSetbackInput } from './outcomes.inputs';
import { PlanReviewState, type Setback } from './outcomes.models';

/**
 * Setbacks are expected, not failure: a neutral event with an optional reflection. It
 * never removes a win and changes no one's status. A return to use may only be linked to
 * the participant's abstinence goals, is recorded by them or with them (never from a test
 * result: there is no such input), and offers a plan review they may decline.
 */
@Injectable()
export class SetbacksService {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async record(actor: Actor, input: RecordSetbackInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    if (!viewer.isParticipant && !input.withParticipant) {
      throw forbidden('A setback is recorded by the participant, or by a team member with them (withParticipant)');
    }
    const goals = await linkedGoals(this.dataSource, viewer, input.goalIds, 'input.goalIds');
    if (input.returnToUse && goals.some((goal) => !goal.options.includes(GoalOption.ABSTINENCE))) {
      throw badUserInput(
        'input.goalIds',
        'input.goalIds: a return to use can be linked only to goals marked as abstinence goals',
      );
    }
    const defaultLabel = strictestLabel(
      input.returnToUse ? SensitivityLabel.SUBSTANCE_USE : SensitivityLabel.GENERAL,
      ...goals.map((goal) => goal.label),
    );
    const label = chooseLabel(viewer, defaultLabel, input.label);
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'recordSetback' },
      async ({ manager, append }) => {
        const setback = await manager.save(
          manager.create(SetbackEntity, {
            participantId: input.participantId,
            label,
            reflection: input.reflection?.trim() || null,
            returnToUse: input.returnToUse,
            goalIds: input.goalIds,
            recordedBy: actor.accountId,
            withParticipant: !viewer.isParticipant,
            planReview: input.returnToUse ? PlanReviewState.OFFERED : PlanReviewState.NOT_OFFERED,
            occurredAt: this.clock.now(),
            version: 1,
          }),
        );
        await append({
          participantId: input.participantId,
          label,
          type: PlanEventType.SETBACK_RECORDED,
          itemId: setback.id,
          actor: actor.accountId,
          payload: { text: setback.reflection ?? '', returnToUse: setback.returnToUse },
        });
        return setback.id;
      },
    );
  }

  /** The participant takes up or declines the plan review a return to use offered. */
  async answerPlanReview(actor: Actor, input: AnswerPlanReviewInput): Promise<string> {
    const setback = await this.dataSource.getRepository(SetbackEntity).findOneBy({ id: input.setbackId });
    if (!setback) throw notFound();
    const viewer = await this.access.itemWriter(actor, setback.participantId, setback.label);
    if (!viewer.isParticipant) throw forbidden('Only the participant answers a plan review offer');
    assertVersion(setback, input.expectedVersion);
    if (setback.planReview !== PlanReviewState.OFFERED)
      throw badUserInput('input.setbackId', 'input.setbackId: no plan review is waiting');
    const planReview = input.accept ? PlanReviewState.ACCEPTED : PlanReviewState.DECLINED;
    await this.log.write(async ({ manager, append }) => {
      await versionedUpdate(manager, SetbackEntity, setback.id, input.expectedVersion, { planReview });
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
    const rows = await this.dataSource
      .getRepository(SetbackEntity)
      .createQueryBuilder('setback')
      .where('setback.participant_id = :participantId AND setback.label = ANY(:labels)', {
        participantId: viewer.participantId,
        labels: [...viewer.labels],
      })
      .orderBy('setback.occurred_at', 'DESC')
      .addOrderBy('setback.id', 'DESC')
      .getMany();
    const [authors, goals] = await Promise.all([
      Authors.load(
        this.dataSource,
        viewer.participantId,
        rows.map((row) => row.recordedBy),
      ),
      this.dataSource.query('SELECT id FROM goal WHERE participant_id = $1 AND label = ANY($2)', [
        viewer.participantId,
        [...viewer.labels],
      ]) as Promise<{ id: string }[]>,
    ]);
    // Links to goals the viewer cannot see are not shown.
    const visibleGoals = new Set(goals.map((goal) => goal.id));
    return rows.map((row) => ({
      ...row,
      goalIds: row.goalIds.filter((id) => visibleGoals.has(id)),
      planReview: row.planReview as PlanReviewState,
      recordedBy: authors.get(row.recordedBy),
    }));
  }
}
