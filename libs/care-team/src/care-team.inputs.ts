import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CoSignField, CoSignInput } from '@roundtable/identity';
import { TeamRole } from '@roundtable/contracts';
import { ContactMode } from './care-team.entities';
import { CreateInput } from '@roundtable/platform';

@InputType()
export class CreateParticipantInput extends CreateInput {
  @Field() @IsString() @MinLength(1) @MaxLength(100) preferredName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) pronouns?: string;
}

@InputType()
export class AddCareTeamMemberInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field(() => ID) @IsUUID() accountId!: string;
  @Field(() => TeamRole, { defaultValue: TeamRole.CARE_TEAM_MEMBER })
  @IsEnum(TeamRole)
  teamRole: TeamRole = TeamRole.CARE_TEAM_MEMBER;
  @Field({ nullable: true, description: 'Defaults to now.' }) @IsOptional() @IsDate() since?: Date;
  @Field({ nullable: true, description: 'For a membership with a known end (e.g. a placement).' })
  @IsOptional()
  @IsDate()
  until?: Date;
}

@InputType()
export class EndCareTeamMembershipInput {
  @Field(() => ID) @IsUUID() membershipId!: string;
}

@InputType()
export class ParticipantIdInput {
  @Field(() => ID) @IsUUID() participantId!: string;
}

@InputType()
export class InviteSupportPersonInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field({ description: 'How the participant names them, e.g. "Jo (my sister)".' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;
  @CoSignField(
    'Staff with the participant: they type their own passphrase here. Without it only the participant invites (rules 1, 10).',
  )
  coSign?: CoSignInput;
}

@InputType()
export class RecordContactInput extends CreateInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field(() => ContactMode) @IsEnum(ContactMode) mode!: ContactMode;
  @Field({ nullable: true, description: 'Defaults to now.' }) @IsOptional() @IsDate() at?: Date;
}
