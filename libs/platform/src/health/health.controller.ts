import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../graphql/public.decorator';
import { Permission } from '../permissions/permission.decorator';
import { RedisCheck } from './redis-check';

interface HealthReport {
  status: 'ok' | 'unavailable';
  checks?: Record<string, 'up' | 'down'>;
}

/** Liveness (the process answers) and readiness (it can reach its database, and Redis when REDIS_URL is set). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisCheck,
  ) {}

  @Permission('server.checkHealth')
  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): HealthReport {
    return { status: 'ok' };
  }

  @Permission('server.checkHealth')
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const [database, redis] = await Promise.all([this.databaseReachable(), this.redis.reachable()]);
    const checks: Record<string, 'up' | 'down'> = { database: database ? 'up' : 'down' };
    if (this.redis.configured) checks.redis = redis ? 'up' : 'down';
    const ready = database && redis;
    if (!ready) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ok' : 'unavailable', checks };
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
