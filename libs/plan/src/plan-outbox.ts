import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@roundtable/platform';
import type { PlanEventEntity } from './plan.entities';
import { PlanEventRepository } from './plan-event.repository';

/** Hands committed plan events to live delivery (realtime). */
export type PublishPlanEvents = (events: PlanEventEntity[]) => void;

/**
 * plan_event doubles as the transactional outbox (ARCHITECTURE.md "Publishing survives a
 * crash"; PlanOutbox1763800000270). Kept here, beside the log that writes the events, so
 * realtime delivery needs only this small interface and never plan_event's outbox columns:
 * it marks what it published, and starts the sweeper that publishes what a node that died
 * between commit and publish left behind.
 */
@Injectable()
export class PlanOutbox {
  private readonly logger = new Logger('PlanOutbox');
  private sweeper?: NodeJS.Timeout;
  private publish?: PublishPlanEvents;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Every OUTBOX_SWEEP_MS on this node: sweep, publishing through `publish`. */
  start(publish: PublishPlanEvents): void {
    this.publish = publish;
    this.sweeper = setInterval(() => void this.sweep(), this.config.OUTBOX_SWEEP_MS);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  /**
   * These events were handed to delivery after their commit: the sweeper leaves them alone.
   * Marks that arrive while an UPDATE is running go out together in the next one (issue 18:
   * one statement per edit otherwise, at 300 edits/s); the wait is one statement's time, far
   * inside the sweeper's two seconds. Resolves once these events are marked.
   */
  markPublished(events: PlanEventEntity[]): Promise<void> {
    // Nothing to mark must not start a run: one that ends before it is stored would stay stored.
    if (events.length === 0) return Promise.resolve();
    this.unmarked.push(...events.map((event) => event.id));
    this.marking ??= this.markUnmarked();
    return this.marking;
  }

  private unmarked: string[] = [];
  private marking?: Promise<void>;

  private async markUnmarked(): Promise<void> {
    try {
      while (this.unmarked.length > 0) {
        const ids = this.unmarked.splice(0);
        await new PlanEventRepository(this.dataSource.manager)
          .markPublished(ids)
          .catch((error: unknown) => this.logger.error({ err: error }, 'Could not mark plan events published'));
      }
    } finally {
      this.marking = undefined;
    }
  }

  /**
   * On every node: events committed more than two seconds ago and never published (their
   * node died in between) are claimed by exactly one node and published, in commit order. A
   * client may see one twice; it drops (label, sequence) pairs it holds.
   */
  async sweep(): Promise<number> {
    try {
      const rows = await new PlanEventRepository(this.dataSource.manager).claimUnpublished();
      const ordered = [...rows].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq);
      this.publish?.(ordered);
      return ordered.length;
    } catch (error) {
      this.logger.error({ err: error }, 'Outbox sweep failed');
      return 0;
    }
  }
}
