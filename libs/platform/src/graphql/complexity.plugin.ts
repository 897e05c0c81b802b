import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@roundtable/contracts';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * Refuses an operation whose estimated cost exceeds `maximum` before anything resolves.
 * A plugin rather than a validation rule because the estimate needs the variables
 * (`first: 500` costs more than `first: 5`).
 */
export function complexityLimitPlugin(maximum: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not coerce: execution refuses them next, as BAD_USER_INPUT,
            // before any resolver runs.
            return;
          }
          if (complexity > maximum) {
            throw new GraphQLError(`Query is too complex: ${complexity} exceeds the limit of ${maximum}`, {
              // A client's request over a limit: HTTP 400 with its own code, never a 500.
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: maximum, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
