import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from './metrics';

/** Counts every GraphQL operation and times it, by operation name and type. */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.recordOperation(
            operationName ?? undefined,
            operation?.operation ?? 'invalid',
            seconds,
            !!errors?.length,
          );
        },
      };
    },
  };
}
