import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { CareTeamTimelineWriter } from './care-team-timeline.writer';
import { GoalRankingService } from './goal-ranking.service';
import { GoalsService } from './goals.service';
import { PlanAccess } from './plan-access';
import { PlanEventLog } from './plan-event-log';
import { PlanItemLabels } from './plan-item-labels';
import { StepsForYouReader } from './steps-for-you.reader';
import { StricterLabelGuard } from './stricter-label.guard';
import { PlanOutbox } from './plan-outbox';
import { PlanItemsService } from './plan-items.service';
import { PlanReader } from './plan-reader';
import { WrittenWithYouService } from './written-with-you.service';
import { PlanResolver } from './plan.resolver';
import { StageRatingsService } from './stage-ratings.service';
import { TimelineService } from './timeline.service';
import { VisionService } from './vision.service';

@Module({
  imports: [AccessModule],
  providers: [
    PlanAccess,
    PlanEventLog,
    PlanReader,
    VisionService,
    GoalsService,
    GoalRankingService,
    StageRatingsService,
    PlanItemsService,
    TimelineService,
    PlanResolver,
    CareTeamTimelineWriter,
    WrittenWithYouService,
    PlanItemLabels,
    StepsForYouReader,
    StricterLabelGuard,
    PlanOutbox,
  ],
  exports: [PlanAccess, PlanEventLog, PlanReader, PlanItemsService, WrittenWithYouService, PlanItemLabels, PlanOutbox],
})
export class PlanModule {}
