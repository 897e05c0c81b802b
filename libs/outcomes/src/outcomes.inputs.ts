import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CoSignField, CoSignInput } from '@roundtable/identity';
import {
  BetterDirection,
  LifeDomain,
  MeasurementSource,
  MetricKind,
  ScaleType,
  SensitivityLabel,
} from '@roundtable/contracts';
import { ChangeInput, CreateInput } from '@roundtable/platform';

@InputType()
export class DefineMetricInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field(() => MetricKind) @IsEnum(MetricKind) kind!: MetricKind;
  @Field({ nullable: true, description: 'A clinical catalogue code (see clinicalCatalogue); fills in the rest.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  catalogueCode?: string;
  @Field({ nullable: true, description: 'Required unless a catalogue code is given.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
  @Field(() => LifeDomain, { nullable: true }) @IsOptional() @IsEnum(LifeDomain) domain?: LifeDomain;
  @Field(() => ScaleType, { nullable: true }) @IsOptional() @IsEnum(ScaleType) scale?: ScaleType;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  minimum?: number;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maximum?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) unit?: string;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  orderedLabels?: string[];
  @Field(() => BetterDirection, { nullable: true }) @IsOptional() @IsEnum(BetterDirection) better?: BetterDirection;
  @Field(() => [ID], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  goalIds: string[] = [];
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
  @Field({ defaultValue: false, description: 'Track an amount of substance use. Only the participant can opt in.' })
  @IsBoolean()
  tracksSubstanceAmount: boolean = false;
}

@InputType()
export class RecordMeasurementInput extends CreateInput {
  @Field(() => ID) @IsUUID() metricId!: string;
  @Field(() => Float, {
    description: 'On the metric’s scale: YES_NO is 0 or 1, ORDERED_LABELS an index, GOAL_ATTAINMENT -2..2.',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;
  @Field({ nullable: true, description: 'Defaults to now.' }) @IsOptional() @IsDate() at?: Date;
  @Field(() => MeasurementSource) @IsEnum(MeasurementSource) source!: MeasurementSource;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

@InputType()
export class ProposeWinInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(1000) text!: string;
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
}

@InputType()
export class WinVersionInput extends ChangeInput {
  @Field(() => ID) @IsUUID() winId!: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion!: number;
}

@InputType()
export class RecordSetbackInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field({ nullable: true, description: 'Optional, in their words.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reflection?: string;
  @Field({ defaultValue: false }) @IsBoolean() returnToUse: boolean = false;
  @Field(() => [ID], {
    defaultValue: [],
    description:
      'With a return to use: only abstinence goals the participant took on themselves (expressed, confirmed or accepted).',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  goalIds: string[] = [];
  @Field({
    defaultValue: false,
    description:
      'Staff: you are recording this with the participant, in their words. It waits for them to confirm it, unless they co-sign.',
  })
  @IsBoolean()
  withParticipant: boolean = false;
  @CoSignField('The participant types their own passphrase here: the setback is recorded as theirs at once.')
  coSign?: CoSignInput;
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
}

@InputType()
export class AnswerPlanReviewInput extends ChangeInput {
  @Field(() => ID) @IsUUID() setbackId!: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion!: number;
  @Field() @IsBoolean() accept!: boolean;
}
