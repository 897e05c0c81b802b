import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Observable } from 'rxjs';

/** What the running mutation was asked to do, for binding an idempotency key to it. */
interface RequestInput {
  inputHash: string;
}

const current = new AsyncLocalStorage<RequestInput>();

/** The hash of the running mutation's arguments (without the key itself), when it sent a key. */
export function currentInputHash(): string | undefined {
  return current.getStore()?.inputHash;
}

/** JSON with object keys sorted at every level, so equal inputs hash equally whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 of a mutation's arguments, leaving out `input.idempotencyKey`. */
export function hashMutationInput(args: Record<string, unknown>): string {
  const input = args.input as Record<string, unknown> | undefined;
  const withoutKey = input && typeof input === 'object' ? { ...input, idempotencyKey: undefined } : input;
  return createHash('sha256')
    .update(canonical({ ...args, input: withoutKey }))
    .digest('hex');
}

/**
 * For a GraphQL mutation that sends `input.idempotencyKey`: runs it with the hash of its
 * input in scope, so `createOnce` binds the key to exactly this request, as payment APIs
 * do (the same key with another input is refused, never answered with the first result).
 */
@Injectable()
export class IdempotencyInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const args = gql.getArgs<Record<string, unknown>>();
    const input = args.input as { idempotencyKey?: unknown } | undefined;
    if (info.operation.operation !== 'mutation' || info.path.prev !== undefined || !input?.idempotencyKey) {
      return next.handle();
    }
    const scope = { inputHash: hashMutationInput(args) };
    return new Observable((subscriber) => current.run(scope, () => next.handle().subscribe(subscriber)));
  }
}
