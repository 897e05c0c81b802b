import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '@roundtable/platform';
import { RealtimeGateway } from '@roundtable/realtime';
import { OutboxLagRepository } from './outbox-lag.repository';

/** The product's series on /metrics, wired here because they span libs platform must not import. */
@Injectable()
export class ServerMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly gateway: RealtimeGateway,
    private readonly outbox: OutboxLagRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'roundtable_realtime_open_sockets',
      'socket.io connections open on this node.',
      () => this.gateway.liveCounts().openSockets,
    );
    this.metrics.gauge(
      'roundtable_realtime_plan_rooms',
      'Plans with at least one socket in their room on this node.',
      () => this.gateway.liveCounts().planRooms,
    );
    // The transactional outbox: an event not yet published to sockets, and how long it has
    // waited. Above a few seconds, no node is publishing (ARCHITECTURE.md: "within seconds").
    this.metrics.gauge(
      'roundtable_outbox_lag_seconds',
      'Age of the oldest plan event not yet published to realtime (0 when none waits).',
      async () => {
        const lag = await this.outbox.oldestUnpublishedAgeSeconds();
        return Math.max(0, lag ?? 0);
      },
    );
  }
}
