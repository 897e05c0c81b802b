import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { PlanModule } from '@roundtable/plan';
import { MetricLabels } from './metric-labels';
import { OutcomeLabelsRepository } from './outcome-labels.repository';
import { SetbackRepository } from './setback.repository';
import { WinRepository } from './win.repository';
import { MeasurementsService } from './measurements.service';
import { MetricDefinitionsService } from './metric-definitions.service';
import { OutcomesResolver } from './outcomes.resolver';
import { ProgressReader } from './progress-reader';
import { ProgressRepository } from './progress.repository';
import { SetbacksService } from './setbacks.service';
import { WinsService } from './wins.service';
import { WinsSinceReader } from './wins-since.reader';
import { WinsSinceRepository } from './wins-since.repository';

@Module({
  imports: [AccessModule, PlanModule],
  providers: [
    WinsService,
    MetricDefinitionsService,
    MeasurementsService,
    ProgressReader,
    SetbacksService,
    OutcomesResolver,
    MetricLabels,
    SetbackRepository,
    OutcomeLabelsRepository,
    WinRepository,
    ProgressRepository,
    WinsSinceRepository,
    WinsSinceReader,
  ],
  exports: [
    MetricDefinitionsService,
    MeasurementsService,
    ProgressReader,
    WinsService,
    SetbacksService,
    WinsSinceReader,
  ],
})
export class OutcomesModule {}
