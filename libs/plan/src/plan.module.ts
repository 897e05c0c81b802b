import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { CareTeamTimelineWriter } from './care-team-timeline.writer';
import { GoalsService } from './goals.service';
import { PlanAccess } from './plan-access';
import { PlanEventLog } from './plan-event-log';
import { PlanItemsService } from './plan-items.service';
import { PlanReader } from './plan-reader';
import { PlanResolver } from './plan.resolver';
import { TimelineService } from './timeline.service';

@Module({
  imports: [AccessModule],
  providers: [
    PlanAccess,
    PlanEventLog,
    PlanReader,
    GoalsService,
    PlanItemsService,
    TimelineService,
    PlanResolver,
    CareTeamTimelineWriter,
  ],
  exports: [PlanAccess, PlanEventLog, PlanReader, PlanItemsService],
})
export class PlanModule {}
