import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound, Public, type GraphQLRequestContext } from '@roundtable/platform';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { AccountEntity } from './identity.entities';
import { AcceptStaffInvitationInput } from './identity.inputs';
import { Account, AuthPayload } from './identity.models';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Sign in with an email or username and a password. Wrong details, unknown accounts and deactivated accounts all answer UNAUTHENTICATED with the same message; repeated failures answer RATE_LIMITED.',
  })
  login(
    @Args('identifier') identifier: string,
    @Args('password') password: string,
    @Context() context: GraphQLRequestContext,
  ): Promise<AuthPayload> {
    return this.auth.login(identifier, password, context.req.ip ?? 'unknown');
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Exchange a refresh token (once) for new tokens. Reusing one ends that sign-in on every device that shares it.',
  })
  refresh(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.auth.refresh(refreshToken);
  }

  @Mutation(() => Boolean, { description: 'End this sign-in: its access and refresh tokens stop working at once.' })
  async logout(@CurrentActor() actor: Actor): Promise<boolean> {
    await this.auth.logout(actor);
    return true;
  }

  @Mutation(() => Boolean, { description: 'End every sign-in of this account, on every device.' })
  async logoutEverywhere(@CurrentActor() actor: Actor): Promise<boolean> {
    await this.auth.logoutEverywhere(actor);
    return true;
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'A new staff member activates their account with an invitation code.' })
  acceptStaffInvitation(@Args('input') input: AcceptStaffInvitationInput): Promise<AuthPayload> {
    return this.auth.acceptStaffInvitation(input.code, input.password);
  }

  @Query(() => Account, { description: 'The signed-in account.' })
  async me(@CurrentActor() actor: Actor): Promise<Account> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ id: actor.accountId });
    if (!account) throw notFound();
    return account;
  }
}
