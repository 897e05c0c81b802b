import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, isObjectType, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '@roundtable/contracts';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Estimates per document, keyed by operation name and the variables that can change them. */
const estimates = new WeakMap<DocumentNode, Map<string, number>>();
/** An operation sends at most a few @skip/@include combinations; more is someone probing. */
const ESTIMATES_PER_DOCUMENT = 32;

/**
 * Whether any field prices itself from its arguments (`@Field({ complexity })`). Without one,
 * an operation's estimate depends only on its document, its name and the variables of its
 * @skip/@include directives, so it can be kept for the next request with the same document.
 */
const argumentPricedSchemas = new WeakMap<GraphQLSchema, boolean>();
function pricesArguments(schema: GraphQLSchema): boolean {
  let priced = argumentPricedSchemas.get(schema);
  if (priced === undefined) {
    priced = Object.values(schema.getTypeMap()).some(
      (type) =>
        isObjectType(type) &&
        Object.values(type.getFields()).some((field) => field.extensions?.complexity !== undefined),
    );
    argumentPricedSchemas.set(schema, priced);
  }
  return priced;
}

/** The variables a document's directives read (`@include(if: $withSeries)`), sorted. */
const directiveVariableNames = new WeakMap<DocumentNode, string[]>();
function directiveVariables(document: DocumentNode): string[] {
  let names = directiveVariableNames.get(document);
  if (!names) {
    const found = new Set<string>();
    visit(document, {
      Directive(directive) {
        visit(directive, { Variable: (variable) => void found.add(variable.name.value) });
      },
    });
    names = [...found].sort();
    directiveVariableNames.set(document, names);
  }
  return names;
}

function estimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number {
  const compute = () =>
    getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  if (pricesArguments(schema)) return compute();
  // Issue 18: estimating walked the whole document at every request, 8 % of the API's CPU on
  // the plan screen; the same document with the same directive variables costs the same.
  const key = JSON.stringify([operationName ?? null, ...directiveVariables(document).map((name) => variables[name])]);
  let known = estimates.get(document);
  const kept = known?.get(key);
  if (kept !== undefined) return kept;
  const complexity = compute();
  if (!known) estimates.set(document, (known = new Map()));
  if (known.size < ESTIMATES_PER_DOCUMENT) known.set(key, complexity);
  return complexity;
}

/**
 * Refuses an operation whose estimated cost exceeds `maximum` before anything resolves.
 * A plugin rather than a validation rule because the estimate needs the variables
 * (`@include(if: $all)`, and `first: 500` would cost more than `first: 5` on a field priced by its arguments).
 */
export function complexityLimitPlugin(maximum: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let complexity: number;
          try {
            complexity = estimate(schema, document, request.operationName ?? undefined, request.variables ?? {});
          } catch {
            // Variables that do not coerce: execution refuses them next, as BAD_USER_INPUT,
            // before any resolver runs.
            return;
          }
          if (complexity > maximum) {
            throw new GraphQLError(`Query is too complex: ${complexity} exceeds the limit of ${maximum}`, {
              // A client's request over a limit: HTTP 400 with its own code, never a 500.
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: maximum, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
