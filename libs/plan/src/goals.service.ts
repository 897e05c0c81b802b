import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  defaultGoalLabel,
  ExpressedByKind,
  GoalLifecycle,
  PlanEventType,
  SensitivityLabel,
  strictestLabel,
} from '@roundtable/contracts';
import { authorize, ParticipantVoicePolicy } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, notFound } from '@roundtable/platform';
import { newGoalRow, type GoalOrigin } from './goal-factory';
import { GoalRepository } from './goal.repository';
import { chooseLabel, stricterLabel } from './labels';
import { PlanAccess, type PlanViewer } from './plan-access';
import { StepEntity, type GoalEntity } from './plan.entities';
import { PlanEventLog, type PlanWrite } from './plan-event-log';
import type {
  ExpressGoalInput,
  GoalVersionInput,
  MakeItemStricterInput,
  ProposeGoalInput,
  SetGoalLifecycleInput,
  UpdateGoalInput,
} from './plan.inputs';
import { ensurePlan, restrictedNotice, tightenLinkedPlanItems } from './plan-write.helpers';
import { replacementStrategies } from './replacement-strategies';
import { WrittenWithYouEntity, WrittenWithYouKind } from './written-with-you.entities';
import { WrittenWithYouService, type ParticipantAnswer } from './written-with-you.service';
import { StricterLabelGuard } from './stricter-label.guard';

/**
 * A goal's lifecycle: expressed or proposed, accepted, declined or confirmed, reworded, put on
 * hold, achieved or retired. The vision (vision.service.ts), the ranking
 * (goal-ranking.service.ts) and stage ratings (stage-ratings.service.ts) have their own files;
 * every goal operation starts here, in goalFor. It keeps PRODUCT.md rule 1 (the agenda belongs
 * to the participant: what they expressed, and every goal once accepted, is reworded or
 * retired only by them; staff propose, and words written with the participant wait for them),
 * rule 6 (nothing ends a goal by itself), rule 9 (a staff proposal that reduces a way of coping
 * links a replacement strategy) and rule 10 (a goal's label only tightens, and what reveals it
 * tightens with it).
 */
@Injectable()
export class GoalsService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    private readonly voice: ParticipantVoicePolicy,
    private readonly writtenWithYou: WrittenWithYouService,
    private readonly sightGuard: StricterLabelGuard,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.writtenWithYou.register(WrittenWithYouKind.GOAL, (write, entry, participant, answer) =>
      this.settleWrittenGoal(write, entry, participant, answer),
    );
  }

  /** The goal and the actor's standing on its plan; NOT_FOUND if either is hidden. */
  /**
   * Order of checks in every goal operation: visibility (here), then who may act, then the
   * version (so later rules are judged on the row the update will change), then state.
   */
  async goalFor(actor: Actor, goalId: string): Promise<{ goal: GoalEntity; viewer: PlanViewer }> {
    const goal = await new GoalRepository(this.dataSource.manager).goal(goalId);
    if (!goal) throw notFound();
    const viewer = await this.access.itemWriter(actor, goal.participantId, goal.label);
    return { goal, viewer };
  }

  /** The participant's own words: by them, or written down with them by a team member. */
  async expressGoal(actor: Actor, input: ExpressGoalInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    authorize('goal.express', viewer, input);
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
    authorize('goal.propose', viewer);
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
    authorize('goal.answerProposal', viewer);
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
    authorize('goal.confirm', viewer);
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
    authorize('goal.update', viewer, goal, actor.accountId);
    assertVersion(goal, input.expectedVersion);
    // Words written with the participant are theirs to change (which confirms them).
    authorize('goal.update:state', viewer, goal);
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

  /**
   * Rule 10: a goal already saved is made stricter by the participant, or by the team member
   * who proposed it, to a label they can see. The same edit as updateGoal's tightening
   * (`change`): its steps and offers, and through GOAL_UPDATED's label what other contexts
   * derived from it, tighten in the same transaction, and those who saw it lose it at once.
   */
  async makeStricter(actor: Actor, input: MakeItemStricterInput): Promise<string> {
    const { goal, viewer } = await this.goalFor(actor, input.itemId);
    authorize(
      'plan.makeItemStricter',
      viewer,
      { authoredBy: goal.expressedBy, stillTheirProposal: goal.lifecycle === GoalLifecycle.PROPOSED },
      actor,
    );
    assertVersion(goal, input.expectedVersion);
    const label = stricterLabel(viewer, goal.label, input.label);
    if (!viewer.isParticipant) {
      // Its steps follow it: nobody may gain sight of the goal or of one of them (rule 10).
      const steps = await this.dataSource.getRepository(StepEntity).findBy({ goalId: goal.id });
      await this.sightGuard.assertNobodyGainsSight(goal.participantId, [goal, ...steps], label);
    }
    await this.change(actor, goal, input.expectedVersion, { label }, PlanEventType.GOAL_UPDATED);
    return goal.id;
  }

  async setLifecycle(actor: Actor, input: SetGoalLifecycleInput): Promise<string> {
    const { goal, viewer } = await this.goalFor(actor, input.goalId);
    authorize('goal.setLifecycle', viewer);
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
      const goal = await new GoalRepository(manager).save(
        newGoalRow(manager, viewer.participantId, { ...input, label }, columns, now),
      );
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
      await new GoalRepository(manager).update(goal.id, expectedVersion, { ...changes, updatedAt: now });
      const after = { ...goal, ...changes };
      if (after.label !== goal.label) {
        await tightenLinkedPlanItems(manager, goal.id, after.label);
        // Rules 10, 11: those who saw the goal under its old label are told only that it was
        // made more private; their open screens refetch and it leaves them at once.
        await restrictedNotice(write, goal, actor.accountId);
      }
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
    const goals = new GoalRepository(manager);
    const goal = await goals.lockedToWrite(entry.id);
    if (!goal) throw notFound();
    const changes = answer.accept
      ? { lifecycle: GoalLifecycle.ACTIVE, awaitingConfirmation: false, text: answer.text ?? goal.text }
      : { lifecycle: GoalLifecycle.RETIRED, awaitingConfirmation: false, declined: true };
    await goals.update(goal.id, goal.version, { ...changes, updatedAt: this.clock.now() });
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
