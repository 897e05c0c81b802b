import type { DataSource, EntityManager } from 'typeorm';

/** A transaction whose domain events are published only once it has committed. */
export interface CommittingWrite {
  manager: EntityManager;
  /** Runs `publish` after the transaction commits, in the order queued; never if it rolls back. */
  afterCommit(publish: () => void): void;
}

/**
 * Runs `work` in one transaction, then publishes what it queued with `afterCommit`: rows
 * and the events about them commit together, and nobody hears of a change that rolled back
 * (ARCHITECTURE.md: after commit a domain event is published; services never touch sockets).
 */
export async function transactionThenPublish<T>(
  dataSource: DataSource,
  work: (write: CommittingWrite) => Promise<T>,
): Promise<T> {
  const queued: (() => void)[] = [];
  const result = await dataSource.transaction((manager) =>
    work({ manager, afterCommit: (publish) => queued.push(publish) }),
  );
  for (const publish of queued) publish();
  return result;
}
