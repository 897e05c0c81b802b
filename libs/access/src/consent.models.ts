import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Discipline, SensitivityLabel } from '@roundtable/contracts';
import { CareTeamMember } from '@roundtable/care-team';
import { ChangeInput, CreateInput } from '@roundtable/platform';

export enum LabelAccessSource {
  DEFAULT = 'DEFAULT',
  GRANT = 'GRANT',
  EMERGENCY = 'EMERGENCY',
}
registerEnumType(LabelAccessSource, {
  name: 'LabelAccessSource',
  description: 'DEFAULT: the discipline’s default; GRANT: the participant granted it; EMERGENCY: break-glass access.',
});

export enum AuditKind {
  READ = 'READ',
  CHANGE = 'CHANGE',
  DENIED = 'DENIED',
  CONSENT = 'CONSENT',
  TEAM = 'TEAM',
  BREAK_GLASS = 'BREAK_GLASS',
}
registerEnumType(AuditKind, { name: 'AuditKind' });

@ObjectType({ description: 'A person named in a record.' })
export class Person {
  @Field(() => ID, { nullable: true }) accountId!: string | null;
  @Field() displayName!: string;
}

@ObjectType({ description: 'The participant’s grant of one label to a person or a discipline, with its history.' })
export class ConsentGrant {
  @Field(() => ID) id!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => Person, { nullable: true, description: 'The person granted, or empty for a discipline.' })
  grantee!: Person | null;
  @Field(() => Discipline, { nullable: true }) discipline!: Discipline | null;
  @Field({ description: 'For a discipline: also members who join the team later.' }) includesFutureMembers!: boolean;
  @Field() startsAt!: Date;
  @Field(() => Date, { nullable: true }) endsAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The event that ends it, e.g. “when I move out”.' }) endEvent!:
    string | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field({ description: 'In effect right now.' }) active!: boolean;
}

@ObjectType()
export class LabelAccess {
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => LabelAccessSource) source!: LabelAccessSource;
}

@ObjectType({ description: 'What one team member or support person can see, and why.' })
export class MemberAccess {
  @Field(() => CareTeamMember) member!: CareTeamMember;
  @Field(() => [LabelAccess]) labels!: LabelAccess[];
}

/** Where one break-glass access stands (PRODUCT.md rule 12). */
export enum EmergencyAccessStatus {
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  OPEN = 'OPEN',
  ENDED = 'ENDED',
  LAPSED = 'LAPSED',
}
registerEnumType(EmergencyAccessStatus, {
  name: 'EmergencyAccessStatus',
  description:
    'AWAITING_APPROVAL: a repeat request that opens nothing until a supervisor approves it; OPEN: in effect now; ENDED: was open, ended by the clinician or by the clock; LAPSED: never opened (withdrawn, or not approved in time).',
});

@ObjectType({
  description: "A program supervisor's review of an emergency access after it ended; the participant reads it.",
})
export class EmergencyAccessReview {
  @Field(() => Person, { description: 'The supervisor who reviewed it.' }) reviewedBy!: Person;
  @Field({ description: 'When it was reviewed.' }) reviewedAt!: Date;
  @Field({ description: "The supervisor's note." }) note!: string;
}

@ObjectType({
  description:
    'Emergency (break-glass) access by a care-team clinician: the reason, when it opened, when it ends by itself, who approved a repeat, and the supervisor’s review afterwards. The participant sees every one.',
})
export class EmergencyAccess {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The participant whose plan it opens.' }) participantId!: string;
  @Field({ description: "The participant's preferred name (supervisors' lists)." }) participantName!: string;
  @Field(() => Person) clinician!: Person;
  @Field() reason!: string;
  @Field(() => EmergencyAccessStatus) status!: EmergencyAccessStatus;
  @Field({ description: 'When the clinician asked for it.' }) requestedAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When it opened; empty while it awaits approval or if it never opened.',
  })
  startedAt!: Date | null;
  @Field({ description: 'When it ends by itself (or, awaiting approval, when the request lapses).' }) endsAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was ended early (or withdrawn).' }) endedAt!: Date | null;
  @Field({ description: 'A repeat within the window: it needed a supervisor’s approval before it opened anything.' })
  approvalRequired!: boolean;
  @Field(() => Person, { nullable: true, description: 'The supervisor who approved a repeat request.' })
  approvedBy!: Person | null;
  @Field(() => Date, { nullable: true }) approvedAt!: Date | null;
  @Field(() => EmergencyAccessReview, { nullable: true, description: "A supervisor's review after it ended." })
  review!: EmergencyAccessReview | null;
  @Field({ description: 'In effect right now.' }) active!: boolean;
}

@ObjectType({ description: 'Who looked at or changed the plan, or tried to.' })
export class AccessLogEntry {
  @Field(() => ID) id!: string;
  @Field(() => Person, { nullable: true }) actor!: Person | null;
  @Field({ description: 'The operation, e.g. plan, updateGoal, grantVisibility.' }) action!: string;
  @Field(() => AuditKind) kind!: AuditKind;
  @Field(() => [SensitivityLabel], { description: 'Labels that were visible to them.' }) labels!: SensitivityLabel[];
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field() at!: Date;
}

@ObjectType()
export class AccessLogEdge {
  @Field() cursor!: string;
  @Field(() => AccessLogEntry) node!: AccessLogEntry;
}

@ObjectType()
export class AccessLogPageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ description: 'The access log, newest first.' })
export class AccessLog {
  @Field(() => [AccessLogEdge]) edges!: AccessLogEdge[];
  @Field(() => AccessLogPageInfo) pageInfo!: AccessLogPageInfo;
}

@InputType()
export class GrantVisibilityInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field(() => SensitivityLabel) @IsEnum(SensitivityLabel) label!: SensitivityLabel;
  @Field(() => ID, { nullable: true, description: 'A team member or support person; or give a discipline instead.' })
  @IsOptional()
  @IsUUID()
  accountId?: string;
  @Field(() => Discipline, { nullable: true }) @IsOptional() @IsEnum(Discipline) discipline?: Discipline;
  @Field({ defaultValue: false, description: 'For a discipline: include members who join later.' })
  @IsBoolean()
  includesFutureMembers: boolean = false;
  @Field({ nullable: true, description: 'When it ends. Give this or endEvent.' }) @IsOptional() @IsDate() endsAt?: Date;
  @Field({ nullable: true, description: 'The event that ends it, in your words.' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  endEvent?: string;
}

@InputType()
export class GrantIdInput extends ChangeInput {
  @Field(() => ID) @IsUUID() grantId!: string;
}

@InputType()
export class RequestEmergencyAccessInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field({ description: 'Why, in a sentence the participant will read.' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason!: string;
}

@InputType()
export class EmergencyAccessIdInput {
  @Field(() => ID) @IsUUID() emergencyAccessId!: string;
}

@InputType()
export class ReviewEmergencyAccessInput {
  @Field(() => ID) @IsUUID() emergencyAccessId!: string;
  @Field({ description: 'What the supervisor found, in words the participant will read.' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note!: string;
}
