import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException, HttpStatus, type LoggerService } from '@nestjs/common';
import { ErrorCode } from '@roundtable/contracts';

/** Codes whose message was written for the client and is safe to pass through. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Extension keys a client may see; anything else (stacktrace, exception, SQL) is dropped. */
// 'reason' names why a signed-in account may not act (ACCOUNT_AWAITING_CONFIRMATION, rule 1).
const PUBLIC_EXTENSIONS = ['code', 'field', 'currentVersion', 'retryAfterSeconds', 'limit', 'reason'] as const;

const STATUS_TO_CODE: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

/** graphql-js wraps what a resolver throws; the innermost error says what really happened. */
function innermost(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

function publicExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of PUBLIC_EXTENSIONS) {
    if (extensions?.[key] !== undefined) kept[key] = extensions[key];
  }
  return kept;
}

/**
 * Apollo's formatError: the last gate before a response leaves. Every error gets a code;
 * only messages written for clients pass; everything unexpected is logged with its stack
 * and answered with a generic message.
 */
export function createFormatError(logger: LoggerService) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = innermost(unwrapResolverError(error));
    const base = { locations: formatted.locations, path: formatted.path };

    if (original instanceof HttpException) {
      const code = STATUS_TO_CODE[original.getStatus()];
      if (code) return { ...base, message: original.message, extensions: { code } };
    }

    const code = formatted.extensions?.code;
    const writtenForClient =
      original instanceof GraphQLError && typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
    if (writtenForClient && PUBLIC_CODES.has(code)) {
      return { ...base, message: formatted.message, extensions: publicExtensions(formatted.extensions) };
    }

    logger.error(
      { err: original instanceof Error ? original : new Error(String(original)), path: formatted.path },
      'Unhandled error in GraphQL operation',
    );
    return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
