import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import type { PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import { Clock, createOnce, transactionThenPublish } from '@roundtable/platform';
import type { PlanEventPayloads } from './plan-event-payloads';
import { PlanEventEntity } from './plan.entities';
import { PlanEventRepository } from './plan-event.repository';

/** An event to append: its payload is checked against its type's (plan-event-payloads.ts). */
export type NewPlanEvent<T extends PlanEventType = PlanEventType> = {
  [K in T]: {
    participantId: string;
    label: SensitivityLabel;
    type: K;
    itemId: string | null;
    actor: string | null;
    payload: PlanEventPayloads[K];
  };
}[T];

/**
 * Runs inside the writing transaction for every appended event, so what follows from an
 * event (a win from a step done) commits or rolls back with it. Handlers may append.
 */
export type InTransactionHandler = (event: PlanEventEntity, write: PlanWrite) => Promise<void>;

/** Published after commit with every event the transaction appended. */
export const PLAN_EVENTS_COMMITTED = 'plan.events.committed';

export interface PlanWrite {
  manager: EntityManager;
  /** Appends a plan_event in this transaction, numbered within its plan and label. */
  append<T extends PlanEventType>(event: NewPlanEvent<T>): Promise<PlanEventEntity>;
}

/**
 * The write path: domain rows and their plan events in one transaction; the events are
 * published as a domain event only after commit (services never touch sockets).
 *
 * Sequences are gapless per (plan, label): the counter row is incremented inside the
 * transaction, so concurrent writers to one label queue on it and a rollback gives its
 * number back. Different labels never wait for each other.
 */
@Injectable()
export class PlanEventLog {
  private readonly handlers: InTransactionHandler[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onAppend(handler: InTransactionHandler): void {
    this.handlers.push(handler);
  }

  write<T>(work: (write: PlanWrite) => Promise<T>): Promise<T> {
    return transactionThenPublish(this.dataSource, ({ manager, afterCommit }) => {
      const appended: PlanEventEntity[] = [];
      afterCommit(() => {
        if (appended.length) this.events.emit(PLAN_EVENTS_COMMITTED, appended);
      });
      const write: PlanWrite = {
        manager,
        append: async (event) => {
          const saved = await this.append(manager, event);
          appended.push(saved);
          for (const handler of this.handlers) await handler(saved, write);
          return saved;
        },
      };
      return work(write);
    });
  }

  /**
   * A create through `write`, at most once per idempotency key: a retry with the same key
   * returns the id the first request created, and writes nothing.
   */
  create(
    once: { actor: string; key?: string; operation: string },
    work: (write: PlanWrite) => Promise<string>,
  ): Promise<string> {
    return this.write((write) => createOnce(write.manager, once, () => work(write)));
  }

  /** Hides an item's events from every timeline (the item and its events stay stored). */
  async hideItem(manager: EntityManager, participantId: string, itemId: string): Promise<void> {
    await new PlanEventRepository(manager).hideItem(participantId, itemId, this.clock.now());
  }

  /**
   * The database stamps each event with the participant's access epoch (triggers of the
   * RealtimeAccessEpoch migration, docs/realtime-revocation.md): the epoch row is read FOR
   * SHARE before the label's sequence row is locked, so a write waits for a narrowing in
   * flight and then carries the newer epoch (PRODUCT.md rule 10: revocation beats delivery).
   * `save` reads the stamped `accessEpoch` back with the insert.
   */
  private async append<T extends PlanEventType>(
    manager: EntityManager,
    event: NewPlanEvent<T>,
  ): Promise<PlanEventEntity> {
    const occurredAt = this.clock.now();
    const row = await new PlanEventRepository(manager).append(
      event.participantId,
      event.label,
      event.type,
      event.itemId,
      event.actor,
      occurredAt,
      JSON.stringify(event.payload),
    );
    return manager.create(PlanEventEntity, {
      id: row.id,
      participantId: event.participantId,
      label: event.label,
      seq: row.seq,
      type: event.type,
      itemId: event.itemId,
      actor: event.actor,
      occurredAt,
      payload: event.payload,
      accessEpoch: Number(row.access_epoch),
    });
  }
}
