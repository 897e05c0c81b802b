import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountKind, AccountStatus, Discipline, ProgramRole } from '@roundtable/contracts';

registerEnumType(AccountKind, { name: 'AccountKind', description: 'What kind of person an account belongs to.' });
registerEnumType(AccountStatus, {
  name: 'AccountStatus',
  description: 'PENDING until the person chooses a password with their one-time code.',
});
registerEnumType(Discipline, {
  name: 'Discipline',
  description: "A staff member's profession; it decides which sensitivity labels they see by default.",
});
registerEnumType(ProgramRole, {
  name: 'ProgramRole',
  description:
    'Role in the program. SUPERVISOR sees the roster; ADMINISTRATOR manages accounts and teams and sees no plan content.',
});

@ObjectType({ description: 'A person who signs in to Roundtable.' })
export class Account {
  @Field(() => ID) id!: string;
  @Field(() => AccountKind) kind!: AccountKind;
  @Field(() => AccountStatus) status!: AccountStatus;
  @Field({ description: 'The name shown to others.' }) displayName!: string;
  @Field(() => String, { nullable: true, description: 'Staff sign-in email. Participants need none.' })
  email!: string | null;
  @Field(() => String, { nullable: true, description: 'Sign-in username (participants and support persons).' })
  username!: string | null;
  @Field(() => Discipline, { nullable: true }) discipline!: Discipline | null;
  @Field(() => ProgramRole, { nullable: true }) programRole!: ProgramRole | null;
  @Field(() => ID, { nullable: true, description: "A participant account's own participant record." })
  participantId!: string | null;
  @Field({
    description:
      'An invited staff account that no program supervisor (other than the inviter) has confirmed yet: it cannot act or join a care team.',
  })
  awaitingConfirmation!: boolean;
  @Field(() => Date, { nullable: true, description: 'When the account was last deactivated.' })
  deactivatedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why it was last deactivated, as given by the person who did it; the account holder can read it.',
  })
  deactivationReason!: string | null;
}

@ObjectType({ description: 'The result of signing in or refreshing.' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`; short-lived.' }) accessToken!: string;
  @Field() accessTokenExpiresAt!: Date;
  @Field(() => String, {
    nullable: true,
    description:
      'Exchange once with `refresh` for new tokens; using it twice ends the sign-in. Null for a shared-device sign-in (there is none) and for the web client (header `X-Roundtable-Client: web`), which gets it only as the HttpOnly cookie `rt_refresh`.',
  })
  refreshToken!: string | null;
  @Field(() => Account) account!: Account;
}

@ObjectType({ description: 'A one-time code to hand to a person in person (no email is sent).' })
export class OneTimeCode {
  @Field({ description: 'Shown once; typed by the person as XXXX-XXXX-XXXX (case and dashes do not matter).' })
  code!: string;
  @Field() expiresAt!: Date;
}

@ObjectType({ description: 'A new staff account and the invitation code that activates it.' })
export class StaffInvitation {
  @Field(() => Account) account!: Account;
  @Field(() => OneTimeCode) invitation!: OneTimeCode;
}

@ObjectType({ description: 'The result of completing a sign-in set-up: tokens, and recovery codes to keep.' })
export class SignInSetupPayload extends AuthPayload {
  @Field(() => [String], {
    description:
      'Shown once: write them down or print them. Each resets your passphrase once without staff (resetPassphraseWithRecoveryCode); earlier recovery codes stopped working.',
  })
  recoveryCodes!: string[];
}

@ObjectType({ description: 'One place where you are signed in ("Signed in on these devices").' })
export class DeviceSession {
  @Field(() => ID) id!: string;
  @Field({ description: 'When this sign-in started.' }) signedInAt!: Date;
  @Field({ description: 'When this sign-in was last renewed (or started).' }) lastUsedAt!: Date;
  @Field({ description: 'When it ends unless it is used again.' }) expiresAt!: Date;
  @Field({ description: 'Signed in with "This is a shared computer": it ends with the browser tab.' })
  sharedDevice!: boolean;
  @Field({ description: 'The sign-in this request was made with.' }) current!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'The browser and system, as the browser named itself (for recognising the device).',
  })
  device!: string | null;
}

@ObjectType({
  description:
    'A program\'s staff accounts counted by state. Staff accounts only: nothing about participants or plans (PRODUCT.md "Who does what").',
})
export class ProgramStaffCounts {
  @Field(() => Int, { description: 'Signed up and confirmed: they can act.' }) active!: number;
  @Field(() => Int, {
    description: 'Invited and not yet confirmed by a program supervisor other than the inviter (rule 1).',
  })
  awaitingConfirmation!: number;
  @Field(() => Int, { description: 'Confirmed, but the person has not yet chosen a password with their code.' })
  notYetJoined!: number;
  @Field(() => Int, { description: 'Switched off: they cannot sign in.' }) deactivated!: number;
}

@ObjectType({ description: 'The program a staff member works in.' })
export class Program {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() createdAt!: Date;
  @Field(() => ProgramStaffCounts, {
    nullable: true,
    description: 'Administrators and supervisors: the staff accounts by state. Null for other staff.',
  })
  staffAccounts!: ProgramStaffCounts | null;
}
