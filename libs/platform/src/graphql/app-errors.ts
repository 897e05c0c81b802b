import { GraphQLError } from 'graphql';
import { ErrorCode, NOT_FOUND_MESSAGE } from '@roundtable/contracts';

/** Input that fails validation; `field` is the argument path, e.g. `input.text`. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

export function unauthenticated(message = 'Sign in to continue'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message = 'Not allowed'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** Unknown ids and hidden items answer with exactly this error. */
export function notFound(): GraphQLError {
  return new GraphQLError(NOT_FOUND_MESSAGE, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/** A stale `expectedVersion`: the client re-reads at `currentVersion` and tries again. */
export function conflict(currentVersion: number): GraphQLError {
  return new GraphQLError('This was changed by someone else; reload and try again', {
    extensions: { code: ErrorCode.CONFLICT, currentVersion },
  });
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError('Too many attempts; try again shortly', {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds },
  });
}
