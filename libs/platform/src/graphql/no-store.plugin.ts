import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every GraphQL answer may hold someone's plan: no browser, proxy or shared device keeps a copy
 * (Cache-Control: no-store), said here rather than left to Apollo's cache-control plugin,
 * which is off (it wrapped every field resolver to compute a policy that is always this).
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
