import { Client, cacheExchange, fetchExchange } from 'urql';
import { getSession, WEB_CLIENT_HEADERS } from '../auth/session';

/**
 * One GraphQL client. The document cache refetches queries whose types a mutation touched;
 * live plan events refetch what changed (see live/plan-room.ts).
 */
export function createGraphqlClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: () => {
      const session = getSession();
      return {
        credentials: 'same-origin',
        headers: {
          ...WEB_CLIENT_HEADERS,
          ...(session ? { Authorization: `Bearer ${session.accessToken}` } : {}),
        },
      };
    },
  });
}

/** Used for signing in and out; each sign-in gets a fresh client (no cache shared between people). */
export const graphqlClient = createGraphqlClient();
