import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  defaultGoalLabel,
  ExpressedByKind,
  GoalLifecycle,
  LABEL_STRICTNESS,
  PlanEventType,
  SensitivityLabel,
  strictestLabel,
} from '@roundtable/contracts';
import { GoalPolicy, ParticipantVoicePolicy } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, conflict, notFound, versionedUpdate } from '@roundtable/platform';
import { chooseLabel } from './labels';
import { PlanAccess, type PlanViewer } from './plan-access';
import { GoalEntity, PlanEntity, StageRatingEntity } from './plan.entities';
import { PlanEventLog } from './plan-event-log';
import type {
  ExpressGoalInput,
  GoalVersionInput,
  ProposeGoalInput,
  RankGoalsInput,
  RateStageInput,
  SetGoalLifecycleInput,
  UpdateGoalInput,
  UpdateVisionInput,
} from './plan.inputs';
import { ensurePlan, tightenLinkedPlanItems } from './plan-write.helpers';
import { replacementStrategies } from './replacement-strategies';
import { WrittenWithYouEntity, WrittenWithYouKind } from './written-with-you.entities';
import { WrittenWithYouService, type ParticipantAnswer } from './written-with-you.service';
import type { PlanWrite } from './plan-event-log';

type GoalOrigin = Pick<
  GoalEntity,
  | 'expressedByKind'
  | 'expressedBy'
  | 'writtenWith'
  | 'awaitingConfirmation'
  | 'lifecycle'
  | 'reducesCopingBehaviour'
  | 'replacementStrategyIds'
>;

