import { Field, ID, InputType, Int, PickType } from '@nestjs/graphql';
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
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { DecisionChangeKind, GoalLifecycle, ParticipantResponseKind, SensitivityLabel } from '@roundtable/contracts';
import { CoSignField, CoSignInput } from '@roundtable/identity';
import { ChangeInput, CreateInput, IsInstant, IsLocalDate } from '@roundtable/platform';
import { ProposeGoalInput } from '@roundtable/plan';

@InputType({ isAbstract: true })
abstract class ConferenceVersionInput extends ChangeInput {
  @Field(() => ID) @IsUUID() conferenceId!: string;
  @Field(() => Int, { description: 'The version you read: a stale one answers CONFLICT and changes nothing.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

@InputType()
export class ScheduleConferenceInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @Field({ description: 'When it starts (an instant, ISO-8601 with offset).' })
  @IsInstant()
  scheduledFor!: string;
  @Field({ description: 'IANA time zone, e.g. "America/Vancouver": everyone sees the meeting’s own local time.' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;
  @Field({
    description:
      'The participant: whether you will be there. Staff: an invitation only (participantInvited); the participant marks their own presence (on their device, or with coSign).',
  })
  @IsBoolean()
  participantAttends!: boolean;
  @CoSignField('Staff: the participant types their own passphrase here to say they will attend.')
  coSign?: CoSignInput;

  @Field(() => [ID], { defaultValue: [], description: 'Care-team members to invite.' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true })
  teamMemberIds: string[] = [];
  @Field(() => ID, { nullable: true, description: 'Who runs the room; by default the staff member scheduling.' })
  @IsOptional()
  @IsUUID()
  facilitatorId?: string;
}

@InputType()
export class InviteToConferenceInput extends ChangeInput {
  @Field(() => ID) @IsUUID() conferenceId!: string;
  @Field(() => ID, { description: 'A care-team member, or a support person the participant invites.' })
  @IsUUID()
  accountId!: string;
  @Field({
    defaultValue: false,
    description:
      'A team member inviting a support person with the participant: the invitation waits for the participant to confirm it, unless they co-sign.',
  })
  @IsBoolean()
  withParticipant: boolean = false;
  @CoSignField('The participant types their own passphrase here: the invitation is theirs at once.')
  coSign?: CoSignInput;
}

@InputType()
export class SetParticipantAttendsInput extends ConferenceVersionInput {
  @Field({
    description:
      'The participant: whether you are (or will be) there. Staff: true only invites them, unless they co-sign; false only before the conference starts.',
  })
  @IsBoolean()
  attends!: boolean;
  @CoSignField('The participant types their own passphrase here: their presence is marked by them.')
  coSign?: CoSignInput;
}

@InputType()
export class RecordParticipantUpdateInput extends ConferenceVersionInput {
  @Field({ description: 'In the participant’s own words.' }) @IsString() @MaxLength(8000) text!: string;
  @Field({
    defaultValue: false,
    description:
      'A team member writing it down with the participant: it waits beside the item until they confirm it, unless they co-sign.',
  })
  @IsBoolean()
  writtenWithParticipant: boolean = false;
  @CoSignField('The participant types their own passphrase here: the update is theirs at once.')
  coSign?: CoSignInput;
  @Field(() => SensitivityLabel, {
    nullable: true,
    description: 'Who reads it follows the label (default GENERAL: every attendee).',
  })
  @IsOptional()
  @IsEnum(SensitivityLabel)
  label?: SensitivityLabel;
}

@InputType()
export class AddAgendaItemInput extends CreateInput {
  @Field(() => ID) @IsUUID() conferenceId!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(8000) body: string = '';
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() goalId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() metricId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() stepId?: string;
  @Field(() => SensitivityLabel, {
    nullable: true,
    description: 'At least the strictest label of what it links to; only ever stricter.',
  })
  @IsOptional()
  @IsEnum(SensitivityLabel)
  label?: SensitivityLabel;
  @Field({ defaultValue: false, description: 'Participant: do not discuss this without me.' })
  @IsBoolean()
  notWithoutParticipant: boolean = false;
}

@InputType()
export class MoveAgendaItemInput extends ChangeInput {
  @Field(() => ID) @IsUUID() agendaItemId!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Place it after this item; empty: straight after the participant’s update (nothing goes before it).',
  })
  @IsOptional()
  @IsUUID()
  afterItemId?: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion!: number;
}

@InputType()
export class SetNotWithoutParticipantInput extends ChangeInput {
  @Field(() => ID) @IsUUID() agendaItemId!: string;
  @Field() @IsBoolean() notWithoutParticipant!: boolean;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion!: number;
}

@InputType()
export class ConferenceStepInput extends ConferenceVersionInput {}

@InputType()
export class AdvanceConferenceInput extends ConferenceVersionInput {
  @Field(() => ID, { nullable: true, description: 'Go to this item; empty: the next item you can see.' })
  @IsOptional()
  @IsUUID()
  toItemId?: string;
}

@InputType()
export class NameCoFacilitatorInput extends ChangeInput {
  @Field(() => ID) @IsUUID() conferenceId!: string;
  @Field(() => ID, {
    nullable: true,
    description:
      'A staff member of the care team who attends this conference and may see it; null (or left out) clears it.',
  })
  @IsOptional()
  @IsUUID()
  accountId?: string | null;
}

@InputType()
export class AddConferenceNoteInput extends CreateInput {
  @Field(() => ID) @IsUUID() agendaItemId!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(4000) text!: string;
}

@InputType()
export class RecordPerspectiveInput extends ChangeInput {
  @Field(() => ID) @IsUUID() agendaItemId!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(4000) text!: string;
  @Field(() => Int, { nullable: true, description: 'Required when changing your existing card.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

/** An ADD_GOAL decision proposes a goal with the same words and checks as proposing one on the plan. */
@InputType()
export class ProposedGoalInput extends PickType(ProposeGoalInput, [
  'text',
  'domain',
  'horizon',
  'options',
  'substance',
  'replacementStrategyIds',
] as const) {}

@InputType()
export class ProposeDecisionInput extends CreateInput {
  @Field(() => ID) @IsUUID() agendaItemId!: string;
  @Field({ description: 'The decision in plain words.' }) @IsString() @MinLength(1) @MaxLength(2000) summary!: string;
  @Field(() => DecisionChangeKind, { defaultValue: DecisionChangeKind.RECORD_ONLY })
  @IsEnum(DecisionChangeKind)
  changeKind: DecisionChangeKind = DecisionChangeKind.RECORD_ONLY;
  @Field(() => ID, { nullable: true, description: 'SET_GOAL_LIFECYCLE: the goal.' })
  @IsOptional()
  @IsUUID()
  goalId?: string;
  @Field(() => GoalLifecycle, { nullable: true, description: 'SET_GOAL_LIFECYCLE: where the goal moves.' })
  @IsOptional()
  @IsEnum(GoalLifecycle)
  lifecycle?: GoalLifecycle;
  @Field(() => ProposedGoalInput, { nullable: true, description: 'ADD_GOAL: the goal.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProposedGoalInput)
  newGoal?: ProposedGoalInput;
}

@InputType()
export class AnswerDecisionInput extends ChangeInput {
  @Field(() => ID) @IsUUID() decisionId!: string;
  @Field() @IsBoolean() agree!: boolean;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion!: number;
  @Field({
    defaultValue: false,
    description:
      'A team member recording the participant’s answer with them: it waits for the participant to confirm it, unless they co-sign. Staff never answer for them.',
  })
  @IsBoolean()
  withParticipant: boolean = false;
  @CoSignField('The participant types their own passphrase here: the answer is theirs at once.')
  coSign?: CoSignInput;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

@InputType()
export class AddActionItemInput extends CreateInput {
  @Field(() => ID) @IsUUID() agendaItemId!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(1000) text!: string;
  @Field(() => ID, { nullable: true, description: 'A team member who does it; leave empty when the participant does.' })
  @IsOptional()
  @IsUUID()
  assigneeAccountId?: string;
  @Field(() => ID, { nullable: true, description: 'The goal the step serves; by default the agenda item’s goal.' })
  @IsOptional()
  @IsUUID()
  goalId?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; a target, never a deadline.' })
  @IsOptional()
  @IsLocalDate()
  targetDate?: string;
}

@InputType()
export class AmendMinutesInput extends CreateInput {
  @Field(() => ID) @IsUUID() conferenceId!: string;
  @Field(() => ID, { nullable: true, description: 'The note, perspective, decision or agenda item it corrects.' })
  @IsOptional()
  @IsUUID()
  targetId?: string;
  @Field() @IsString() @MinLength(1) @MaxLength(4000) text!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
  @Field(() => ID, { nullable: true, description: 'The participant’s correction request this answers.' })
  @IsOptional()
  @IsUUID()
  answersResponseId?: string;
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
}

@InputType()
export class RespondToConferenceInput extends CreateInput {
  @Field(() => ID) @IsUUID() conferenceId!: string;
  @Field(() => ParticipantResponseKind) @IsEnum(ParticipantResponseKind) kind!: ParticipantResponseKind;
  @Field(() => ID, { nullable: true, description: 'What it is about (a note, perspective, decision or item).' })
  @IsOptional()
  @IsUUID()
  targetId?: string;
  @Field() @IsString() @MinLength(1) @MaxLength(4000) text!: string;
  @Field(() => SensitivityLabel, { nullable: true }) @IsOptional() @IsEnum(SensitivityLabel) label?: SensitivityLabel;
}

@InputType()
export class AnswerParticipantResponseInput extends ChangeInput {
  @Field(() => ID) @IsUUID() responseId!: string;
  @Field({ description: 'What we changed.' }) @IsString() @MinLength(1) @MaxLength(4000) answer!: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion!: number;
}
