import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  BetterDirection,
  LifeDomain,
  MeasurementSource,
  MetricKind,
  ScaleType,
  SensitivityLabel,
  Trend,
  WinSource,
} from '@roundtable/contracts';
import { Author, PageInfo } from '@roundtable/plan';
import type { IsoDateTime } from '@roundtable/platform';

registerEnumType(MetricKind, {
  name: 'MetricKind',
  description: 'Participant-defined metrics are always shown first.',
});
registerEnumType(ScaleType, { name: 'ScaleType' });
registerEnumType(BetterDirection, { name: 'BetterDirection', description: 'Which way is better for this metric.' });
registerEnumType(MeasurementSource, { name: 'MeasurementSource' });
registerEnumType(Trend, {
  name: 'Trend',
  description: 'Latest against baseline, read in the metric’s own better direction.',
});
registerEnumType(WinSource, { name: 'WinSource' });

export enum PlanReviewState {
  NOT_OFFERED = 'NOT_OFFERED',
  OFFERED = 'OFFERED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(PlanReviewState, {
  name: 'PlanReviewState',
  description: 'A plan review offered after a return to use; the participant may decline it.',
});

@ObjectType({ description: 'Something measured over time, participant-defined or clinical.' })
export class Metric {
  @Field(() => ID) id!: string;
  @Field(() => MetricKind) kind!: MetricKind;
  @Field({ description: 'In the participant’s words for participant-defined metrics.' }) name!: string;
  @Field(() => String, { nullable: true }) catalogueCode!: string | null;
  @Field(() => LifeDomain) domain!: LifeDomain;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => ScaleType) scale!: ScaleType;
  @Field(() => Float, { nullable: true }) minimum!: number | null;
  @Field(() => Float, { nullable: true }) maximum!: number | null;
  @Field(() => String, { nullable: true }) unit!: string | null;
  @Field(() => [String], { description: 'For ORDERED_LABELS: values are indexes into this list.' })
  orderedLabels!: string[];
  @Field(() => BetterDirection) better!: BetterDirection;
  @Field(() => [ID], { description: 'Linked goals you may see.' }) goalIds!: string[];
  @Field({ description: 'Tracks an amount of substance use: only ever by the participant’s own choice.' })
  tracksSubstanceAmount!: boolean;
  @Field(() => Author) definedBy!: Author;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class MeasurementPoint {
  @Field(() => Float) value!: number;
  @Field(() => Date) at!: IsoDateTime;
}

@ObjectType({
  description:
    'One metric’s series for a small chart: parallel lists `times` and `values` (cheaper than point objects).',
})
export class Series {
  @Field(() => Metric) metric!: Metric;
  @Field(() => MeasurementPoint, { nullable: true }) baseline!: MeasurementPoint | null;
  @Field(() => MeasurementPoint, { nullable: true }) latest!: MeasurementPoint | null;
  @Field(() => Trend) trend!: Trend;
  @Field(() => [Date]) times!: IsoDateTime[];
  @Field(() => [Float]) values!: number[];
}

@ObjectType({ description: 'One life domain: the participant’s own measures first, clinical ones beside them.' })
export class DomainProgress {
  @Field(() => LifeDomain) domain!: LifeDomain;
  @Field(() => [Series]) participantDefined!: Series[];
  @Field(() => [Series]) clinical!: Series[];
}

@ObjectType({ description: 'Progress side by side, grouped by life domain. Only domains with something you may see.' })
export class Progress {
  @Field(() => ID) participantId!: string;
  @Field(() => [DomainProgress]) domains!: DomainProgress[];
}

@ObjectType({ description: 'Any positive change. A later setback never removes it.' })
export class Win {
  @Field(() => ID) id!: string;
  @Field(() => WinSource) source!: WinSource;
  @Field(() => SensitivityLabel, { description: 'The strictest label of what the win reveals.' })
  label!: SensitivityLabel;
  @Field() text!: string;
  @Field(() => Author, { nullable: true, description: 'Who proposed it, for proposed wins.' })
  proposedBy!: Author | null;
  @Field({ description: 'The participant confirmed it counts.' }) confirmed!: boolean;
  @Field() occurredAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class WinEdge {
  @Field() cursor!: string;
  @Field(() => Win) node!: Win;
}

@ObjectType({ description: 'Wins, newest first. Wins the participant hid are not listed.' })
export class WinConnection {
  @Field(() => [WinEdge]) edges!: WinEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'A setback: expected, neutral, and never an erasure of earlier gains.' })
export class Setback {
  @Field(() => ID) id!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => String, { nullable: true }) reflection!: string | null;
  @Field() returnToUse!: boolean;
  @Field(() => [ID], { description: 'Abstinence goals it relates to (only those may be linked).' }) goalIds!: string[];
  @Field(() => Author) recordedBy!: Author;
  @Field({ description: 'Recorded by a team member sitting with the participant.' }) withParticipant!: boolean;
  @Field({ description: 'The participant co-signed it on the team member’s screen (typed their own passphrase).' })
  coSigned!: boolean;
  @Field({
    description:
      'Written down with the participant and waiting for them to confirm it (confirmWrittenWithYou, same id); until then no plan review is offered.',
  })
  awaitingConfirmation!: boolean;
  @Field(() => PlanReviewState) planReview!: PlanReviewState;
  @Field() occurredAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'A clinical measure to pick from.' })
export class ClinicalMeasure {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) unit!: string | null;
  @Field(() => LifeDomain) domain!: LifeDomain;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => ScaleType) scale!: ScaleType;
  @Field(() => Float, { nullable: true }) minimum!: number | null;
  @Field(() => Float, { nullable: true }) maximum!: number | null;
  @Field(() => BetterDirection) better!: BetterDirection;
}

@ObjectType({ description: 'A recorded measurement, and the win it produced if it moved the better way.' })
export class RecordedMeasurement {
  @Field(() => ID) id!: string;
  @Field(() => ID) metricId!: string;
  @Field(() => Float) value!: number;
  @Field() at!: Date;
  @Field(() => MeasurementSource) source!: MeasurementSource;
  @Field(() => Win, { nullable: true }) win!: Win | null;
}

@ObjectType({ description: 'One recorded value of a metric.' })
export class Measurement {
  @Field(() => ID) id!: string;
  @Field(() => Float) value!: number;
  @Field() at!: Date;
  @Field(() => MeasurementSource) source!: MeasurementSource;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Author) recordedBy!: Author;
}

@ObjectType()
export class MeasurementEdge {
  @Field() cursor!: string;
  @Field(() => Measurement) node!: Measurement;
}

@ObjectType({ description: 'A metric’s measurements, newest first.' })
export class MeasurementConnection {
  @Field(() => [MeasurementEdge]) edges!: MeasurementEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
