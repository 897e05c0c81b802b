import type { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { PermissionName, RealtimeError } from '@roundtable/contracts';

/** The acknowledgement of a refused or failed client event. */
export type Refusal = { ok: false; error: RealtimeError };

export const fail = (code: RealtimeError['code'], message: string): Refusal => ({
  ok: false,
  error: { code, message },
});

/** Client mistakes (answered with an error ack) are logged at info; only server faults at error. */
const CLIENT_ERROR_CODES = new Set<RealtimeError['code']>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

/**
 * How every client event is answered (ARCHITECTURE.md "Socket events with a bad shape are
 * answered with an error ack and never crash the process"): whatever the client sent, it
 * gets an answer and the server carries on. A client's mistake is logged at info, naming the
 * permission it was refused under (so a log search finds every refusal of one action), a
 * server fault at error, and its answer says nothing of what went wrong inside. A refusal
 * `authorize` throws (NOT_FOUND, FORBIDDEN, UNAUTHENTICATED) is answered like one the handler
 * returns, with the same code and message GraphQL would give.
 */
export function answer(
  logger: Logger,
  ack: unknown,
  permission: PermissionName,
  handler: () => Promise<unknown>,
): void {
  const reply = typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => undefined;
  handler().then(
    (answer: unknown) => {
      const error = (answer as { ok?: boolean; error?: RealtimeError } | undefined)?.error;
      if (error && CLIENT_ERROR_CODES.has(error.code))
        logger.log({ code: error.code, permission }, 'Realtime request refused');
      reply(answer);
    },
    (error: unknown) => {
      const refused = refusalOf(error);
      if (refused) {
        logger.log({ code: refused.error.code, permission }, 'Realtime request refused');
        return reply(refused);
      }
      logger.error({ err: error }, 'Realtime handler failed');
      reply(fail('INTERNAL_SERVER_ERROR', 'Something went wrong'));
    },
  );
}

/** What a rule refuses with (libs/access/src/policies): answered as the same refusal, never as a fault. */
const RULE_REFUSALS: readonly RealtimeError['code'][] = ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'];

/** A refusal thrown by a rule (an app error from libs/platform), as its error ack; undefined for anything else. */
function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const code = RULE_REFUSALS.find((refusal) => refusal === error.extensions?.code);
  return code ? fail(code, error.message) : undefined;
}
