import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ChangeInput, CreateInput } from '@roundtable/platform';
import { SensitivityLabel } from '@roundtable/contracts';

@ObjectType({
  description:
    'The participant’s consent that one label of their plan may leave Roundtable (FHIR exports staff send to another system).',
})
export class ExternalSharingConsent {
  @Field(() => ID) id!: string;
  @Field(() => SensitivityLabel, { description: 'What may be shared outside.' }) label!: SensitivityLabel;
  @Field(() => String, {
    nullable: true,
    description:
      'Who may receive it (required for substance use, as 42 CFR Part 2 asks); empty: any system staff export to.',
  })
  recipient!: string | null;
  @Field({ description: 'When the consent began.' }) startsAt!: Date;
  @Field({ description: 'When it ends by itself.' }) endsAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the participant stopped it early.' })
  stoppedAt!: Date | null;
  @Field({ description: 'True while it lets content leave: started, not ended, not stopped.' }) active!: boolean;
}

@InputType({ description: 'Let one label leave Roundtable in exports to other systems, until a date.' })
export class AllowExternalSharingInput extends CreateInput {
  @Field(() => ID, { description: 'Your participant id.' }) @IsUUID() participantId!: string;
  @Field(() => SensitivityLabel, { description: 'The label that may be shared outside.' })
  @IsEnum(SensitivityLabel)
  label!: SensitivityLabel;
  @Field(() => String, {
    nullable: true,
    description: 'The organisation that may receive it, e.g. "Harbour Street Clinic". Required for SUBSTANCE_USE.',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  recipient?: string;
  @Field({ description: 'When the consent ends (42 CFR Part 2 asks for an end).' }) @IsDate() endsAt!: Date;
}

@InputType({ description: 'Which consent to stop.' })
export class StopExternalSharingInput extends ChangeInput {
  @Field(() => ID, { description: 'The consent to stop.' }) @IsUUID() consentId!: string;
}
