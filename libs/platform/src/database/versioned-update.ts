import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import { conflict, notFound } from '../graphql/app-errors';

/**
 * Optimistic concurrency done right: `UPDATE … SET version = version + 1 WHERE id = $1 AND
 * version = $2`, then the affected row count decides. (TypeORM's @VersionColumn with save()
 * does not guard against lost updates.) A stale version answers CONFLICT with the current
 * version; callers check visibility before calling, so the version is safe to reveal.
 */
export async function versionedUpdate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' } as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (result.affected === 1) return;
  return refuseStale(manager, entity, id);
}

/**
 * Why a versioned change wrote nothing: the row is gone (NOT_FOUND) or moved on (CONFLICT
 * with its current version). Read after the change, outside it: only the refusal costs it.
 */
export async function refuseStale<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
): Promise<never> {
  const current = await manager
    .getRepository(entity)
    .createQueryBuilder('row')
    .select('row.version', 'version')
    .where('row.id = :id', { id })
    .getRawOne<{ version: number }>();
  if (!current) throw notFound();
  throw conflict(current.version);
}

/**
 * Call after the access checks on an item read outside the update: a stale version answers
 * CONFLICT before any rule is judged on stale state, and versionedUpdate then proves the
 * row did not change in between.
 */
export function assertVersion(item: { version: number }, expectedVersion: number): void {
  if (item.version !== expectedVersion) throw conflict(item.version);
}
