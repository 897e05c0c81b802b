import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type {
  CheckInAnswer,
  CheckInRhythm,
  ExpressedByKind,
  GoalLifecycle,
  GoalOption,
  Horizon,
  LifeDomain,
  OfferKind,
  OfferStatus,
  SensitivityLabel,
  StageOfChange,
  StrategyStatus,
} from '@roundtable/contracts';
import { WrittenWithYouEntity } from './written-with-you.entities';

/** One plan per participant. */
@Entity('plan')
export class PlanEntity {
  @PrimaryColumn('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') vision!: string;
  @Column('uuid', { name: 'vision_written_with', nullable: true }) visionWrittenWith!: string | null;
  @Column('timestamptz', { name: 'vision_updated_at', nullable: true }) visionUpdatedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  /** Guards the vision. */
  @Column('integer') version!: number;
  /** Guards the goal ranking, apart from the vision (see PlanRankingVersion migration). */
  @Column('integer', { name: 'ranking_version' }) rankingVersion!: number;
}

@Entity('goal')
export class GoalEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') text!: string;
  @Column('text') domain!: LifeDomain;
  @Column('text') label!: SensitivityLabel;
  @Column('text', { name: 'expressed_by_kind' }) expressedByKind!: ExpressedByKind;
  /** The proposing team member; null when the words are the participant's own. */
  @Column('uuid', { name: 'expressed_by', nullable: true }) expressedBy!: string | null;
  @Column('uuid', { name: 'written_with', nullable: true }) writtenWith!: string | null;
  @Column('boolean', { name: 'awaiting_confirmation' }) awaitingConfirmation!: boolean;
  @Column('text') lifecycle!: GoalLifecycle;
  @Column('boolean') declined!: boolean;
  @Column('integer', { nullable: true }) priority!: number | null;
  @Column('text') horizon!: Horizon;
  @Column('text', { nullable: true }) substance!: string | null;
  @Column('text', { array: true }) options!: GoalOption[];
  @Column('boolean', { name: 'reduces_coping_behaviour' }) reducesCopingBehaviour!: boolean;
  @Column('uuid', { name: 'replacement_strategy_ids', array: true }) replacementStrategyIds!: string[];
  @Column('text', { nullable: true }) stage!: StageOfChange | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer') version!: number;
}

@Entity('goal_stage_rating')
export class StageRatingEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'goal_id' }) goalId!: string;
  @Column('uuid', { name: 'rated_by' }) ratedBy!: string;
  @Column('boolean', { name: 'by_participant' }) byParticipant!: boolean;
  @Column('text') stage!: StageOfChange;
  @Column('timestamptz') at!: Date;
}

@Entity('step')
export class StepEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'goal_id', nullable: true }) goalId!: string | null;
  @Column('text') text!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('uuid', { nullable: true }) assignee!: string | null;
  @Column('boolean', { name: 'assigned_to_participant' }) assignedToParticipant!: boolean;
  @Column('date', { name: 'target_date', nullable: true }) targetDate!: string | null;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt!: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('integer') version!: number;
}

@Entity('strategy')
export class StrategyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') text!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('text') status!: StrategyStatus;
  @Column('text', { name: 'check_in_rhythm' }) checkInRhythm!: CheckInRhythm;
  @Column('boolean') reminders!: boolean;
  @Column('uuid', { name: 'added_by' }) addedBy!: string;
  @Column('boolean', { name: 'added_by_participant' }) addedByParticipant!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('integer') version!: number;
  /** When the participant last chose the check-in rhythm (StrategyCheckIns migration). */
  @Column('timestamptz', { name: 'rhythm_set_at' }) rhythmSetAt!: Date;
  /** The latest check-in (the history is in strategy_check_in). */
  @Column('timestamptz', { name: 'last_check_in_at', nullable: true }) lastCheckInAt!: Date | null;
  @Column('text', { name: 'last_check_in_answer', nullable: true }) lastCheckInAnswer!: CheckInAnswer | null;
  @Column('text', { name: 'last_check_in_note', nullable: true }) lastCheckInNote!: string | null;
}

/** One answer to "how is this working for you?", by the participant (rule 8). */
@Entity('strategy_check_in')
export class StrategyCheckInEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'strategy_id' }) strategyId!: string;
  @Column('text') answer!: CheckInAnswer;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('uuid', { name: 'checked_in_by' }) checkedInBy!: string;
  @Column('timestamptz', { name: 'checked_in_at' }) checkedInAt!: Date;
}

@Entity('offer')
export class OfferEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') text!: string;
  @Column('text') kind!: OfferKind;
  @Column('text') label!: SensitivityLabel;
  @Column('text') status!: OfferStatus;
  @Column('text', { name: 'withheld_reason', nullable: true }) withheldReason!: string | null;
  @Column('boolean', { name: 'reason_cites_drug_use' }) reasonCitesDrugUse!: boolean;
  @Column('boolean', { name: 'hidden_by_participant' }) hiddenByParticipant!: boolean;
  @Column('uuid', { name: 'goal_id', nullable: true }) goalId!: string | null;
  @Column('uuid', { name: 'offered_by' }) offeredBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt!: Date | null;
  @Column('integer') version!: number;
}

@Entity('plan_event')
export class PlanEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('integer') seq!: number;
  @Column('text') type!: string;
  @Column('uuid', { name: 'item_id', nullable: true }) itemId!: string | null;
  @Column('uuid', { nullable: true }) actor!: string | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  /** Its type's payload (plan-event-payloads.ts): read it through `planEventOf`, never field by field. */
  @Column('jsonb') payload!: unknown;
  /**
   * The participant's access epoch when this event was written, stamped by the database
   * (RealtimeAccessEpoch migration): realtime re-checks a socket before delivering anything
   * newer than its view. Server-side only; never sent to clients.
   */
  @Column('bigint', { name: 'access_epoch', default: 0, transformer: { to: (v: unknown) => v, from: Number } })
  accessEpoch!: number;
}

export const planEntities = [
  PlanEntity,
  GoalEntity,
  StageRatingEntity,
  StepEntity,
  StrategyEntity,
  StrategyCheckInEntity,
  OfferEntity,
  PlanEventEntity,
  WrittenWithYouEntity,
];
