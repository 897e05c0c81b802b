import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Metrics } from '@roundtable/platform';
import { RealtimeGateway } from '@roundtable/realtime';

/** The product's series on /metrics, wired here because they span libs platform must not import. */
@Injectable()
export class ServerMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly gateway: RealtimeGateway,
    @InjectDataSource() private readonly dataSource: DataSource,
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
        const [row] = (await this.dataSource.query(
          `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(recorded_at)), 0)::float8 AS lag
             FROM plan_event WHERE published_at IS NULL`,
        )) as { lag: number }[];
        return Math.max(0, row?.lag ?? 0);
      },
    );
  }
}
