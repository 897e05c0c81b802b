import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ConferenceStatus,
  DecisionChangeKind,
  DecisionStatus,
  defaultGoalLabel,
  ExpressedByKind,
  GoalLifecycle,
  PlanEventType,
  strictestLabel,
  type SensitivityLabel,
} from '@roundtable/contracts';
import { authorize, ParticipantVoicePolicy } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, notFound, versionedUpdate } from '@roundtable/platform';
import {
  chooseLabel,
  entryPayload,
  GoalEntity,
  linkedGoals,
  newGoalRow,
  PlanEventLog,
  PlanItemsService,
  replacementStrategies,
  WrittenWithYouKind,
  WrittenWithYouService,
  type PlanWrite,
} from '@roundtable/plan';
import { ActionItemRepository } from './action-item.repository';
import { ConferenceRepository } from './conference.repository';
import { DecisionsRepository } from './decisions.repository';
import { ConferenceAccess } from './conference-access';
import type { DecisionEntity } from './conference.entities';
import type { AddActionItemInput, AnswerDecisionInput, ProposeDecisionInput } from './conference.inputs';

/**
 * Decisions change the plan only with the participant's agreement, given by the participant
 * themselves (PRODUCT.md rule 3): on their own device, or on a team member's screen with a
 * co-sign. An answer a team member writes down with them waits for their confirmation;
 * staff never agree on their behalf. Action items become plan steps.
 */
