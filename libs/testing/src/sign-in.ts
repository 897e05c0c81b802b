import type { GraphQLTestClient } from './graphql-client';
import { DEMO_PASSWORD } from './test-app';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  account: { id: string; participantId: string | null; displayName: string };
}

export const LOGIN = `mutation Login($identifier: String!, $password: String!) {
  login(identifier: $identifier, password: $password) {
    accessToken refreshToken account { id participantId displayName }
  }
}`;

/** Signs in through the real login mutation. */
export async function signIn(
  gql: GraphQLTestClient,
  identifier: string,
  password = DEMO_PASSWORD,
  headers?: Record<string, string>,
): Promise<SignedIn> {
  const data = await gql.data<{ login: SignedIn }>(LOGIN, { identifier, password }, { headers });
  return data.login;
}
