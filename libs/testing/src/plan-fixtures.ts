import type { GraphQLTestClient } from './graphql-client';

export const GOAL_FIELDS = `id text domain label lifecycle declined rank stage version awaitingConfirmation expressedByKind
  expressedBy { displayName isParticipant } writtenWith { displayName }
  staffStages { stage ratedBy { displayName } } languageHints { term suggestion }`;

export interface GoalView {
  id: string;
  text: string;
  label: string;
  lifecycle: string;
  declined: boolean;
  rank: number | null;
  stage: string | null;
  version: number;
  awaitingConfirmation: boolean;
  expressedByKind: string;
  expressedBy: { displayName: string; isParticipant: boolean };
  writtenWith: { displayName: string } | null;
  staffStages: { stage: string; ratedBy: { displayName: string } }[];
  languageHints: { term: string; suggestion: string }[];
}

export const EXPRESS_GOAL = `mutation E($input: ExpressGoalInput!) { expressGoal(input: $input) { ${GOAL_FIELDS} } }`;
export const PROPOSE_GOAL = `mutation P($input: ProposeGoalInput!) { proposeGoal(input: $input) { ${GOAL_FIELDS} } }`;

/** A goal the participant expresses through the API. */
export async function expressGoal(
  gql: GraphQLTestClient,
  token: string,
  input: Record<string, unknown>,
): Promise<GoalView> {
  const data = await gql.data<{ expressGoal: GoalView }>(EXPRESS_GOAL, { input }, { token });
  return data.expressGoal;
}

export interface TimelineNode {
  id: string;
  type: string;
  label: string;
  sequence: number;
  itemId: string | null;
  summary: string;
}

const TIMELINE_PAGE = `query T($id: ID!, $first: Int!, $after: String) {
  timeline(participantId: $id, first: $first, after: $after) {
    edges { cursor node { id type label sequence itemId summary } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface TimelinePage {
  timeline: {
    edges: { cursor: string; node: TimelineNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Every timeline event the token's owner may see, newest first, following the cursors. */
export async function allTimelineEvents(
  gql: GraphQLTestClient,
  token: string,
  participantId: string,
  pageSize = 100,
): Promise<TimelineNode[]> {
  const events: TimelineNode[] = [];
  let after: string | null = null;
  for (;;) {
    const page: TimelinePage = await gql.data<TimelinePage>(
      TIMELINE_PAGE,
      { id: participantId, first: pageSize, after },
      { token },
    );
    events.push(...page.timeline.edges.map((edge) => edge.node));
    if (!page.timeline.pageInfo.hasNextPage) return events;
    after = page.timeline.pageInfo.endCursor;
  }
}
