import { applyDecorators, Injectable } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource } from 'typeorm';
import { AccountKind, AccountStatus } from '@roundtable/contracts';
import { badUserInput } from '@roundtable/platform';
import { AccountEntity } from './identity.entities';
import { PASSWORD_MAX } from './identity.inputs';
import { PasswordHasher } from './password-hasher';
import { SignInAttemptsRepository } from './sign-in-attempts.repository';
import { SignInThrottle } from './sign-in-throttle';

/**
 * The participant, sitting with a team member, types their own passphrase on the team
 * member's screen: what the team member records then counts as the participant's own act
 * (PRODUCT.md rules 1 and 3). It opens no session and returns no token.
 */
@InputType({
  description:
    'The participant types their own passphrase on your screen, so that what you record with them counts as their own act. Opens no session on this device.',
})
export class CoSignInput {
  @Field({ description: 'The participant’s own sign-in passphrase (never stored, never logged).' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  passphrase!: string;
}

/**
 * An input's optional `coSign` field: one place for its GraphQL type and nested validation.
 * The description says what the co-sign makes the participant's own on that mutation.
 */
export function CoSignField(description: string): PropertyDecorator {
  return applyDecorators(
    Field(() => CoSignInput, { nullable: true, description }),
    IsOptional(),
    ValidateNested(),
    Type(() => CoSignInput),
  );
}

export const CO_SIGN_FAILED = 'That passphrase did not match the participant’s sign-in';

/**
 * Checks a co-sign against the participant of THIS plan: the one participant account whose
 * `participant_id` is the plan's (never the staff member's own account, never another
 * participant's). Rate-limited exactly like sign-in, on the same table, keyed by the
 * participant's account and by the staff account typing it (so a team member cannot guess
 * at a participant's passphrase from their screen any faster than at the sign-in page).
 * Unknown, not-yet-set-up and deactivated sign-ins cost the same argon2 time and answer
 * the same error as a wrong passphrase. Nothing here starts a session.
 */
@Injectable()
export class CoSignVerifier {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The participant's account id when the passphrase is theirs; BAD_USER_INPUT on `field` otherwise. */
  async verify(participantId: string, passphrase: string, staffAccountId: string, field: string): Promise<string> {
    const identifier = `co-sign:${participantId}`;
    const address = `co-signed-on:${staffAccountId}`;
    const attempt = await this.throttle.begin(identifier, address);
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .findOneBy({ kind: AccountKind.PARTICIPANT, participantId });
    const verified = await this.hasher.verify(account?.passwordHash, passphrase);
    const allowed = Boolean(verified && account && account.status === AccountStatus.ACTIVE);
    await attempt.settle(allowed);
    if (!allowed || !account) throw badUserInput(field, `${field}: ${CO_SIGN_FAILED}`);
    return account.id;
  }
}

/**
 * Providers for a module that verifies co-signs. SignInThrottle is stateless (its counts
 * live in PostgreSQL, behind SignInAttemptsRepository), so the instance listed here shares
 * every limit with sign-in's.
 */
export const CO_SIGN_PROVIDERS = [CoSignVerifier, SignInThrottle, SignInAttemptsRepository];
