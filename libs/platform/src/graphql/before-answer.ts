import type { ApolloServerPlugin } from '@apollo/server';
import type { LoggerService } from '@nestjs/common';
import { ErrorCode } from '@roundtable/contracts';

/**
 * Work an operation's fields leave to be done once, after all of them have run and before its
 * answer is sent: the audit rows of every root field go out in one statement (issue 18: one
 * audit write per request), and the answer still never leaves before they are written (the
 * audit trail is a legal record, PRODUCT.md rule 12). One per GraphQL operation, in its context.
 */
export class BeforeAnswer {
  private readonly work: (() => Promise<void>)[] = [];

  add(task: () => Promise<void>): void {
    this.work.push(task);
  }

  /** Runs everything left, every task even when one fails; rejects with the first failure. */
  async run(): Promise<void> {
    const results = await Promise.allSettled(this.work.splice(0).map((task) => task()));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/**
 * Runs each operation's BeforeAnswer once its fields are done. If that work fails, the answer
 * is withheld: the client gets a generic server error (HTTP 500) instead of data whose audit
 * row was never written, and the fault is logged at error.
 */
export function beforeAnswerPlugin(logger: LoggerService): ApolloServerPlugin<{ beforeAnswer?: BeforeAnswer }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.beforeAnswer?.run();
          } catch (error) {
            logger.error(
              { err: error instanceof Error ? error : new Error(String(error)) },
              'Work due before a GraphQL answer failed: the answer is withheld',
            );
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
              },
            };
            response.http.status = 500;
          }
        },
      };
    },
  };
}
