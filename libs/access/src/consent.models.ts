import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Discipline, SensitivityLabel } from '@roundtable/contracts';
import { CareTeamMember } from '@roundtable/care-team';

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

@ObjectType({ description: 'Emergency access by a care-team clinician: reason, start, and when it ends by itself.' })
export class EmergencyAccess {
  @Field(() => ID) id!: string;
  @Field(() => Person) clinician!: Person;
  @Field() reason!: string;
  @Field() startedAt!: Date;
  @Field() endsAt!: Date;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field() active!: boolean;
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
export class GrantVisibilityInput {
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
export class GrantIdInput {
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
