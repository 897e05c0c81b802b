import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { Observable, type Subscriber } from 'rxjs';
import { ErrorCode, type SensitivityLabel } from '@roundtable/contracts';
import type { AuthenticatedRequest } from '@roundtable/identity';
import { isUuid, type BeforeAnswer } from '@roundtable/platform';
import { AuditTrail, type AuditEntry, type AuditScope } from './audit-trail';

const DENIALS = new Set<string>([ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN]);

/** An id argument worth keeping with a denied attempt on no known participant. */
function itemIdOf(args: Record<string, unknown>): string | null {
  const input = (args.input ?? {}) as Record<string, unknown>;
  const candidate = [
    args.id,
    args.participantId,
    ...Object.entries(input)
      .filter(([key]) => key.endsWith('Id'))
      .map(([, value]) => value),
  ].find(isUuid);
  return candidate ?? null;
}

/**
 * Audits every root GraphQL operation that reaches a participant: who, what, which labels,
 * and whether it was allowed. Denied attempts are kept too. An operation's rows are written in
 * one statement after all its root fields, before its answer leaves (platform's BeforeAnswer).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditTrail) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const operation = info.parentType.name;
    if (operation !== 'Query' && operation !== 'Mutation') return next.handle();

    const { req, beforeAnswer } = gql.getContext<{ req: AuthenticatedRequest; beforeAnswer?: BeforeAnswer }>();
    const actor = req.actor?.accountId ?? null;
    const scope: AuditScope = {
      touched: new Map(),
      change: operation === 'Mutation' ? { actor, action: info.fieldName } : undefined,
    };
    const finish = async (error?: unknown) => {
      const code = error instanceof GraphQLError ? String(error.extensions?.code ?? '') : '';
      const denied = DENIALS.has(code);
      if (error && !denied) return;
      const kind = denied ? 'DENIED' : operation === 'Mutation' ? 'CHANGE' : 'READ';
      const entries: AuditEntry[] = [...scope.touched].map(([participantId, labels]) => ({
        participantId,
        actor,
        action: info.fieldName,
        kind,
        labels: [...labels] as SensitivityLabel[],
      }));
      if (denied && entries.length === 0) {
        entries.push({ participantId: null, actor, action: info.fieldName, kind, itemId: itemIdOf(gql.getArgs()) });
      }
      // Written with the operation's other fields' rows, before the answer is sent; what the
      // field's own write already stored with its change (AuditTrail.withChange) is not repeated.
      await this.audit.recordBeforeAnswer(beforeAnswer, this.audit.stillToWrite(scope, entries));
    };

    return new Observable((subscriber: Subscriber<unknown>) => {
      let emitted = false;
      this.audit.runInScope(scope, () => {
        next.handle().subscribe({
          complete: () => {
            if (!emitted) subscriber.complete();
          },
          next: (value) => {
            emitted = true;
            finish().then(
              () => {
                subscriber.next(value);
                subscriber.complete();
              },
              (error: unknown) => subscriber.error(error),
            );
          },
          error: (error: unknown) => {
            finish(error).then(
              () => subscriber.error(error),
              () => subscriber.error(error),
            );
          },
        });
      });
    });
  }
}
