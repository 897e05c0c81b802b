import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AccountKind, AccountStatus } from '@roundtable/contracts';
import { Person } from './consent.models';

export enum SignInSetupCodeStatus {
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  APPROVED = 'APPROVED',
  USED = 'USED',
  EXPIRED = 'EXPIRED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(SignInSetupCodeStatus, {
  name: 'SignInSetupCodeStatus',
  description:
    'AWAITING_APPROVAL: inert until a second staff member approves; APPROVED: works once until it expires; USED; EXPIRED (30 minutes after issue); SUPERSEDED: a newer code replaced it.',
});

@ObjectType({
  description:
    "A one-time code that sets or resets a participant's or support person's sign-in. It works only after a second staff member approves it from their own session (PRODUCT.md rule 1).",
})
export class SignInSetupCode {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The code to hand over, typed as XXXX-XXXX-XXXX. Only in the answer to the request that created it; null everywhere else (approvers never see it).',
  })
  code!: string | null;
  @Field(() => ID, { description: 'The participant whose sign-in (or whose support person’s sign-in) this sets up.' })
  participantId!: string;
  @Field(() => AccountKind, { description: 'PARTICIPANT or SUPPORT_PERSON.' }) accountKind!: AccountKind;
  @Field({ description: 'The name of the person the code is for.' }) accountDisplayName!: string;
  @Field({
    description:
      'While the code is unused: the account has a passphrase that using the code would replace (a reset), ending its sign-ins.',
  })
  replacesPassphrase!: boolean;
  @Field(() => SignInSetupCodeStatus) status!: SignInSetupCodeStatus;
  @Field(() => Person, { description: 'Who asked for the code.' }) requestedBy!: Person;
  @Field(() => Person, { nullable: true, description: 'The second staff member who approved it.' })
  approvedBy!: Person | null;
  @Field() issuedAt!: Date;
  @Field({ description: '30 minutes after issue, approved or not.' }) expiresAt!: Date;
}

@InputType()
export class CreateSignInSetupCodeInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field({
    nullable: true,
    description: 'A retry with the same key returns the first request (its code is not shown again).',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  idempotencyKey?: string;
}

@InputType()
export class SetupCodeIdInput {
  @Field(() => ID) @IsUUID() setupCodeId!: string;
}

@ObjectType({ description: "The state of a participant's own sign-in, for them and the staff on their care team." })
export class ParticipantSignIn {
  @Field(() => ID, { description: 'The account to name in deactivateAccount / reactivateAccount.' }) accountId!: string;
  @Field(() => AccountStatus, { description: 'PENDING (no passphrase yet), ACTIVE or DEACTIVATED.' })
  status!: AccountStatus;
  @Field(() => Date, { nullable: true }) deactivatedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why it was last deactivated (rule 12: the participant is told).',
  })
  deactivationReason!: string | null;
}