/** A new goal row (not yet saved): what was said, and who said it how. */
export function newGoalRow(
  manager: EntityManager,
  participantId: string,
  what: Pick<GoalEntity, 'text' | 'domain' | 'label' | 'horizon' | 'options'> & { substance?: string | null },
  origin: GoalOrigin,
  now: Date,
): GoalEntity {
  return manager.create(GoalEntity, {
    ...origin,
    participantId,
    text: what.text.trim(),
    domain: what.domain,
    label: what.label,
    declined: false,
    priority: null,
    horizon: what.horizon,
    substance: what.substance?.trim() || null,
    options: what.options,
    stage: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}

/**
 * Goals and the vision. The agenda belongs to the participant: what they expressed, and
 * every goal once accepted, is reworded, re-ranked or retired only by them; staff propose.
 */
@Injectable()
export class GoalsService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    private readonly voice: ParticipantVoicePolicy,
    private readonly writtenWithYou: WrittenWithYouService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.writtenWithYou.register(WrittenWithYouKind.GOAL, (write, entry, participant, answer) =>
      this.settleWrittenGoal(write, entry, participant, answer),
    );
    this.writtenWithYou.register(WrittenWithYouKind.VISION, async (write, entry, participant, answer) => {
      if (!answer.accept) return;
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

  /** The goal and the actor's standing on its plan; NOT_FOUND if either is hidden. */
  /**
   * Order of checks in every goal operation: visibility (here), then who may act, then the
   * version (so later rules are judged on the row the update will change), then state.
   */
  async goalFor(actor: Actor, goalId: string): Promise<{ goal: GoalEntity; viewer: PlanViewer }> {
    const goal = await this.dataSource.getRepository(GoalEntity).findOneBy({ id: goalId });
    if (!goal) throw notFound();
    const viewer = await this.access.itemWriter(actor, goal.participantId, goal.label);
    return { goal, viewer };
  }

  /**
   * The vision is the participant's own words (rule 1). Written down by a team member with
   * them, it is held beside their current vision, never over it, until they confirm it on
   * their own device, unless they co-signed it on the team member's screen.
   */
  async updateVision(actor: Actor, input: UpdateVisionInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    GoalPolicy.updateVision(viewer, input);
    const voice = await this.voice.voice(actor, input.participantId, input.coSign);
    const text = input.text.trim();
    await this.log.write(async (write) => {
      await ensurePlan(write.manager, input.participantId, this.clock.now());
      if (voice.mode === 'WAITING') {
        // Nothing of theirs changes: the version guards only that the writer read the current vision.
        const plan = await write.manager.findOneByOrFail(PlanEntity, { participantId: input.participantId });
        if (plan.version !== input.expectedVersion) throw conflict(plan.version);
        await this.writtenWithYou.record(write, {
          participantId: input.participantId,
          kind: WrittenWithYouKind.VISION,
          label: SensitivityLabel.GENERAL,
          text,
          writtenBy: actor.accountId,
        });
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
        await this.writtenWithYou.record(write, {
          participantId: input.participantId,
          kind: WrittenWithYouKind.VISION,
          label: SensitivityLabel.GENERAL,
          text,
          writtenBy: actor.accountId,
          coSigned: true,
        });
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
    const query = manager
      .createQueryBuilder()
      .update(PlanEntity)
      .set({
        vision: text,
        visionWrittenWith: writtenWith,
        visionUpdatedAt: this.clock.now(),
        version: () => 'version + 1',
      })
      .where('participant_id = :id', { id: participantId });
    if (how.expectedVersion !== undefined) query.andWhere('version = :version', { version: how.expectedVersion });
    const result = await query.execute();
    if (result.affected !== 1) {
      const plan = await manager.findOneByOrFail(PlanEntity, { participantId });
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

  /** The participant's own words: by them, or written down with them by a team member. */
  async expressGoal(actor: Actor, input: ExpressGoalInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    GoalPolicy.expressGoal(viewer, input);
    const voice = await this.voice.voice(actor, input.participantId, input.coSign);
    // Rule 9 holds until the words are confirmed as the participant's: a team member's
    // writing that reduces a way of coping links a replacement, like a proposal.
    const replacements = voice.mode === 'WAITING' ? (input.replacementStrategyIds ?? []) : [];
    if (voice.mode === 'WAITING') {
      this.voice.assertReplacement(input.options, replacements, 'input.replacementStrategyIds');
      await replacementStrategies(this.dataSource, viewer, replacements, 'input.replacementStrategyIds');
    }
    const label = chooseLabel(viewer, defaultGoalLabel(input.domain, input.options, input.substance), input.label);
    // Rule 1: words written down for the participant wait for them; until confirmed the goal
    // is not active (not ranked, not agreed on, not linked to a return to use).
    const waiting = voice.mode === 'WAITING';
    return this.insertGoal(
      actor,
      viewer,
      input,
      label,
      {
        expressedByKind: ExpressedByKind.PARTICIPANT,
        expressedBy: null,
        writtenWith: viewer.isParticipant ? null : actor.accountId,
        awaitingConfirmation: waiting,
        lifecycle: waiting ? GoalLifecycle.PROPOSED : GoalLifecycle.ACTIVE,
        reducesCopingBehaviour: waiting && this.voice.reducesCopingBehaviour(input.options),
        replacementStrategyIds: replacements,
        type: PlanEventType.GOAL_EXPRESSED,
      },
      async (write, goal) => {
        if (voice.mode === 'OWN') return;
        await this.writtenWithYou.record(write, {
          id: goal.id,
          participantId: goal.participantId,
          kind: WrittenWithYouKind.GOAL,
          label: goal.label,
          text: goal.text,
          targetId: goal.id,
          writtenBy: actor.accountId,
          coSigned: voice.mode === 'CO_SIGNED',
        });
      },
    );
  }

  /** Staff propose; the goal becomes active only when the participant accepts it. */
  async proposeGoal(actor: Actor, input: ProposeGoalInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    GoalPolicy.proposeGoal(viewer);
    // Rule 9 by content: judged by the options proposed; `reducesCopingBehaviour` is ignored.
    this.voice.assertReplacement(input.options, input.replacementStrategyIds, 'input.replacementStrategyIds');
    await replacementStrategies(this.dataSource, viewer, input.replacementStrategyIds, 'input.replacementStrategyIds');
    const label = chooseLabel(viewer, defaultGoalLabel(input.domain, input.options, input.substance), input.label);
    return this.insertGoal(actor, viewer, input, label, {
      expressedByKind: ExpressedByKind.TEAM_MEMBER,
      expressedBy: actor.accountId,
      writtenWith: null,
      awaitingConfirmation: false,
      lifecycle: GoalLifecycle.PROPOSED,
      reducesCopingBehaviour: this.voice.reducesCopingBehaviour(input.options),
      replacementStrategyIds: input.replacementStrategyIds,
      type: PlanEventType.GOAL_PROPOSED,
    });
  }

  /** Accept or decline exactly the version the participant read. */
  async answerProposal(actor: Actor, input: GoalVersionInput, accept: boolean): Promise<string> {
    const { goal, viewer } = await this.goalFor(actor, input.goalId);
    GoalPolicy.answerProposal(viewer);
    assertVersion(goal, input.expectedVersion);
    if (goal.lifecycle !== GoalLifecycle.PROPOSED)
      throw badUserInput('input.goalId', 'input.goalId: this goal is not a proposal waiting for an answer');
    if (goal.awaitingConfirmation)
      throw badUserInput('input.goalId', 'input.goalId: these are your words written with you: confirm or change them');
    await this.change(
      actor,
      goal,
      input.expectedVersion,
      accept ? { lifecycle: GoalLifecycle.ACTIVE } : { lifecycle: GoalLifecycle.RETIRED, declined: true },
      accept ? PlanEventType.GOAL_ACCEPTED : PlanEventType.GOAL_DECLINED,
    );
    return goal.id;
  }

  async confirmGoal(actor: Actor, input: GoalVersionInput): Promise<string> {
    const { goal, viewer } = await this.goalFor(actor, input.goalId);
    GoalPolicy.confirmGoal(viewer);
    assertVersion(goal, input.expectedVersion);
    const entry = goal.awaitingConfirmation ? await this.writtenWithYou.waitingEntry(goal.id) : null;
    if (!entry) throw badUserInput('input.goalId', 'input.goalId: nothing to confirm');
    await this.log.write((write) =>
      this.writtenWithYou.settle(write, entry, actor, { accept: true, text: null }, entry.version),
    );
    return goal.id;
  }

  async updateGoal(actor: Actor, input: UpdateGoalInput): Promise<string> {
    const { goal, viewer } = await this.goalFor(actor, input.goalId);
    // Staff may reshape only their own proposal, and only while it is still a proposal.
    GoalPolicy.updateGoalAuthor(viewer, goal, actor.accountId);
    assertVersion(goal, input.expectedVersion);
    // Words written with the participant are theirs to change (which confirms them).
    GoalPolicy.updateGoalState(viewer, goal);
    const domain = input.domain ?? goal.domain;
    const options = input.options ?? goal.options;
    const substance = input.substance !== undefined ? input.substance.trim() || null : goal.substance;
    // Never loosen a label by editing: the new default only ever makes it stricter.
    const label = strictestLabel(goal.label, defaultGoalLabel(domain, options, substance));
    if (!viewer.labels.has(label))
      throw badUserInput('input', `input: the goal would become ${label}, which is not shared with you`);
    // Rule 9 by content: reshaping a proposal into one that reduces a way of coping needs a replacement.
    if (!viewer.isParticipant) this.voice.assertReplacement(options, goal.replacementStrategyIds, 'input.options');
    const entry =
      viewer.isParticipant && goal.awaitingConfirmation ? await this.writtenWithYou.waitingEntry(goal.id) : null;
    await this.change(
      actor,
      goal,
      input.expectedVersion,
      {
        text: input.text?.trim() ?? goal.text,
        domain,
        horizon: input.horizon ?? goal.horizon,
        options,
        substance,
        label,
        // The participant changing words written with them is their confirmation.
        awaitingConfirmation: viewer.isParticipant ? false : goal.awaitingConfirmation,
        reducesCopingBehaviour: viewer.isParticipant
          ? goal.reducesCopingBehaviour
          : this.voice.reducesCopingBehaviour(options),
        ...(entry ? { lifecycle: GoalLifecycle.ACTIVE } : {}),
      },
      PlanEventType.GOAL_UPDATED,
      entry
        ? (write) =>
            this.writtenWithYou.settle(
              write,
              entry,
              actor,
              { accept: true, text: input.text?.trim() ?? null },
              entry.version,
              {
                apply: false,
              },
            )
        : undefined,
    );
    return goal.id;
  }

  async setLifecycle(actor: Actor, input: SetGoalLifecycleInput): Promise<string> {
    const { goal, viewer } = await this.goalFor(actor, input.goalId);
    GoalPolicy.setLifecycle(viewer);
    assertVersion(goal, input.expectedVersion);
    if (input.lifecycle === GoalLifecycle.PROPOSED || goal.lifecycle === GoalLifecycle.PROPOSED) {
      throw badUserInput('input.lifecycle', 'input.lifecycle: proposals are accepted or declined, not moved');
    }
    await this.change(
      actor,
      goal,
      input.expectedVersion,
      { lifecycle: input.lifecycle },
      PlanEventType.GOAL_LIFECYCLE_CHANGED,
    );
    return goal.id;
  }

  /** The participant's ranking; goals left out have no rank. Guarded by the plan version. */
  async rankGoals(actor: Actor, input: RankGoalsInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    GoalPolicy.rankGoals(viewer);
    const now = this.clock.now();
    await this.log.write(async ({ manager, append }) => {
      await ensurePlan(manager, input.participantId, now);
      const goals = await manager.findBy(GoalEntity, { participantId: input.participantId });
      const byId = new Map(goals.map((goal) => [goal.id, goal]));
      const ranked = input.goalIds.map((id) => byId.get(id));
      if (ranked.some((goal) => !goal || goal.lifecycle === GoalLifecycle.PROPOSED || goal.declined)) {
        throw badUserInput('input.goalIds', 'input.goalIds: rank only your own active or accepted goals');
      }
      const bumped = await manager.query(
        'UPDATE plan SET ranking_version = ranking_version + 1 WHERE participant_id = $1 AND ranking_version = $2 RETURNING ranking_version',
        [input.participantId, input.expectedVersion],
      );
      if (bumped[1] !== 1) {
        const plan = await manager.findOneByOrFail(PlanEntity, { participantId: input.participantId });
        throw conflict(plan.rankingVersion);
      }
      // The ranking is guarded by its own version (ranking_version, the participant's only).
      // Ranks leave each goal's version and updatedAt alone: a hidden goal's move would
      // otherwise move numbers on goals other viewers see (issue 13, finding 6; rule 11).
      await manager.query(
        `UPDATE goal SET priority = ranked.position
           FROM (SELECT id, ordinality AS position FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ordinality)) ranked
          WHERE goal.id = ranked.id AND goal.participant_id = $1 AND goal.priority IS DISTINCT FROM ranked.position`,
        [input.participantId, input.goalIds],
      );
      await manager.query(
        'UPDATE goal SET priority = NULL WHERE participant_id = $1 AND priority IS NOT NULL AND NOT (id = ANY($2::uuid[]))',
        [input.participantId, input.goalIds],
      );
      // The ranking reveals every goal it orders, so it carries the strictest of their labels.
      const label = ranked.reduce(
        (strictest, goal) => (LABEL_STRICTNESS[goal!.label] > LABEL_STRICTNESS[strictest] ? goal!.label : strictest),
        SensitivityLabel.GENERAL,
      );
      await append({
        participantId: input.participantId,
        label,
        type: PlanEventType.GOALS_RANKED,
        itemId: null,
        actor: actor.accountId,
        payload: { goalIds: input.goalIds },
      });
    });
    return input.participantId;
  }

  /**
   * The participant's rating moves the goal's stage (either way); staff ratings are kept beside it.
   * Both are judged on the goal as the rater read it (expectedVersion): the participant's
   * rating goes through versionedUpdate, so "previous" is exactly the stage they saw.
   */
  async rateStage(actor: Actor, input: RateStageInput): Promise<string> {
    const { goal, viewer } = await this.goalFor(actor, input.goalId);
    assertVersion(goal, input.expectedVersion);
    const now = this.clock.now();
    await this.log.write(async ({ manager, append }) => {
      if (viewer.isParticipant) {
        await versionedUpdate(manager, GoalEntity, goal.id, input.expectedVersion, {
          stage: input.stage,
          updatedAt: now,
        });
      } else {
        // A staff rating leaves the goal as it is, but must still be about the version read.
        const current = await manager.findOneOrFail(GoalEntity, {
          where: { id: goal.id },
          lock: { mode: 'pessimistic_read' },
        });
        assertVersion(current, input.expectedVersion);
      }
      await manager.insert(StageRatingEntity, {
        participantId: goal.participantId,
        goalId: goal.id,
        ratedBy: actor.accountId,
        byParticipant: viewer.isParticipant,
        stage: input.stage,
        at: now,
      });
      await append({
        participantId: goal.participantId,
        label: goal.label,
        type: PlanEventType.STAGE_RATED,
        itemId: goal.id,
        actor: actor.accountId,
        payload: {
          stage: input.stage,
          previous: viewer.isParticipant ? goal.stage : null,
          byParticipant: viewer.isParticipant,
          text: goal.text,
        },
      });
    });
    return goal.id;
  }

  private async insertGoal(
    actor: Actor,
    viewer: PlanViewer,
    input: ExpressGoalInput | ProposeGoalInput,
    label: SensitivityLabel,
    fields: GoalOrigin & { type: PlanEventType.GOAL_EXPRESSED | PlanEventType.GOAL_PROPOSED },
    alsoWrite?: (write: PlanWrite, goal: GoalEntity) => Promise<void>,
  ): Promise<string> {
    const now = this.clock.now();
    const { type, ...columns } = fields;
    return this.log.create({ actor: actor.accountId, key: input.idempotencyKey, operation: type }, async (write) => {
      const { manager, append } = write;
      await ensurePlan(manager, viewer.participantId, now);
      const goal = await manager.save(newGoalRow(manager, viewer.participantId, { ...input, label }, columns, now));
      await append({
        participantId: viewer.participantId,
        label,
        type,
        itemId: goal.id,
        actor: actor.accountId,
        payload: {
          text: goal.text,
          domain: goal.domain,
          lifecycle: goal.lifecycle,
          writtenWithParticipant: Boolean(goal.writtenWith),
          awaitingConfirmation: goal.awaitingConfirmation,
        },
      });
      await alsoWrite?.(write, goal);
      return goal.id;
    });
  }

  private async change(
    actor: Actor,
    goal: GoalEntity,
    expectedVersion: number,
    changes: Partial<GoalEntity>,
    type:
      | PlanEventType.GOAL_ACCEPTED
      | PlanEventType.GOAL_DECLINED
      | PlanEventType.GOAL_UPDATED
      | PlanEventType.GOAL_LIFECYCLE_CHANGED,
    alsoWrite?: (write: PlanWrite) => Promise<void>,
  ): Promise<void> {
    const now = this.clock.now();
    await this.log.write(async (write) => {
      const { manager, append } = write;
      await versionedUpdate(manager, GoalEntity, goal.id, expectedVersion, { ...changes, updatedAt: now });
      const after = { ...goal, ...changes };
      if (after.label !== goal.label) await tightenLinkedPlanItems(manager, goal.id, after.label);
      await append({
        participantId: goal.participantId,
        label: after.label,
        type,
        itemId: goal.id,
        actor: actor.accountId,
        // `label` lets other contexts tighten what they derived from this goal, in this transaction.
        payload: {
          text: after.text,
          lifecycle: after.lifecycle,
          previousLifecycle: goal.lifecycle,
          label: after.label,
        },
      });
      await alsoWrite?.(write);
    });
  }

  /** A goal written with the participant: confirmed (maybe reworded) it becomes active; declined, it is retired as declined. */
  private async settleWrittenGoal(
    { manager, append }: PlanWrite,
    entry: WrittenWithYouEntity,
    participant: Actor,
    answer: ParticipantAnswer,
  ): Promise<void> {
    const goal = await manager.findOne(GoalEntity, { where: { id: entry.id }, lock: { mode: 'pessimistic_write' } });
    if (!goal) throw notFound();
    const changes = answer.accept
      ? { lifecycle: GoalLifecycle.ACTIVE, awaitingConfirmation: false, text: answer.text ?? goal.text }
      : { lifecycle: GoalLifecycle.RETIRED, awaitingConfirmation: false, declined: true };
    await versionedUpdate(manager, GoalEntity, goal.id, goal.version, { ...changes, updatedAt: this.clock.now() });
    await append({
      participantId: goal.participantId,
      label: goal.label,
      type: answer.accept ? PlanEventType.GOAL_CONFIRMED : PlanEventType.GOAL_DECLINED,
      itemId: goal.id,
      actor: participant.accountId,
      payload: {
        text: changes.text ?? goal.text,
        lifecycle: changes.lifecycle,
        previousLifecycle: goal.lifecycle,
        label: goal.label,
      },
    });
  }
}
