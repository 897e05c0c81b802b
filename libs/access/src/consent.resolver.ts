import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { changeOnceAnswering, IdPipe, Permission } from '@roundtable/platform';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, type Actor } from '@roundtable/identity';
import { AccessLog, ConsentGrant, GrantIdInput, GrantVisibilityInput, MemberAccess } from './consent.models';
import { ConsentService } from './consent.service';

/** Consent, the who-sees-what overview and the access log (break-glass: BreakGlassResolver). */
@Resolver()
export class ConsentResolver {
  constructor(
    private readonly consent: ConsentService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Permission('consent.grant')
  @Mutation(() => ConsentGrant, {
    description:
      'Participant: let a team member, a support person or a discipline see one label, until a date or an event.',
  })
  grantVisibility(@CurrentActor() actor: Actor, @Args('input') input: GrantVisibilityInput): Promise<ConsentGrant> {
    return changeOnceAnswering(
      this.dataSource,
      actor,
      input,
      'grantVisibility',
      () => this.consent.grant(actor, input),
      (id) => this.consent.grantOf(actor, id),
    );
  }

  @Permission('consent.revoke')
  @Mutation(() => ConsentGrant, { description: 'Participant: revoke a grant. It takes effect at once, everywhere.' })
  revokeVisibility(@CurrentActor() actor: Actor, @Args('input') input: GrantIdInput): Promise<ConsentGrant> {
    // Revoking a revoked grant changes nothing and answers the grant as it is.
    const revoke = (id: string) => this.consent.revoke(actor, id);
    return changeOnceAnswering(this.dataSource, actor, input, 'revokeVisibility', () => revoke(input.grantId), revoke);
  }

  @Permission('consent.read')
  @Query(() => [ConsentGrant], { description: 'Participant: every grant you made, current and past.' })
  consentGrants(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
  ): Promise<ConsentGrant[]> {
    return this.consent.grants(actor, participantId);
  }

  @Permission('consent.read')
  @Query(() => [MemberAccess], { description: 'Participant: who on your team sees which labels, and why.' })
  whoSeesWhat(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
  ): Promise<MemberAccess[]> {
    return this.consent.whoSeesWhat(actor, participantId);
  }

  @Permission('accessLog.read')
  @Query(() => AccessLog, { description: 'Participant: who viewed or changed your plan, or tried to, newest first.' })
  accessLog(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AccessLog> {
    return this.consent.accessLog(actor, participantId, first, after);
  }
}
