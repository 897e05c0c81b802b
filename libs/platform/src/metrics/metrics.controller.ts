import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../graphql/public.decorator';
import { Permission } from '../permissions/permission.decorator';
import { Metrics } from './metrics';

/**
 * Prometheus scrape endpoint. It holds counts and timings only (no participant data), but
 * it belongs to the monitoring network: deploy/nginx.conf does not pass it to the outside.
 */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Permission('server.scrapeMetrics')
  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
