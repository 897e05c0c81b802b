import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccountKind } from '@roundtable/contracts';
import {
  AuthPayload,
  CompleteSignInSetupInput,
  CredentialsService,
  CurrentActor,
  RegenerateRecoveryCodesInput,
  ResetPassphraseWithRecoveryCodeInput,
  SignInSetupPayload,
  type Actor,
} from '@roundtable/identity';
import { IdPipe, Public, type GraphQLRequestContext, Permission } from '@roundtable/platform';
import { AuditTrail } from './audit-trail';
import { authorize } from './policies/authorize';
import { CreateSignInSetupCodeInput, SetupCodeIdInput, SignInSetupCode } from './credentials.models';
import { SignInSetupService } from './sign-in-setup.service';

/** Two people for every credential; recovery codes for a reset without staff (PRODUCT.md rule 1). */
@Resolver()
export class CredentialsResolver {
  constructor(
    private readonly setupCodes: SignInSetupService,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditTrail,
  ) {}

  @Permission('signInSetup.request')
  @Mutation(() => SignInSetupCode, {
    description:
      "Care-team staff, sitting with the participant: ask for a code to set or reset the participant's sign-in. It stays inert (AWAITING_APPROVAL) until a second staff member approves it, expires 30 minutes after issue, works once, and replaces earlier codes. The participant's access log names both people.",
  })
  createSignInSetupCode(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateSignInSetupCodeInput,
  ): Promise<SignInSetupCode> {
    return this.setupCodes.request(actor, input.participantId, input.idempotencyKey);
  }

  @Permission('signInSetup.approve')
  @Mutation(() => SignInSetupCode, {
    description:
      "A second staff member, from their own account — a supervisor of the participant's program or another staff member on the participant's care team — approves a set-up code. Never the requester, never an administrator. The code itself is never shown to the approver.",
  })
  approveSignInSetupCode(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetupCodeIdInput,
  ): Promise<SignInSetupCode> {
    return this.setupCodes.approve(actor, input.setupCodeId);
  }

  @Permission('signInSetup.listAwaitingApproval')
  @Query(() => [SignInSetupCode], {
    description: 'Set-up codes waiting for an approval you may give (never your own requests); codes are not shown.',
  })
  signInSetupCodesAwaitingApproval(@CurrentActor() actor: Actor): Promise<SignInSetupCode[]> {
    return this.setupCodes.awaitingApproval(actor);
  }

  @Permission('signInSetup.readHistory')
  @Query(() => [SignInSetupCode], {
    description:
      'The participant and the staff on their care team: every sign-in set-up code for the participant and their support persons, with who asked and who approved, newest first (at most 50); codes are not shown.',
  })
  signInSetupCodes(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
  ): Promise<SignInSetupCode[]> {
    return this.setupCodes.history(actor, participantId);
  }

  @Public()
  @Permission('signIn.completeSetup')
  @Mutation(() => SignInSetupPayload, {
    description:
      'A participant or support person sets (or resets) their username and passphrase with an approved code. Unknown, unapproved, expired, replaced and used codes all answer the same BAD_USER_INPUT; rate-limited like login. Earlier sign-ins end; returns recovery codes to keep.',
  })
  async completeSignInSetup(
    @Args('input') input: CompleteSignInSetupInput,
    @Context() context: GraphQLRequestContext,
  ): Promise<SignInSetupPayload> {
    const outcome = await this.credentials.completeSignInSetup(input, context.req.ip ?? 'unknown');
    await this.setupCodes.recordCompleted(outcome);
    return { ...outcome.tokens, recoveryCodes: outcome.recoveryCodes };
  }

  @Public()
  @Permission('signIn.resetWithRecoveryCode')
  @Mutation(() => AuthPayload, {
    description:
      'Reset your passphrase with one of your recovery codes, no staff needed. Each code works once; every other sign-in ends; rate-limited like login; failures all answer UNAUTHENTICATED alike. You see it in your access log.',
  })
  async resetPassphraseWithRecoveryCode(
    @Args('input') input: ResetPassphraseWithRecoveryCodeInput,
    @Context() context: GraphQLRequestContext,
  ): Promise<AuthPayload> {
    const outcome = await this.credentials.resetWithRecoveryCode(input, context.req.ip ?? 'unknown');
    if (outcome.participantId) {
      await this.audit.record({
        participantId: outcome.participantId,
        actor: outcome.tokens.account.id,
        action: 'passphraseResetWithRecoveryCode',
        kind: 'CHANGE',
        itemId: outcome.tokens.account.id,
        reason: `Your passphrase was reset with a recovery code; every earlier sign-in was ended. ${outcome.remainingRecoveryCodes} recovery codes left.`,
      });
    }
    return outcome.tokens;
  }

  @Permission('signIn.regenerateRecoveryCodes')
  @Mutation(() => [String], {
    description:
      'Participants and support persons: new recovery codes (shown once) after re-entering your passphrase; the earlier ones stop working.',
  })
  async regenerateRecoveryCodes(
    @CurrentActor() actor: Actor,
    @Args('input') input: RegenerateRecoveryCodesInput,
    @Context() context: GraphQLRequestContext,
  ): Promise<string[]> {
    authorize('signIn.regenerateRecoveryCodes', actor);
    const codes = await this.credentials.regenerateRecoveryCodes(actor, input, context.req.ip ?? 'unknown');
    if (actor.kind === AccountKind.PARTICIPANT && actor.participantId) {
      await this.audit.record({
        participantId: actor.participantId,
        actor: actor.accountId,
        action: 'recoveryCodesRegenerated',
        kind: 'CHANGE',
        reason: 'New recovery codes were made; the earlier ones stopped working.',
      });
    }
    return codes;
  }
}