@Injectable()
export class DecisionsService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly access: ConferenceAccess,
    private readonly items: PlanItemsService,
    private readonly log: PlanEventLog,
    private readonly voice: ParticipantVoicePolicy,
    private readonly writtenWithYou: WrittenWithYouService,
    private readonly actionItems: ActionItemRepository,
    private readonly decisions: DecisionsRepository,
    private readonly conferences: ConferenceRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.writtenWithYou.onAccept(WrittenWithYouKind.DECISION_ANSWER, async (write, entry, participant, answer) => {
      const recorded = entryPayload(entry, WrittenWithYouKind.DECISION_ANSWER);
      const decision = await this.decisions.lockedToWrite(write.manager, recorded.decisionId);
      if (!decision) throw notFound();
      if (decision.status !== DecisionStatus.WAITING_FOR_PARTICIPANT) {
        throw badUserInput('input.entryId', 'input.entryId: this decision has already been answered');
      }
      await this.applyAnswer(write, decision, participant, {
        agree: recorded.agree,
        note: answer.text ?? recorded.note,
        live: false,
        coSigned: false,
      });
    });
  }

  async propose(actor: Actor, input: ProposeDecisionInput): Promise<string> {
    const scope = await this.access.itemWriter(actor, input.agendaItemId);
    const { item, viewer, conference } = scope;
    authorize('decision.propose', viewer);
    this.access.assertOpen(conference);
    this.access.assertParticipantPresent(scope);
    let revealed: SensitivityLabel = item.label;
    if (input.changeKind === DecisionChangeKind.SET_GOAL_LIFECYCLE) {
      if (!input.goalId || !input.lifecycle) {
        throw badUserInput('input.goalId', 'input.goalId: SET_GOAL_LIFECYCLE needs goalId and lifecycle');
      }
      if (input.lifecycle === GoalLifecycle.PROPOSED) {
        throw badUserInput('input.lifecycle', 'input.lifecycle: a goal cannot move back to proposed');
      }
      const [goal] = await linkedGoals(this.dataSource, viewer, [input.goalId], 'input.goalId');
      if (goal.lifecycle === GoalLifecycle.PROPOSED || goal.declined) {
        throw badUserInput('input.goalId', 'input.goalId: a proposal is accepted or declined, not moved');
      }
      revealed = strictestLabel(revealed, goal.label);
    } else if (input.changeKind === DecisionChangeKind.ADD_GOAL) {
      if (!input.newGoal) throw badUserInput('input.newGoal', 'input.newGoal: ADD_GOAL needs the goal');
      // Rule 9 by content, as for a proposal: reducing options need a replacement strategy.
      const field = 'input.newGoal.replacementStrategyIds';
      this.voice.assertReplacement(input.newGoal.options, input.newGoal.replacementStrategyIds, field);
      const strategies = await replacementStrategies(
        this.dataSource,
        viewer,
        input.newGoal.replacementStrategyIds,
        field,
      );
      revealed = strictestLabel(
        revealed,
        defaultGoalLabel(input.newGoal.domain, input.newGoal.options, input.newGoal.substance),
        ...strategies.map((strategy) => strategy.label),
      );
    } else if (input.goalId || input.lifecycle || input.newGoal) {
      throw badUserInput('input.changeKind', 'input.changeKind: say what the decision changes');
    }
    const label = chooseLabel(viewer, revealed);
    const summary = input.summary.trim();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'proposeDecision' },
      async ({ manager, append }) => {
        await this.access.assertOpenNow(manager, conference.id);
        const decision = await this.decisions.add(manager, {
          conferenceId: conference.id,
          participantId: conference.participantId,
          agendaItemId: item.id,
          label,
          summary,
          changeKind: input.changeKind,
          goalId: input.changeKind === DecisionChangeKind.SET_GOAL_LIFECYCLE ? (input.goalId ?? null) : null,
          lifecycle: input.changeKind === DecisionChangeKind.SET_GOAL_LIFECYCLE ? (input.lifecycle ?? null) : null,
          newGoal:
            input.changeKind === DecisionChangeKind.ADD_GOAL && input.newGoal
              ? {
                  text: input.newGoal.text.trim(),
                  domain: input.newGoal.domain,
                  horizon: input.newGoal.horizon,
                  options: input.newGoal.options,
                  substance: input.newGoal.substance?.trim() || null,
                  replacementStrategyIds: input.newGoal.replacementStrategyIds,
                }
              : null,
          status: DecisionStatus.WAITING_FOR_PARTICIPANT,
          proposedBy: actor.accountId,
          proposedAt: this.clock.now(),
          answeredBy: null,
          answeredAt: null,
          answeredLive: null,
          answerNote: null,
          resultingGoalId: null,
          coSigned: false,
          version: 1,
        });
        await append({
          participantId: conference.participantId,
          label,
          type: PlanEventType.DECISION_PROPOSED,
          itemId: decision.id,
          actor: actor.accountId,
          payload: {
            conferenceId: conference.id,
            summary: `Decision proposed, waiting for the participant: ${summary}`,
          },
        });
        return decision.id;
      },
    );
  }

  async answer(actor: Actor, input: AnswerDecisionInput): Promise<string> {
    const decision = await this.decisions.decision(input.decisionId);
    if (!decision) throw notFound();
    const viewer = await this.access.labelledWriter(actor, decision.participantId, decision.label);
    authorize('decision.answer', viewer, input);
    assertVersion(decision, input.expectedVersion);
    if (decision.status !== DecisionStatus.WAITING_FOR_PARTICIPANT) {
      throw badUserInput('input.decisionId', 'input.decisionId: this decision has already been answered');
    }
    const voice = await this.voice.voice(actor, decision.participantId, input.coSign);
    const conference = await this.conferences.conferenceOrFail(decision.conferenceId);
    const note = input.note?.trim() || null;
    await this.log.write(async (write) => {
      if (voice.mode === 'WAITING') {
        // Rule 3: the answer is written down, and waits for the participant; the plan is unchanged.
        await this.writtenWithYou.record(write, {
          participantId: decision.participantId,
          kind: WrittenWithYouKind.DECISION_ANSWER,
          label: decision.label,
          text: `${input.agree ? 'Agree' : 'Decline'}: ${decision.summary}${note ? ` (${note})` : ''}`,
          payload: { decisionId: decision.id, agree: input.agree, note },
          targetId: decision.id,
          writtenBy: actor.accountId,
        });
        return;
      }
      await this.applyAnswer(write, decision, actor, {
        agree: input.agree,
        note,
        // Live: in the room the participant marked themselves present in, or co-signed there.
        live:
          conference.status === ConferenceStatus.IN_PROGRESS &&
          (voice.mode === 'CO_SIGNED' || conference.participantAttends),
        coSigned: voice.mode === 'CO_SIGNED',
        expectedVersion: input.expectedVersion,
      });
    });
    return decision.id;
  }

  /** Records the participant's answer (their own, confirmed or co-signed) and applies what it agrees to. */
  private async applyAnswer(
    write: PlanWrite,
    decision: DecisionEntity,
    actor: Actor,
    answer: { agree: boolean; note: string | null; live: boolean; coSigned: boolean; expectedVersion?: number },
  ): Promise<void> {
    const resultingGoalId = answer.agree ? await this.apply(write, decision, actor) : null;
    // Answers written down for the participant and still waiting are moot now.
    await this.writtenWithYou.supersede(write, WrittenWithYouKind.DECISION_ANSWER, decision.id);
    await this.decisions.update(write.manager, decision.id, answer.expectedVersion ?? decision.version, {
      status: answer.agree ? DecisionStatus.AGREED : DecisionStatus.DECLINED,
      answeredBy: actor.accountId,
      answeredAt: this.clock.now(),
      answeredLive: answer.live,
      answerNote: answer.note,
      resultingGoalId,
      coSigned: answer.coSigned,
    });
    await write.append({
      participantId: decision.participantId,
      label: decision.label,
      type: PlanEventType.DECISION_ANSWERED,
      itemId: decision.id,
      actor: actor.accountId,
      payload: {
        conferenceId: decision.conferenceId,
        summary: `${answer.agree ? 'The participant agreed' : 'The participant declined'}${answer.coSigned ? ' (co-signed)' : ''}: ${decision.summary}`,
      },
    });
  }

  /** The plan change a decision carries, made in the answering transaction. */
  private async apply(write: PlanWrite, decision: DecisionEntity, actor: Actor): Promise<string | null> {
    const { manager, append } = write;
    const now = this.clock.now();
    if (decision.changeKind === DecisionChangeKind.ADD_GOAL && decision.newGoal) {
      const goal = await manager.save(
        newGoalRow(
          manager,
          decision.participantId,
          { ...decision.newGoal, label: decision.label },
          {
            expressedByKind: ExpressedByKind.TEAM_MEMBER,
            expressedBy: decision.proposedBy,
            writtenWith: null,
            awaitingConfirmation: false,
            lifecycle: GoalLifecycle.ACTIVE,
            reducesCopingBehaviour: this.voice.reducesCopingBehaviour(decision.newGoal.options),
            replacementStrategyIds: decision.newGoal.replacementStrategyIds ?? [],
          },
          now,
        ),
      );
      await append({
        participantId: decision.participantId,
        label: goal.label,
        type: PlanEventType.GOAL_ACCEPTED,
        itemId: goal.id,
        actor: actor.accountId,
        payload: { text: goal.text, domain: goal.domain, lifecycle: goal.lifecycle, decisionId: decision.id },
      });
      return goal.id;
    }
    if (decision.changeKind === DecisionChangeKind.SET_GOAL_LIFECYCLE && decision.goalId && decision.lifecycle) {
      const goal = await manager.findOneByOrFail(GoalEntity, { id: decision.goalId });
      if (goal.lifecycle === GoalLifecycle.PROPOSED || goal.declined) {
        throw badUserInput(
          'input.decisionId',
          'input.decisionId: the goal is a proposal again; answer it in your plan',
        );
      }
      if (goal.lifecycle === decision.lifecycle) return null;
      await versionedUpdate(manager, GoalEntity, goal.id, goal.version, {
        lifecycle: decision.lifecycle,
        updatedAt: now,
      });
      await append({
        participantId: goal.participantId,
        label: goal.label,
        type: PlanEventType.GOAL_LIFECYCLE_CHANGED,
        itemId: goal.id,
        actor: actor.accountId,
        payload: {
          text: goal.text,
          lifecycle: decision.lifecycle,
          previousLifecycle: goal.lifecycle,
          label: goal.label,
          decisionId: decision.id,
        },
      });
    }
    return null;
  }

  /** An action item is a plan step (for a team member or the participant), linked to where it was agreed. */
  async addActionItem(actor: Actor, input: AddActionItemInput): Promise<string> {
    const scope = await this.access.itemWriter(actor, input.agendaItemId);
    const { item, conference } = scope;
    this.access.assertOpen(conference);
    this.access.assertParticipantPresent(scope);
    await this.items.addStep(
      actor,
      {
        participantId: conference.participantId,
        goalId: input.goalId ?? item.goalId ?? undefined,
        text: input.text,
        assigneeAccountId: input.assigneeAccountId,
        targetDate: input.targetDate,
        // The step reveals the item it came from: at least as protected.
        label: item.label,
        idempotencyKey: input.idempotencyKey,
      },
      async ({ manager }, stepId) => {
        await this.access.assertOpenNow(manager, conference.id);
        await this.actionItems.add(manager, {
          conferenceId: conference.id,
          participantId: conference.participantId,
          agendaItemId: item.id,
          stepId,
          createdBy: actor.accountId,
          at: this.clock.now(),
        });
      },
    );
    return conference.id;
  }
}
