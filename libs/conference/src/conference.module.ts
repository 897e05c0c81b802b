import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { CareTeamModule } from '@roundtable/care-team';
import { OutcomesModule } from '@roundtable/outcomes';
import { PlanModule } from '@roundtable/plan';
import { AgendaItemLabels } from './agenda-item-labels';
import { AgendaService } from './agenda.service';
import { ConferenceAudience } from './audience';
import { ConferenceAccess } from './conference-access';
import { ConferenceLabels } from './conference-labels';
import { ConferenceReader } from './conference-reader';
import { ConferenceResolver, WaitingDecisionsResolver } from './conference.resolver';
import { ConferenceService } from './conference.service';
import { DecisionAnswerWaitingResolver } from './decision-answer-waiting.resolver';
import { NextMeetingResolver } from './next-meeting.resolver';
import { DecisionsService } from './decisions.service';
import { MinutesService } from './minutes.service';
import { RoundsService } from './rounds.service';

@Module({
  imports: [AccessModule, CareTeamModule, PlanModule, OutcomesModule],
  providers: [
    ConferenceAccess,
    ConferenceAudience,
    ConferenceReader,
    ConferenceService,
    AgendaService,
    DecisionsService,
    MinutesService,
    RoundsService,
    ConferenceLabels,
    AgendaItemLabels,
    ConferenceResolver,
    WaitingDecisionsResolver,
    DecisionAnswerWaitingResolver,
    NextMeetingResolver,
  ],
  exports: [ConferenceService, AgendaService, DecisionsService, MinutesService],
})
export class ConferenceModule {}
