import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  BetterDirection,
  LifeDomain,
  MeasurementSource,
  MetricKind,
  ScaleType,
  SensitivityLabel,
  WinSource,
} from '@roundtable/contracts';

@Entity('metric')
export class MetricEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') kind!: MetricKind;
  @Column('text') name!: string;
  @Column('text', { name: 'catalogue_code', nullable: true }) catalogueCode!: string | null;
  @Column('text') domain!: LifeDomain;
  @Column('text') label!: SensitivityLabel;
  @Column('text') scale!: ScaleType;
  @Column('double precision', { nullable: true }) minimum!: number | null;
  @Column('double precision', { nullable: true }) maximum!: number | null;
  @Column('text', { nullable: true }) unit!: string | null;
  @Column('text', { name: 'ordered_labels', array: true }) orderedLabels!: string[];
  @Column('text') better!: BetterDirection;
  @Column('uuid', { name: 'goal_ids', array: true }) goalIds!: string[];
  @Column('boolean', { name: 'tracks_substance_amount' }) tracksSubstanceAmount!: boolean;
  @Column('uuid', { name: 'defined_by' }) definedBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('integer') version!: number;
}

@Entity('measurement')
export class MeasurementEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'metric_id' }) metricId!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('double precision') value!: number;
  @Column('timestamptz') at!: Date;
  @Column('text') source!: MeasurementSource;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('uuid', { name: 'recorded_by' }) recordedBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** Any positive change. Never deleted; the participant may confirm it or hide it. */
@Entity('win')
export class WinEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') source!: WinSource;
  @Column('uuid', { name: 'source_id', nullable: true }) sourceId!: string | null;
  @Column('text') label!: SensitivityLabel;
  @Column('text') text!: string;
  @Column('uuid', { name: 'proposed_by', nullable: true }) proposedBy!: string | null;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true }) confirmedAt!: Date | null;
  @Column('timestamptz', { name: 'hidden_at', nullable: true }) hiddenAt!: Date | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('integer') version!: number;
}

export type PlanReview = 'NOT_OFFERED' | 'OFFERED' | 'ACCEPTED' | 'DECLINED';

/** A neutral event: it never removes a win and never changes anyone's status. */
@Entity('setback')
export class SetbackEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('text', { nullable: true }) reflection!: string | null;
  @Column('boolean', { name: 'return_to_use' }) returnToUse!: boolean;
  @Column('uuid', { name: 'goal_ids', array: true }) goalIds!: string[];
  @Column('uuid', { name: 'recorded_by' }) recordedBy!: string;
  @Column('boolean', { name: 'with_participant' }) withParticipant!: boolean;
  /** The participant co-signed it on the team member's screen (their passphrase). */
  @Column('boolean', { name: 'co_signed' }) coSigned!: boolean;
  @Column('text', { name: 'plan_review' }) planReview!: PlanReview;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('integer') version!: number;
}

export const outcomesEntities = [MetricEntity, MeasurementEntity, WinEntity, SetbackEntity];
