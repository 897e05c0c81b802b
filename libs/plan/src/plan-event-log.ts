import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import type { PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import { AuditTrail } from '@roundtable/access';
import { Clock, createOnce, transactionThenPublish, type SqlPart } from '@roundtable/platform';
import type { PlanEventPayloads } from './plan-event-payloads';
import { PlanEventEntity } from './plan.entities';
import { PlanEventRepository } from './plan-event.repository';
import { PlanOutbox } from './plan-outbox';

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
 * Runs inside the writing transaction for every appended event of its types, so what
 * follows from an event (labels tightening with a goal) commits or rolls back with it.
 * Handlers may append. What can be said as rows up front is a FollowOn instead.
 */
export type InTransactionHandler = (event: PlanEventEntity, write: PlanWrite) => Promise<void>;

/**
 * What an appended event brings with it, as pieces of the event's own statement (a win from
 * a step done): a rule the log applies to every append, in a transaction or not, so that a
 * single-statement write (`writeOne`) keeps it too. Its events are planned in turn.
 */
export interface FollowOn {
  rows: SqlPart[];
  events: NewPlanEvent[];
}

export type FollowOnPlanner = (event: NewPlanEvent) => FollowOn | null;

/** A write as one statement (issue 18): see `PlanEventLog.writeOne`. */
export interface OneStatementWrite {
  /** In order, inside the statement; the first to answer no row stops the whole write. */
  gates?: SqlPart[];
  /** Rows written with the events once every gate passed. */
  rows?: SqlPart[];
  events: NewPlanEvent[];
}

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
  private readonly handlers: { types: ReadonlySet<PlanEventType>; handle: InTransactionHandler }[] = [];
  private readonly planners: FollowOnPlanner[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
    private readonly audit: AuditTrail,
    private readonly outbox: PlanOutbox,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * `handler` runs in the writing transaction for every appended event of these types. The
   * types are declared so that `writeOne`, which has no transaction to run it in, can refuse
   * an event a handler would have followed.
   */
  onAppend(types: readonly PlanEventType[], handler: InTransactionHandler): void {
    this.handlers.push({ types: new Set(types), handle: handler });
  }

  /** `planner` adds its rows and events to the statement of every event it answers for. */
  followWith(planner: FollowOnPlanner): void {
    this.planners.push(planner);
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
          const { rows, events } = this.withFollowOns([], [event as NewPlanEvent]);
          // No gate can stop it, so it always writes its events (null means a gate stopped a write).
          const saved = await this.appendAll(manager, [], rows, events);
          if (!saved) throw new Error('An append without gates wrote no events');
          appended.push(...saved);
          for (const each of saved) {
            for (const handler of this.handlers) {
              if (handler.types.has(each.type as PlanEventType)) await handler.handle(each, write);
            }
          }
          return saved[0];
        },
      };
      return work(write);
    });
  }

  /**
   * The whole write as ONE data-modifying statement, without BEGIN/COMMIT (issue 18: an edit
   * costs at most six statements; a single statement is atomic in PostgreSQL): the gates (a
   * versioned update…), the rows, the events and what follows from them (FollowOn). The
   * events are published once it has committed, like `write`'s. Answers the events written,
   * or null when a gate stopped it (nothing was written; the caller says why: CONFLICT…).
   * Only for events no in-transaction handler follows (checked: such an event needs `write`).
   *
   * Inside a mutation, the statement also writes the mutation's audit rows (AuditTrail.withChange):
   * the change and its record commit together, and the answer waits for no INSERT of its own.
   */
  async writeOne(write: OneStatementWrite): Promise<PlanEventEntity[] | null> {
    const { rows, events } = this.withFollowOns(write.rows ?? [], write.events);
    for (const event of events) {
      if (this.handlers.some((handler) => handler.types.has(event.type))) {
        throw new Error(`${event.type} is followed in a transaction: write it with PlanEventLog.write`);
      }
    }
    const audit = this.audit.withChange();
    // The outbox's waiting marks ride along (PlanOutbox.takeMarks): one statement fewer per edit.
    const marks = this.outbox.takeMarks();
    let saved: PlanEventEntity[] | null;
    try {
      saved = await this.appendAll(
        this.dataSource.manager,
        write.gates ?? [],
        audit ? [...rows, audit.part] : rows,
        events,
        marks ? [PlanEventRepository.markPublishedPart(marks.ids)] : [],
      );
    } catch (error) {
      marks?.settle(false);
      throw error;
    }
    marks?.settle(true);
    if (saved) {
      audit?.written();
      this.events.emit(PLAN_EVENTS_COMMITTED, saved);
    }
    return saved;
  }

  /** The events in the order they are numbered: each one, then what follows from it. */
  private withFollowOns(rows: readonly SqlPart[], events: readonly NewPlanEvent[]): FollowOn {
    const all: FollowOn = { rows: [...rows], events: [] };
    const visit = (event: NewPlanEvent) => {
      all.events.push(event);
      for (const planner of this.planners) {
        const followOn = planner(event);
        if (!followOn) continue;
        all.rows.push(...followOn.rows);
        followOn.events.forEach(visit);
      }
    };
    events.forEach(visit);
    return all;
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
   * The statement answers the stamped `accessEpoch` with each event's number.
   */
  private async appendAll(
    manager: EntityManager,
    gates: readonly SqlPart[],
    rows: readonly SqlPart[],
    events: readonly NewPlanEvent[],
    alongside: readonly SqlPart[] = [],
  ): Promise<PlanEventEntity[] | null> {
    const occurredAt = this.clock.now();
    const written = await new PlanEventRepository(manager).writeWithEvents(
      gates,
      rows,
      events.map((event) => ({ ...event, occurredAt })),
      alongside,
    );
    return (
      written &&
      events.map((event, index) =>
        manager.create(PlanEventEntity, {
          id: written[index].id,
          participantId: event.participantId,
          label: event.label,
          seq: written[index].seq,
          type: event.type,
          itemId: event.itemId,
          actor: event.actor,
          occurredAt,
          payload: event.payload,
          accessEpoch: Number(written[index].access_epoch),
        }),
      )
    );
  }
}
