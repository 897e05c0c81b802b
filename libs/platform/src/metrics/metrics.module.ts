import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { preparedStatementsPool, typeOrmPool } from '../database/prepared-query';
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
        // The ORM's pool and the prepared statements' (prepared-query.ts), counted together.
        const pools = [typeOrmPool(this.dataSource), preparedStatementsPool(this.dataSource)];
        const sum = (count: (pool: Pool) => number) =>
          pools.reduce((total, pool) => total + (pool ? count(pool) : 0), 0);
        return {
          total: sum((pool) => pool.totalCount),
          idle: sum((pool) => pool.idleCount),
          waiting: sum((pool) => pool.waitingCount),
        };
      },
    );
  }
}
