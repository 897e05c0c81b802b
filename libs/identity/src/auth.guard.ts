import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@roundtable/contracts';
import { IS_PUBLIC, unauthenticated } from '@roundtable/platform';
import type { Actor } from './actor';
import { markRequestActor } from './request-actor';
import {
  Authenticator,
  AWAITING_CONFIRMATION,
  bearerToken,
  isAwaitingConfirmation,
  type AwaitingConfirmation,
} from './authenticator';

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
const lookups = new WeakMap<AuthenticatedRequest, Promise<Actor | AwaitingConfirmation | null>>();

const ALLOWED_WHILE_AWAITING = 'roundtable:allowedWhileAwaitingConfirmation';

/**
 * The one thing an account awaiting confirmation may do: end its own sign-in. Accepting an
 * invitation signs the person in before a supervisor has confirmed them (rule 1), and they
 * must be able to sign out again, on a shared computer above all, without waiting for anyone.
 */
export const AllowedWhileAwaitingConfirmation = (): MethodDecorator => SetMetadata(ALLOWED_WHILE_AWAITING, true);

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
    // Looked at again for every field (the look-up itself runs once per request): an
    // unconfirmed account allowed one field must not carry that actor into the next.
    if (request.actor === undefined || lookups.has(request)) {
      let lookup = lookups.get(request);
      if (!lookup) {
        lookup = this.authenticator
          .resolve(bearerToken(request.headers.authorization), { forOneRequest: true })
          .then((resolved) => {
            // A new Actor per request: its access may be read once and shared by its fields.
            if (resolved) markRequestActor(isAwaitingConfirmation(resolved) ? resolved.awaitingConfirmation : resolved);
            return resolved ?? null;
          });
        lookups.set(request, lookup);
      }
      const resolved = await lookup;
      if (resolved && isAwaitingConfirmation(resolved)) {
        // Every operation, public ones included, refuses an unconfirmed account's token,
        // except ending its own sign-in.
        const allowed = this.reflector.getAllAndOverride<boolean>(ALLOWED_WHILE_AWAITING, [
          context.getHandler(),
          context.getClass(),
        ]);
        if (!allowed) throw awaitingConfirmation();
        request.actor = resolved.awaitingConfirmation;
      } else request.actor = resolved;
    }
    if (isPublic || request.actor) return true;
    throw unauthenticated();
  }
}
