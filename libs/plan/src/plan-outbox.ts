import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@roundtable/platform';
import type { PlanEventEntity } from './plan.entities';
import { PlanEventRepository } from './plan-event.repository';

/** Hands committed plan events to live delivery (realtime). */
export type PublishPlanEvents = (events: PlanEventEntity[]) => void;

/**
 * How long a mark waits for a write to carry it before it goes out on its own: long enough
 * that under load nearly every mark rides on the next edit's statement, short next to the
 * sweeper's two seconds (an event still unmarked then would be sent twice; clients drop it).
 */
const MARK_WAIT_MS = 100;

interface WaitingMark {
  ids: string[];
  resolve: () => void;
}

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

  /**
   * Marks still waiting are let go unwritten, as if the node had stopped just before them:
   * the sweeper sends those events again and clients drop what they hold.
   */
  stop(): void {
    clearInterval(this.sweeper);
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const mark of this.unmarked.splice(0)) mark.resolve();
  }

  /**
   * These events were handed to delivery after their commit: the sweeper leaves them alone.
   * Resolves once they are marked. Marks wait up to MARK_WAIT_MS for the next one-statement
   * write on this node, which carries them (`takeMarks`, issue 18: at 300 edits/s a mark of
   * its own was one statement and one commit per edit); with no write by then they go out
   * in one UPDATE, and marks asked for while it runs go in the next. Either way far inside
   * the sweeper's two seconds.
   */
  markPublished(events: PlanEventEntity[]): Promise<void> {
    // Nothing to mark must not wait for anything.
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.unmarked.push({ ids: events.map((event) => event.id), resolve });
      this.flushSoon();
    });
  }

  /**
   * The marks waiting now, for the one-statement write about to run (PlanEventLog.writeOne):
   * its statement carries them whatever its gates decide. `settle(true)` once the statement
   * committed; `settle(false)` if it failed, and they wait for the next write or the flush.
   */
  takeMarks(): { ids: string[]; settle(written: boolean): void } | undefined {
    if (this.unmarked.length === 0) return undefined;
    const taken = this.unmarked.splice(0);
    return {
      ids: taken.flatMap((mark) => mark.ids),
      settle: (written) => {
        if (written) {
          for (const mark of taken) mark.resolve();
        } else {
          this.unmarked.push(...taken);
          this.flushSoon();
        }
      },
    };
  }

  private unmarked: WaitingMark[] = [];
  private flushTimer?: NodeJS.Timeout;
  private flushing = false;

  private flushSoon(): void {
    if (this.flushTimer || this.flushing) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, MARK_WAIT_MS);
    this.flushTimer.unref();
  }

  /** One UPDATE per batch, until no mark waits. A failed UPDATE is logged; the sweeper covers its events. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.unmarked.length > 0) {
        const batch = this.unmarked.splice(0);
        await new PlanEventRepository(this.dataSource.manager)
          .markPublished(batch.flatMap((mark) => mark.ids))
          .catch((error: unknown) => this.logger.error({ err: error }, 'Could not mark plan events published'));
        for (const mark of batch) mark.resolve();
      }
    } finally {
      this.flushing = false;
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
