import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { badUserInput } from '../graphql/app-errors';
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
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${request.actor}:${request.key}`]);
  const inputHash = request.inputHash ?? currentInputHash() ?? null;
  const [seen]: { operation: string; result_id: string; input_hash: string | null }[] = await manager.query(
    'SELECT operation, result_id, input_hash FROM idempotency_key WHERE actor = $1 AND key = $2',
    [request.actor, request.key],
  );
  if (seen) {
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
  const id = await create();
  await manager.query(
    'INSERT INTO idempotency_key (actor, key, operation, result_id, input_hash) VALUES ($1, $2, $3, $4, $5)',
    [request.actor, request.key, request.operation, id, inputHash],
  );
  return id;
}
