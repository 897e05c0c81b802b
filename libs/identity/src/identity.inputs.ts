import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Discipline, ProgramRole } from '@roundtable/contracts';
import { CreateInput } from '@roundtable/platform';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

@InputType()
export class InviteStaffInput extends CreateInput {
  @Field() @IsEmail() @MaxLength(254) email!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) displayName!: string;
  @Field(() => Discipline, { nullable: true }) @IsOptional() @IsEnum(Discipline) discipline?: Discipline;
  @Field(() => ProgramRole) @IsEnum(ProgramRole) programRole!: ProgramRole;
}

@InputType()
export class AcceptStaffInvitationInput {
  @Field() @IsString() @MinLength(12) @MaxLength(40) code!: string;
  @Field({ description: `At least ${PASSWORD_MIN} characters.` })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

@InputType()
export class CompleteSignInSetupInput {
  @Field() @IsString() @MinLength(12) @MaxLength(40) code!: string;
  @Field({
    nullable: true,
    description: 'Required the first time; letters, digits, dot, dash, underscore. Kept when resetting.',
  })
  @IsOptional()
  @Matches(/^[a-zA-Z0-9._-]{2,40}$/, { message: 'use 2 to 40 letters, digits, dots, dashes or underscores' })
  username?: string;
  @Field({ description: `A passphrase of at least ${PASSWORD_MIN} characters; a few words work well.` })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  passphrase!: string;
}

@InputType()
export class AccountIdInput {
  @Field(() => ID) @IsUUID() accountId!: string;
}

@InputType()
export class ResetPassphraseWithRecoveryCodeInput {
  @Field({ description: 'Your username.' }) @IsString() @MinLength(1) @MaxLength(254) username!: string;
  @Field({ description: 'One of the recovery codes you kept when you set up your sign-in; each works once.' })
  @IsString()
  @MinLength(12)
  @MaxLength(40)
  recoveryCode!: string;
  @Field({ description: `Your new passphrase, at least ${PASSWORD_MIN} characters.` })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassphrase!: string;
}

@InputType()
export class RegenerateRecoveryCodesInput {
  @Field({ description: 'Your current passphrase, asked again so an open session alone cannot mint codes.' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  passphrase!: string;
}

@InputType()
export class DeactivateAccountInput {
  @Field(() => ID) @IsUUID() accountId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "Why. Required for a participant's or support person's sign-in, and shown to the participant (rule 12).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

@InputType()
export class EndSessionInput {
  @Field(() => ID, { description: 'A sign-in from mySessions.' }) @IsUUID() sessionId!: string;
}

export const PROGRAM_NAME_MIN = 2;
export const PROGRAM_NAME_MAX = 120;

@InputType()
export class RenameProgramInput {
  @Field({ description: `The program's new name, ${PROGRAM_NAME_MIN} to ${PROGRAM_NAME_MAX} characters once trimmed.` })
  @IsString()
  name!: string;
}
