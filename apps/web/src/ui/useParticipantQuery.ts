import { useRef } from 'react';
import { useQuery, type CombinedError, type RequestPolicy, type TypedDocumentNode } from 'urql';

/**
 * What a screen last read about one participant, kept while a fresh read fails for want of a
 * network (offline in a stairwell, a dropped connection): a reload that did not get through
 * (a plan event, a reconnect) never blanks the screen. Kept only for the same participant
 * (`key`), and dropped as soon as the API itself answers with an error, such as a refusal
 * after a revoke (PRODUCT.md rule 10).
 */
function useKeptThroughNetworkErrors<Data>(
  data: Data | undefined,
  error: CombinedError | undefined,
  key: string,
): Data | undefined {
  const kept = useRef<{ key: string; data: Data } | undefined>(undefined);
  if (data !== undefined) kept.current = { key, data };
  else if (error && (!error.networkError || error.graphQLErrors.length > 0)) kept.current = undefined;
  if (data !== undefined) return data;
  return kept.current?.key === key ? kept.current.data : undefined;
}

/**
 * A query about one participant: by default shown from the cache at once, then brought up to
 * date from the API; what it showed stays through a reload that does not get through.
 */
export function useParticipantQuery<Data>(
  query: TypedDocumentNode<Data, { participantId: string }>,
  participantId: string,
  requestPolicy: RequestPolicy = 'cache-and-network',
) {
  const [state, refetch] = useQuery({ query, variables: { participantId }, requestPolicy });
  const data = useKeptThroughNetworkErrors(state.data, state.error, participantId);
  return [{ ...state, data }, refetch] as const;
}
