import type { GraphQLTestClient } from '@roundtable/testing';

/** Words from the demo's substance-use content (libs/server/src/demo): none may reach a viewer without access. */
export const SUBSTANCE_USE_TEXT =
  /Never use alone|naloxone|Naloxone|fentanyl|AUDIT|Overdose|Substance use|Uso de sustancias/;

export const LOG_QUERY =
  'query L($id: ID!) { accessLog(participantId: $id, first: 100) { edges { node { actor { displayName } action kind labels } } } }';

export interface LogEntry {
  actor: { displayName: string } | null;
  action: string;
  kind: string;
  labels: string[];
}

/** The participant's access log ("who looked at my plan"), read with `token`. */
export async function accessLog(gql: GraphQLTestClient, participantId: string, token: string): Promise<LogEntry[]> {
  const log = await gql.data<{ accessLog: { edges: { node: LogEntry }[] } }>(
    LOG_QUERY,
    { id: participantId },
    { token },
  );
  return log.accessLog.edges.map((edge) => edge.node);
}
