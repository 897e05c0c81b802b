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
