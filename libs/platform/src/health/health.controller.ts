import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../graphql/public.decorator';

interface HealthReport {
  status: 'ok' | 'unavailable';
  checks?: Record<string, 'up' | 'down'>;
}

/** Liveness (the process answers) and readiness (it can reach its database). */
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): HealthReport {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const database = await this.databaseReachable();
    if (!database) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: database ? 'ok' : 'unavailable', checks: { database: database ? 'up' : 'down' } };
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
