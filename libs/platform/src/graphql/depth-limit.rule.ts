import {
  getIntrospectionQuery,
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ErrorCode } from '@roundtable/contracts';

/** Fields whose whole subtree is introspection: they read the schema, never data. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type', '__typename']);

/**
 * The depth of the standard introspection query (graphql-js's getIntrospectionQuery with
 * every option on), which GraphiQL, Apollo Sandbox and graphql-codegen send. Its TypeRef
 * fragment nests `ofType` deeply to unwrap list and non-null wrappers.
 */
export const INTROSPECTION_QUERY_DEPTH = deepestOperation(
  parse(
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    }),
  ),
);

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function deepestOperation(document: DocumentNode): number {
  const depthOf = depthCounter(fragmentsOf(document), Number.POSITIVE_INFINITY);
  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION)
      deepest = Math.max(deepest, depthOf(definition.selectionSet, new Set()));
  }
  return deepest;
}

/** Whether every root field of the operation (through fragments) is an introspection field. */
function isIntrospectionOnly(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string> = new Set(),
): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return INTROSPECTION_ROOTS.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return isIntrospectionOnly(selection.selectionSet, fragments, visiting);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || visiting.has(selection.name.value)) return true;
    return isIntrospectionOnly(fragment.selectionSet, fragments, new Set(visiting).add(selection.name.value));
  });
}

/**
 * Refuses operations nested deeper than `maxDepth` fields (fragments are followed, cycles
 * are graphql-js's own NoFragmentCycles rule's concern). An operation that only
 * introspects (`__schema`, `__type`, `__typename` at its root) reads the schema, which is
 * public documentation, not data: it gets the allowance the standard introspection query
 * needs (INTROSPECTION_QUERY_DEPTH) and no more. It still counts against the complexity
 * limit like any other operation.
 */
export function depthLimitRule(maxDepth: number) {
  const introspectionDepth = Math.max(maxDepth, INTROSPECTION_QUERY_DEPTH);
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());

    return {
      OperationDefinition(operation) {
        const limit = isIntrospectionOnly(operation.selectionSet, fragments) ? introspectionDepth : maxDepth;
        const depth = depthCounter(fragments, limit)(operation.selectionSet, new Set());
        if (depth > limit) {
          context.reportError(
            new GraphQLError(`Query is nested too deeply: the limit is ${limit} levels`, {
              nodes: [operation],
              extensions: { code: ErrorCode.QUERY_TOO_DEEP, limit },
            }),
          );
        }
      },
    };
  };
}

/** Depth of a selection set, following fragments; stops counting once past `maxDepth`. */
function depthCounter(fragments: Map<string, FragmentDefinitionNode>, maxDepth: number) {
  const depthOf = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, visiting) : 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set(visiting).add(name)));
      }
      if (deepest > maxDepth) return deepest;
    }
    return deepest;
  };

  return depthOf;
}
