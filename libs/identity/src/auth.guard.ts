import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@roundtable/contracts';
import { IS_PUBLIC, unauthenticated } from '@roundtable/platform';
import type { Actor } from './actor';
import { Authenticator, AWAITING_CONFIRMATION, bearerToken } from './authenticator';

export interface AuthenticatedRequest extends Request {
  /** undefined: not yet looked at; null: looked at, nobody signed in. */
  actor?: Actor | null;
}

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/**
 * The look-up in flight per request: root fields of one operation run concurrently, and
 * without this each would authenticate (one SQL statement each) before any had finished.
 */
const lookups = new WeakMap<AuthenticatedRequest, Promise<Actor | typeof AWAITING_CONFIRMATION | null>>();

/** Rule 1: an invited staff member cannot act until a supervisor other than the inviter confirms them. */
export function awaitingConfirmation(): GraphQLError {
  return new GraphQLError('This account is waiting for a program supervisor to confirm it', {
    extensions: { code: ErrorCode.FORBIDDEN, reason: AWAITING_CONFIRMATION },
  });
}

/**
 * Global guard: every resolver and route needs a signed-in, active account unless it is
 * marked @Public(). The actor is resolved once per HTTP request and shared by its fields.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const request = requestOf(context);
    if (request.actor === undefined) {
      let lookup = lookups.get(request);
      if (!lookup) {
        lookup = this.authenticator.resolve(bearerToken(request.headers.authorization)).then((actor) => actor ?? null);
        lookups.set(request, lookup);
      }
      const resolved = await lookup;
      // Every operation, public ones included, refuses an unconfirmed account's token.
      if (resolved === AWAITING_CONFIRMATION) throw awaitingConfirmation();
      request.actor = resolved;
    }
    if (isPublic || request.actor) return true;
    throw unauthenticated();
  }
}
