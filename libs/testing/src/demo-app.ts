import type { GraphQLTestClient } from './graphql-client';
import { signInDemo, type SignedIn } from './sign-in';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

/** Demo people signed in by key ('sam', 'cm', 'housing', …) and Sam's participant id. */
export interface DemoPeople {
  as: Record<string, SignedIn>;
  participantId: string;
}

/**
 * Signs in the named demo people (Sam among them) through the real login mutation; into the
 * spec's own record of sessions when given (replacing theirs and keeping any others it holds).
 */
export async function signInDemoPeople(
  gql: GraphQLTestClient,
  keys: readonly string[],
  into: Record<string, SignedIn> = {},
): Promise<DemoPeople> {
  const as = Object.assign(into, await signInDemo(gql, keys));
  const { participantId } = as.sam.account;
  if (!participantId) throw new Error("the demo's Sam signed in without a participant id");
  return { as, participantId };
}

/** The real API over a fresh database with the demo program, and the named demo people signed in. */
export async function startDemoApp(
  keys: readonly string[],
  options: Omit<TestAppOptions, 'seedDemo'> = {},
): Promise<DemoPeople & { t: TestApp }> {
  const t = await startTestApp({ ...options, seedDemo: true });
  return { t, ...(await signInDemoPeople(t.gql, keys)) };
}
