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

  /** These events were handed to delivery after their commit: the sweeper leaves them alone. */
  async markPublished(events: PlanEventEntity[]): Promise<void> {
    await new PlanEventRepository(this.dataSource.manager)
      .markPublished(events.map((event) => event.id))
      .catch((error: unknown) => this.logger.error({ err: error }, 'Could not mark plan events published'));
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
