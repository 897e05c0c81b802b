import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import type { DataSource, EntityManager } from 'typeorm';
import { badUserInput } from '../graphql/app-errors';
import type { SqlPart } from '../database/one-statement.repository';
import { IdempotencyRepository, type SeenKey } from './idempotency.repository';
import { currentInputHash } from './request-input';

/** Every create mutation's input: an optional key that makes a retry safe. */
@InputType({ isAbstract: true })
export abstract class CreateInput {
  @Field({
    nullable: true,
    description:
      'Optional, 8-100 characters, chosen by the client per create: sending the same key again returns the first result instead of creating a duplicate (a retry from a flaky connection).',
  })
  @IsOptional()
  @IsString()
  @Length(8, 100)
  idempotencyKey?: string;
}

/**
 * Every other mutation's input: the same optional key. A change is guarded by the version
 * it was made from, so it can never apply twice; the key makes a retry whose first answer
 * was lost (a phone going through a tunnel) answer with the current state instead of CONFLICT.
 */
@InputType({ isAbstract: true })
export abstract class ChangeInput {
  @Field({
    nullable: true,
    description:
      'Optional, 8-100 characters, chosen by the client per change: sending the same change again with the same key answers with the current state instead of changing anything twice (a retry from a flaky connection). The same key with different input answers BAD_USER_INPUT.',
  })
  @IsOptional()
  @IsString()
  @Length(8, 100)
  idempotencyKey?: string;
}

interface KeyedRequest {
  actor: string;
  key?: string;
  operation: string;
  inputHash?: string;
}

/** The first request's result for this key, after checking the key is not reused for something else. */
function replayOf(seen: SeenKey | undefined, request: KeyedRequest, inputHash: string | null): string | undefined {
  if (!seen) return undefined;
  if (seen.operation !== request.operation) {
    throw badUserInput('input.idempotencyKey', 'input.idempotencyKey: already used for another kind of change');
  }
  if (seen.input_hash !== null && inputHash !== null && seen.input_hash !== inputHash) {
    throw badUserInput(
      'input.idempotencyKey',
      'input.idempotencyKey: already used with different input; use a new key for a new request',
    );
  }
  return seen.result_id;
}

/** The key's first result (replayOf's checks first), or `run`'s, then recorded under the key. */
async function replayOrRecord(
  keys: IdempotencyRepository,
  key: string,
  request: KeyedRequest,
  inputHash: string | null,
  run: () => Promise<string>,
): Promise<string> {
  const replay = replayOf(await keys.seen(request.actor, key), request, inputHash);
  if (replay !== undefined) return replay;
  const id = await run();
  await keys.record(request.actor, key, request.operation, id, inputHash);
  return id;
}

/**
 * Runs a create once per (actor, key), inside the caller's transaction: a retry returns the
 * id the first request created. Concurrent retries queue on an advisory lock for that key.
 * The key is bound to its first request (operation and input hash, as payment APIs do): the
 * same key with another operation or another input is refused (BAD_USER_INPUT), never
 * answered with a result that was not for it.
 */
export async function createOnce(
  manager: EntityManager,
  request: { actor: string; key?: string; operation: string; inputHash?: string },
  create: () => Promise<string>,
): Promise<string> {
  if (!request.key) return create();
  const keys = new IdempotencyRepository(manager);
  await keys.lockKey(request.actor, request.key);
  return replayOrRecord(keys, request.key, request, request.inputHash ?? currentInputHash() ?? null, create);
}

/**
 * `createOnce` for a create written as one statement (PlanEventLog.writeOne, issue 18): the
 * gate to put last among the statement's gates (none without a key), so the key's row is
 * written with the create or not at all. The id is chosen before the statement. Two requests
 * with one key queue on the key's row as they did on the advisory lock: the second writes
 * nothing, and `replayOnce` answers it.
 */
export function onceGate(request: KeyedRequest, resultId: string): SqlPart[] {
  if (!request.key) return [];
  const inputHash = request.inputHash ?? currentInputHash() ?? null;
  return [IdempotencyRepository.recordPart(request.actor, request.key, request.operation, resultId, inputHash)];
}

/**
 * After a statement with `onceGate` wrote nothing: the id the key's first request created
 * (after createOnce's checks: another operation or another input is BAD_USER_INPUT), or
 * undefined when the key was not the reason (no key, or not used yet).
 */
export async function replayOnce(manager: EntityManager, request: KeyedRequest): Promise<string | undefined> {
  if (!request.key) return undefined;
  const inputHash = request.inputHash ?? currentInputHash() ?? null;
  return replayOf(await new IdempotencyRepository(manager).seen(request.actor, request.key), request, inputHash);
}

/**
 * Runs a versioned change once per (actor, key) and answers with the id of what it changed;
 * the caller reads that back through the viewer's access, so a retry after a revoke finds
 * nothing (PRODUCT.md rule 10), and a replay never answers from a stored copy.
 *
 * The change runs in its own transaction(s), so the key is recorded just after it commits.
 * That leaves no way to change twice: a retry racing its first attempt, or arriving after a
 * crash between the commit and the record, carries the version the first attempt already
 * moved, and answers CONFLICT with the current version (what it would without a key).
 */
export async function changeOnce(
  dataSource: DataSource,
  actor: { accountId: string },
  input: { idempotencyKey?: string },
  operation: string,
  change: () => Promise<string>,
): Promise<string> {
  const request = { actor: actor.accountId, key: input.idempotencyKey, operation };
  if (!request.key) return change();
  const keys = new IdempotencyRepository(dataSource.manager);
  return replayOrRecord(keys, request.key, request, currentInputHash() ?? null, change);
}

/**
 * `changeOnce` for an operation that answers with an object rather than a re-read: the
 * first request answers with what it made; a retry with the same key answers with `again`,
 * which must read the object afresh through the same access check (or repeat a change
 * that is a no-op when already done, such as a revoke).
 */
export async function changeOnceAnswering<T extends { id: string }>(
  dataSource: DataSource,
  actor: { accountId: string },
  input: { idempotencyKey?: string },
  operation: string,
  change: () => Promise<T>,
  again: (id: string) => Promise<T>,
): Promise<T> {
  let first: T | undefined;
  const id = await changeOnce(dataSource, actor, input, operation, async () => (first = await change()).id);
  return first ?? again(id);
}
