import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ErrorCode } from '@roundtable/contracts';

/**
 * Refuses an operation type the schema does not offer (`subscription { x }` when there is
 * no Subscription root): graphql-js's own validation lets it through and execution then
 * fails as a server error. A validation error is the client's mistake: HTTP 400.
 */
export function knownOperationTypeRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      if (context.getSchema().getRootType(operation.operation)) return;
      context.reportError(
        new GraphQLError(`This API has no ${operation.operation} operations`, {
          nodes: [operation],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      );
    },
  };
}

/**
 * Refuses an operation with more than `maximum` aliased fields: aliases multiply work
 * without making a query deeper (`a1: plan … a500: plan`), so they have their own limit.
 */
export function aliasLimitRule(maximum: number) {
  return (context: ValidationContext): ASTVisitor => {
    const countAliases = (selectionSet: SelectionSetNode | undefined): number => {
      let count = 0;
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) count += (selection.alias ? 1 : 0) + countAliases(selection.selectionSet);
        else if (selection.kind === Kind.INLINE_FRAGMENT) count += countAliases(selection.selectionSet);
      }
      return count;
    };
    let total = 0;
    let reported = false;
    const count = (selectionSet: SelectionSetNode) => {
      total += countAliases(selectionSet);
      if (total > maximum && !reported) {
        reported = true;
        context.reportError(
          new GraphQLError(`Query uses too many aliases: the limit is ${maximum}`, {
            extensions: { code: ErrorCode.TOO_MANY_ALIASES, limit: maximum },
          }),
        );
      }
    };
    // Operations and fragments are each counted once, so a fragment spread many times is not
    // under-counted by more than its own aliases; depth and complexity limits bound the rest.
    return {
      OperationDefinition: (operation) => count(operation.selectionSet),
      FragmentDefinition: (fragment) => count(fragment.selectionSet),
    };
  };
}
