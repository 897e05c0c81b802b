import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound, Public, unauthenticated, type GraphQLRequestContext, Permission } from '@roundtable/platform';
import type { Actor } from './actor';
import { AllowedWhileAwaitingConfirmation } from './auth.guard';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { AccountEntity } from './identity.entities';
import { AcceptStaffInvitationInput } from './identity.inputs';
import { Account, AuthPayload } from './identity.models';
import type { IssuedTokens } from './sessions';
import { clearRefreshCookie, isWebClient, readRefreshCookie, setRefreshCookie } from './web-refresh-cookie';

/**
 * The web client (header X-Roundtable-Client: web) gets its refresh token only as an
 * HttpOnly cookie, so no page script can read or leak it; other clients get the field.
 */
function answerFor(context: GraphQLRequestContext, issued: IssuedTokens): AuthPayload {
  if (!isWebClient(context.req) || issued.refreshToken === null) return issued;
  setRefreshCookie(context.req, context.res, issued.refreshToken, issued.refreshTokenExpiresAt ?? new Date());
  return { ...issued, refreshToken: null };
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Permission('session.signIn')
  @Mutation(() => AuthPayload, {
    description:
      'Sign in with an email or username and a password. Wrong details, unknown accounts and deactivated accounts all answer UNAUTHENTICATED with the same message; repeated failures answer RATE_LIMITED.',
  })
  async login(
    @Args('identifier') identifier: string,
    @Args('password') password: string,
    @Context() context: GraphQLRequestContext,
    @Args('sharedDevice', {
      type: () => Boolean,
      defaultValue: false,
      description:
        '"This is a shared computer" (library, shelter, a worker\'s phone): no refresh token is issued, so the sign-in ends with the access token or the browser tab.',
    })
    sharedDevice: boolean,
  ): Promise<AuthPayload> {
    const issued = await this.auth.login(identifier, password, context.req.ip ?? 'unknown', {
      sharedDevice,
      userAgent: context.req.headers['user-agent'] ?? null,
    });
    return answerFor(context, issued);
  }

  @Public()
  @Permission('session.refresh')
  @Mutation(() => AuthPayload, {
    description:
      'Exchange a refresh token (once) for new tokens. Reusing one ends that sign-in on every device that shares it. The web client (header `X-Roundtable-Client: web`) sends no argument: the token comes from its `rt_refresh` cookie and the new one goes back there.',
  })
  async refresh(
    @Context() context: GraphQLRequestContext,
    @Args('refreshToken', { type: () => String, nullable: true }) refreshToken?: string | null,
  ): Promise<AuthPayload> {
    // The cookie is read only with the web client's header: a custom header cannot be sent
    // cross-site without a CORS preflight, on top of SameSite=Strict.
    const token = refreshToken ?? (isWebClient(context.req) ? readRefreshCookie(context.req) : undefined);
    if (!token) throw unauthenticated('This sign-in has ended; sign in again');
    try {
      return answerFor(context, await this.auth.refresh(token));
    } catch (error) {
      if (refreshToken === undefined || refreshToken === null) clearRefreshCookie(context.req, context.res);
      throw error;
    }
  }

  @Permission('session.endOwn')
  @AllowedWhileAwaitingConfirmation()
  @Mutation(() => Boolean, {
    description:
      'End this sign-in: its access and refresh tokens stop working at once (and the web cookie is cleared). The one operation an account still awaiting confirmation may use.',
  })
  async logout(@CurrentActor() actor: Actor, @Context() context: GraphQLRequestContext): Promise<boolean> {
    await this.auth.logout(actor);
    clearRefreshCookie(context.req, context.res);
    return true;
  }

  @Permission('session.endOwn')
  @Mutation(() => Boolean, { description: 'End every sign-in of this account, on every device.' })
  async logoutEverywhere(@CurrentActor() actor: Actor): Promise<boolean> {
    await this.auth.logoutEverywhere(actor);
    return true;
  }

  @Public()
  @Permission('signIn.acceptStaffInvitation')
  @Mutation(() => AuthPayload, {
    description:
      'A new staff member activates their account with an invitation code and chooses a password. Unknown, used, replaced and expired codes all answer the same BAD_USER_INPUT on input.code; repeated failures answer RATE_LIMITED, counted with failed sign-ins from the same address. An account that still waits for a supervisor (account.awaitingConfirmation) can only sign out until it is confirmed.',
  })
  async acceptStaffInvitation(
    @Args('input') input: AcceptStaffInvitationInput,
    @Context() context: GraphQLRequestContext,
  ): Promise<AuthPayload> {
    return answerFor(
      context,
      await this.auth.acceptStaffInvitation(input.code, input.password, context.req.ip ?? 'unknown'),
    );
  }

  @Permission('account.readOwn')
  @Query(() => Account, { description: 'The signed-in account.' })
  async me(@CurrentActor() actor: Actor): Promise<Account> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ id: actor.accountId });
    if (!account) throw notFound();
    return account;
  }
}
