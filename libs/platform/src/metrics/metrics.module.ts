import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** /metrics, and the platform's own series: the database connection pool. */
@Global()
@Module({ providers: [Metrics], controllers: [MetricsController], exports: [Metrics] })
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.labelledGauge(
      'roundtable_db_pool_connections',
      'Database pool connections: total open, idle, and requests waiting for one.',
      'state',
      () => {
        const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
        return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
      },
    );
  }
}
