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

/** The HTTP status Apollo attached to one of its own request errors, if any. */
function httpStatusOf(error: GraphQLError): number | undefined {
  const http = error.extensions?.http as { status?: unknown } | undefined;
  return typeof http?.status === 'number' ? http.status : undefined;
}

/**
 * The argument path a variable-coercion error is about (an unknown enum value, a string for
 * a number, a missing or unknown input field), in the `field` form our own validation uses
 * (`input.answer`, `input.ids.1`), so every BAD_USER_INPUT names its field. graphql-js says
 * it in the message: `Variable "$input" got invalid value "X" at "input.answer"; …`.
 */
export function coercionField(message: string): string | undefined {
  const variable = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" got invalid value /.exec(message);
  if (!variable) return undefined;
  const at = / at "([A-Za-z0-9_.[\]]+)"; /.exec(message);
  const base = (at ? at[1] : variable[1]).replace(/\[(\d+)\]/g, '.$1');
  const inner =
    /; Field "([A-Za-z_][A-Za-z0-9_]*)" (?:of required type .* was not provided|is not defined by type )/.exec(message);
  return inner ? `${base}.${inner[1]}` : base;
}

interface ClientAnswer {
  message: string;
  extensions: Record<string, unknown>;
}

/** The answer for an error the client caused, or null for a server fault. */
function clientAnswer(formatted: GraphQLFormattedError, original: unknown): ClientAnswer | null {
  if (original instanceof HttpException) {
    const code = STATUS_TO_CODE[original.getStatus()];
    return code ? { message: original.message, extensions: { code } } : null;
  }
  if (!(original instanceof GraphQLError)) return null;
  // Our own errors keep their code even when Apollo wraps them (a limit raised during
  // validation arrives as GRAPHQL_VALIDATION_FAILED around the rule's own error).
  const own = original.extensions?.code;
  if (typeof own === 'string' && own !== ErrorCode.INTERNAL_SERVER_ERROR && PUBLIC_CODES.has(own)) {
    return { message: original.message, extensions: publicExtensions(original.extensions) };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && PUBLIC_CODES.has(code)) {
    const extensions = publicExtensions(formatted.extensions);
    if (code === ErrorCode.BAD_USER_INPUT && extensions.field === undefined) {
      const field = coercionField(formatted.message);
      if (field) extensions.field = field;
    }
    return { message: formatted.message, extensions };
  }
  // Apollo's own request errors (e.g. a persisted query whose hash does not match its text)
  // carry a 4xx status but no code: the client's mistake, said plainly.
  const status = httpStatusOf(original);
  if (status !== undefined && status >= 400 && status < 500) {
    return { message: original.message, extensions: { code: 'BAD_REQUEST' } };
  }
  return null;
}

/** Refusals that may be someone probing (sign-in, access) are warnings; other client mistakes are info. */
const WARN_CODES = new Set<string>([ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.RATE_LIMITED]);

/**
 * Client errors are expected traffic, not incidents: logged at info or warn with their code
 * and path only (never the message or variables, which can hold plan content). Only server
 * faults are logged at error (issue 13: NOT_FOUND, CONFLICT, a wrong password were errors).
 */
function logClientError(logger: LoggerService, code: unknown, path: GraphQLFormattedError['path']): void {
  const entry = { code, path };
  if (typeof code === 'string' && WARN_CODES.has(code)) logger.warn(entry, 'GraphQL request refused');
  else logger.log(entry, 'GraphQL request refused');
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

    const answer = clientAnswer(formatted, original);
    if (answer) {
      logClientError(logger, answer.extensions.code, formatted.path);
      return { ...base, ...answer };
    }

    logger.error(
      { err: original instanceof Error ? original : new Error(String(original)), path: formatted.path },
      'Unhandled error in GraphQL operation',
    );
    return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
