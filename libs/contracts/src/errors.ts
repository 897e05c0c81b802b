/**
 * `extensions.code` of every GraphQL error Roundtable returns on purpose. Anything else a
 * client sees is INTERNAL_SERVER_ERROR with a generic message, or one of graphql-js/Apollo's
 * own request codes (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST).
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Request limits (docs/errors-and-limits.md): each answers HTTP 400 with its own code. */
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** The one message for "no such thing, or not yours to see": the two must be indistinguishable. */
export const NOT_FOUND_MESSAGE = 'Not found';
