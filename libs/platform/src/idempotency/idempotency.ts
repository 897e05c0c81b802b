import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { badUserInput } from '../graphql/app-errors';

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
 * The same key for a different operation is refused rather than silently mixed up.
 */
export async function createOnce(
  manager: EntityManager,
  request: { actor: string; key?: string; operation: string },
  create: () => Promise<string>,
): Promise<string> {
  if (!request.key) return create();
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${request.actor}:${request.key}`]);
  const [seen]: { operation: string; result_id: string }[] = await manager.query(
    'SELECT operation, result_id FROM idempotency_key WHERE actor = $1 AND key = $2',
    [request.actor, request.key],
  );
  if (seen) {
    if (seen.operation !== request.operation) {
      throw badUserInput('input.idempotencyKey', 'input.idempotencyKey: already used for another kind of change');
    }
    return seen.result_id;
  }
  const id = await create();
  await manager.query('INSERT INTO idempotency_key (actor, key, operation, result_id) VALUES ($1, $2, $3, $4)', [
    request.actor,
    request.key,
    request.operation,
    id,
  ]);
  return id;
}
