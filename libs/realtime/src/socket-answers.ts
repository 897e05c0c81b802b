import type { Logger } from '@nestjs/common';
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
 * server fault at error, and its answer says nothing of what went wrong inside.
 */
export function answer(
  logger: Logger,
  ack: unknown,
  permission: PermissionName,
  handler: () => Promise<unknown>,
): void {
  const reply = typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => undefined;
  handler().then(
    (answer) => {
      const error = (answer as { ok?: boolean; error?: RealtimeError } | undefined)?.error;
      if (error && CLIENT_ERROR_CODES.has(error.code))
        logger.log({ code: error.code, permission }, 'Realtime request refused');
      reply(answer);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'Realtime handler failed');
      reply(fail('INTERNAL_SERVER_ERROR', 'Something went wrong'));
    },
  );
}
