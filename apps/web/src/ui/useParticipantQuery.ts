import { useQuery, type TypedDocumentNode } from 'urql';

/** A query about one participant: shown from the cache at once, then brought up to date from the API. */
export function useParticipantQuery<Data>(
  query: TypedDocumentNode<Data, { participantId: string }>,
  participantId: string,
) {
  return useQuery({ query, variables: { participantId }, requestPolicy: 'cache-and-network' });
}
