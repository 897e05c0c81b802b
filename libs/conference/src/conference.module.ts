import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { CareTeamModule } from '@roundtable/care-team';
import { OutcomesModule } from '@roundtable/outcomes';
import { PlanModule } from '@roundtable/plan';
import { ActionItemRepository } from './action-item.repository';
import { AgendaItemLabels } from './agenda-item-labels';
import { AgendaRepository } from './agenda.repository';
import { AgendaService } from './agenda.service';
import { ConferenceAudience } from './audience';
import { ConferenceAccess } from './conference-access';
import { ConferenceContentRepository } from './conference-content.repository';
import { ConferenceLabels } from './conference-labels';
import { ConferenceLabelsRepository } from './conference-labels.repository';
import { ConferenceReader } from './conference-reader';
import { ConferenceResolver, WaitingDecisionsResolver } from './conference.resolver';
import { ConferenceRepository } from './conference.repository';
import { ConferenceService } from './conference.service';
import { DecisionAnswerWaitingResolver } from './decision-answer-waiting.resolver';
import { NextMeetingResolver } from './next-meeting.resolver';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';
import { MinutesRepository } from './minutes.repository';
import { MinutesService } from './minutes.service';
import { RoundsService } from './rounds.service';

/** Where the conference SQL lives (one persistence idiom: services call these). */
const REPOSITORIES = [
  ConferenceRepository,
  AgendaRepository,
  ConferenceContentRepository,
  DecisionsRepository,
  ActionItemRepository,
  MinutesRepository,
  ConferenceLabelsRepository,
];

@Module({
  imports: [AccessModule, CareTeamModule, PlanModule, OutcomesModule],
  providers: [
    ...REPOSITORIES,
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
  // The repositories too: exports builds the conference readers (ConferenceAccess, ConferenceReader) itself.
  exports: [ConferenceService, AgendaService, DecisionsService, MinutesService, ...REPOSITORIES],
})
export class ConferenceModule {}
