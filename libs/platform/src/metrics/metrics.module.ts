import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { preparedReadLanes, preparedStatementsPool, typeOrmPool } from '../database/prepared-query';
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
        // The ORM's pool, the prepared statements' and the read lanes (prepared-query.ts), counted
        // together. A read lane never makes a request wait for it: it is idle when nothing is in flight.
        const pools = [typeOrmPool(this.dataSource), preparedStatementsPool(this.dataSource)];
        const sum = (count: (pool: Pool) => number) =>
          pools.reduce((total, pool) => total + (pool ? count(pool) : 0), 0);
        const lanes = preparedReadLanes(this.dataSource)?.counts() ?? { open: 0, busy: 0, statements: 0 };
        return {
          total: sum((pool) => pool.totalCount) + lanes.open,
          idle: sum((pool) => pool.idleCount) + lanes.open - lanes.busy,
          waiting: sum((pool) => pool.waitingCount),
        };
      },
    );
    this.metrics.gauge(
      'roundtable_db_read_lane_statements',
      'Hot reads sent on the read lanes and not yet answered (a lane answers them in order).',
      () => preparedReadLanes(this.dataSource)?.counts().statements ?? 0,
    );
  }
}
