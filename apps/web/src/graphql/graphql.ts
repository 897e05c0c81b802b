import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed GraphQL documents: result and variable types come from schema/schema.graphql
 * (regenerate graphql-env.d.ts with `npm run web:graphql-types` after the schema changes).
 */
export const graphql = initGraphQLTada<{
  // Fragments are for sharing selections, not for hiding fields from components.
  disableMasking: true;
  introspection: introspection;
  scalars: { DateTime: string; ID: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
