import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  CheckInAnswer,
  CheckInRhythm,
  GoalLifecycle,
  GoalOption,
  Horizon,
  LifeDomain,
  OfferKind,
  SensitivityLabel,
  StageOfChange,
  StrategyStatus,
} from '@roundtable/contracts';
import { CoSignField, CoSignInput } from '@roundtable/identity';
import { ChangeInput, CreateInput, IsLocalDate } from '@roundtable/platform';

@InputType({ isAbstract: true })
abstract class VersionedInput extends ChangeInput {
  @Field(() => Int, { description: 'The version you read: a stale one answers CONFLICT and changes nothing.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

@InputType()
export class UpdateVisionInput extends VersionedInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field() @IsString() @MaxLength(4000) text!: string;
  @Field({
    defaultValue: false,
    description:
      'A team member writing it down with the participant: it is held beside their current vision until they confirm it (or co-sign).',
  })
  @IsBoolean()
  writtenWithParticipant: boolean = false;
  @CoSignField('The participant types their own passphrase here: the vision is theirs at once.')
  coSign?: CoSignInput;
}

@InputType({ isAbstract: true })
abstract class GoalFields extends CreateInput {
  @Field() @IsString() @MinLength(1) @MaxLength(1000) text!: string;
  @Field(() => LifeDomain) @IsEnum(LifeDomain) domain!: LifeDomain;
  @Field(() => Horizon, { defaultValue: Horizon.RIGHT_NOW }) @IsEnum(Horizon) horizon: Horizon = Horizon.RIGHT_NOW;
  @Field(() => [GoalOption], { defaultValue: [] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(9)
  @IsEnum(GoalOption, { each: true })
  options: GoalOption[] = [];
  @Field({ nullable: true, description: 'Optional; a goal may name a substance.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  substance?: string;
  @Field(() => SensitivityLabel, {
    nullable: true,
    description: 'Defaults from the domain and options; may only be made stricter.',
  })
  @IsOptional()
  @IsEnum(SensitivityLabel)
  label?: SensitivityLabel;
}

@InputType()
export class ExpressGoalInput extends GoalFields {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field({
    defaultValue: false,
    description:
      'Staff: you are writing the participant’s words with them. The goal waits (not active) until they confirm or change it on their own device, unless they co-sign.',
  })
  @IsBoolean()
  writtenWithParticipant: boolean = false;
  @Field(() => [ID], {
    defaultValue: [],
    description:
      'Staff writing without a co-sign: required when the options include ABSTINENCE, TAPER or MODERATION (rule 9 holds until the participant confirms the words as theirs).',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  replacementStrategyIds: string[] = [];
  @CoSignField('The participant types their own passphrase here: the goal is theirs and active at once.')
  coSign?: CoSignInput;
}

@InputType()
export class ProposeGoalInput extends GoalFields {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field({
    defaultValue: false,
    deprecationReason:
      'Ignored: whether a proposal reduces a way of coping is judged from its options (ABSTINENCE, TAPER, MODERATION).',
    description: 'Ignored (kept so older clients still work).',
  })
  @IsBoolean()
  reducesCopingBehaviour: boolean = false;
  @Field(() => [ID], {
    defaultValue: [],
    description:
      'Required when the options include ABSTINENCE, TAPER or MODERATION: never take away a defence without a replacement (strategies in this plan).',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  replacementStrategyIds: string[] = [];
}

@InputType()
export class GoalVersionInput extends VersionedInput {
  @Field(() => ID) @IsUUID() goalId!: string;
}

@InputType()
export class UpdateGoalInput extends VersionedInput {
  @Field(() => ID) @IsUUID() goalId!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) text?: string;
  @Field(() => LifeDomain, { nullable: true }) @IsOptional() @IsEnum(LifeDomain) domain?: LifeDomain;
  @Field(() => Horizon, { nullable: true }) @IsOptional() @IsEnum(Horizon) horizon?: Horizon;
  @Field(() => [GoalOption], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(GoalOption, { each: true })
  options?: GoalOption[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) substance?: string;
}

@InputType()
export class SetGoalLifecycleInput extends VersionedInput {
  @Field(() => ID) @IsUUID() goalId!: string;
  @Field(() => GoalLifecycle) @IsEnum(GoalLifecycle) lifecycle!: GoalLifecycle;
}

/** expectedVersion is the plan's rankingVersion. */
@InputType()
export class RankGoalsInput extends VersionedInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field(() => [ID], { description: 'Goal ids, most important first. Goals left out keep no rank.' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  goalIds!: string[];
}

/** expectedVersion is the goal's version as you read it (rule 7: the rating is about that goal). */
@InputType()
export class RateStageInput extends VersionedInput {
  @Field(() => ID) @IsUUID() goalId!: string;
  @Field(() => StageOfChange) @IsEnum(StageOfChange) stage!: StageOfChange;
}

@InputType()
export class AddStepInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() goalId?: string;
  @Field() @IsString() @MinLength(1) @MaxLength(1000) text!: string;
  @Field(() => ID, { nullable: true, description: 'A team member who does it; leave empty when the participant does.' })
  @IsOptional()
  @IsUUID()
  assigneeAccountId?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; a target, never a deadline.' })
  @IsOptional()
  @IsLocalDate()
  targetDate?: string;
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
}

@InputType()
export class SetStepDoneInput extends VersionedInput {
  @Field(() => ID) @IsUUID() stepId!: string;
  @Field() @IsBoolean() done!: boolean;
}

@InputType()
export class AddStrategyInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(1000) text!: string;
  @Field(() => StrategyStatus, { defaultValue: StrategyStatus.WANT_TO_TRY })
  @IsEnum(StrategyStatus)
  status: StrategyStatus = StrategyStatus.WANT_TO_TRY;
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
}

@InputType()
export class UpdateStrategyInput extends VersionedInput {
  @Field(() => ID) @IsUUID() strategyId!: string;
  @Field(() => StrategyStatus, { nullable: true }) @IsOptional() @IsEnum(StrategyStatus) status?: StrategyStatus;
  @Field(() => CheckInRhythm, { nullable: true, description: 'Participant only.' })
  @IsOptional()
  @IsEnum(CheckInRhythm)
  checkInRhythm?: CheckInRhythm;
  @Field({ nullable: true, description: 'Participant only: reminders are opt-in.' })
  @IsOptional()
  @IsBoolean()
  reminders?: boolean;
}

@InputType({ description: 'The participant’s answer to “how is this working for you?” on one of their strategies.' })
export class CheckInOnStrategyInput extends CreateInput {
  @Field(() => ID) @IsUUID() strategyId!: string;
  @Field(() => Int, {
    nullable: true,
    description: 'Optional: the strategy version you read; a stale one answers CONFLICT and records nothing.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
  @Field(() => CheckInAnswer) @IsEnum(CheckInAnswer) answer!: CheckInAnswer;
  @Field({ nullable: true, description: 'Optional, in your words (up to 2000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType()
export class MakeOfferInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(2000) text!: string;
  @Field(() => OfferKind) @IsEnum(OfferKind) kind!: OfferKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() goalId?: string;
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
}

@InputType()
export class RecordWithheldResourceInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field({ description: 'The resource the team decided not to offer.' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  resource!: string;
  @Field({ description: 'Why. The participant reads it; a reason citing drug use is flagged.' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
}

export enum OfferResponse {
  ACCEPT = 'ACCEPT',
  DECLINE = 'DECLINE',
}
registerEnumType(OfferResponse, { name: 'OfferResponse' });

@InputType()
export class RespondToOfferInput extends VersionedInput {
  @Field(() => ID) @IsUUID() offerId!: string;
  @Field(() => OfferResponse) @IsEnum(OfferResponse) response!: OfferResponse;
}

/** expectedVersion is the item's version as you read it. */
@InputType()
export class MakeItemStricterInput extends VersionedInput {
  @Field(() => ID, { description: 'A goal, step or offer of the plan.' }) @IsUUID() itemId!: string;
  @Field(() => SensitivityLabel, {
    description: 'Stricter than the item’s label now (never looser), and one you may see yourself.',
  })
  @IsEnum(SensitivityLabel)
  label!: SensitivityLabel;
}

@InputType()
export class HideOfferInput extends ChangeInput {
  @Field(() => ID) @IsUUID() offerId!: string;
}

@InputType()
export class ConfirmWrittenWithYouInput extends ChangeInput {
  @Field(() => ID, { description: 'An entry from waitingForYou.entriesToConfirm.' }) @IsUUID() entryId!: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion!: number;
  @Field({ description: 'True: these are my words (or my answer). False: they are not; nothing of mine changes.' })
  @IsBoolean()
  accept!: boolean;
  @Field({ nullable: true, description: 'Accepting with your own words instead (goals, vision, updates, setbacks).' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(8000)
  text?: string;
}
