import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { PlanModule } from '@roundtable/plan';
import { MetricLabels } from './metric-labels';
import { MetricsService } from './metrics.service';
import { OutcomesResolver } from './outcomes.resolver';
import { SetbacksService } from './setbacks.service';
import { WinsService } from './wins.service';

@Module({
  imports: [AccessModule, PlanModule],
  providers: [WinsService, MetricsService, SetbacksService, OutcomesResolver, MetricLabels],
  exports: [MetricsService, WinsService, SetbacksService],
})
export class OutcomesModule {}
