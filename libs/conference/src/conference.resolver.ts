import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, DecisionStatus } from '@roundtable/contracts';
import { CurrentActor, type Actor } from '@roundtable/identity';
import { changeOnce, IdPipe, notFound, Permission } from '@roundtable/platform';
import { Authors, PlanAccess, WaitingForYou } from '@roundtable/plan';
import { AgendaService } from './agenda.service';
import { CONFERENCE_LABEL, ConferenceAccess } from './conference-access';
import { ConferenceReader, toDecision } from './conference-reader';
import { ConferenceEntity, ConferenceNoteEntity, DecisionEntity } from './conference.entities';
import {
  AddActionItemInput,
  AddAgendaItemInput,
  AddConferenceNoteInput,
  AdvanceConferenceInput,
  AmendMinutesInput,
  AnswerDecisionInput,
  AnswerParticipantResponseInput,
  ConferenceStepInput,
  InviteToConferenceInput,
  MoveAgendaItemInput,
  NameCoFacilitatorInput,
  ProposeDecisionInput,
  RecordParticipantUpdateInput,
  RecordPerspectiveInput,
  RespondToConferenceInput,
  ScheduleConferenceInput,
  SetNotWithoutParticipantInput,
  SetParticipantAttendsInput,
} from './conference.inputs';
import { Conference, Decision, RoundsEntry } from './conference.models';
import { ConferenceService } from './conference.service';
import { DecisionsService } from './decisions.service';
import { MinutesService } from './minutes.service';
import { RoundsService } from './rounds.service';

/** Care conferences: every answer is the conference (or decision) as the caller may see it. */
@Resolver(() => Conference)
export class ConferenceResolver {
  constructor(
    private readonly access: ConferenceAccess,
    private readonly plans: PlanAccess,
    private readonly reader: ConferenceReader,
    private readonly scheduling: ConferenceService,
    private readonly agenda: AgendaService,
    private readonly decisions: DecisionsService,
    private readonly minutes: MinutesService,
    private readonly rounds: RoundsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private async read(actor: Actor, conferenceId: string): Promise<Conference> {
    const { conference, viewer } = await this.access.reader(actor, conferenceId);
    const [read] = await this.reader.load(viewer, [conference]);
    return read;
  }

  @Permission('conference.read')
  @Query(() => Conference, { description: 'One conference, showing only what you may see.' })
  conference(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, IdPipe) id: string): Promise<Conference> {
    return this.read(actor, id);
  }

  @Permission('conference.list')
  @Query(() => [Conference], { description: 'A participant’s conferences, newest first.' })
  async conferences(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
  ): Promise<Conference[]> {
    const viewer = await this.plans.viewer(actor, participantId);
    if (!viewer.labels.has(CONFERENCE_LABEL)) return [];
    const rows = await this.dataSource
      .getRepository(ConferenceEntity)
      .find({ where: { participantId }, order: { scheduledFor: 'DESC' } });
    return this.reader.load(viewer, rows);
  }

  @Permission('conference.readRounds')
  @Query(() => [RoundsEntry], {
    description:
      'Rounds for a day: each participant you work with who has a conference that day, their own update first.',
  })
  roundsSummary(
    @CurrentActor() actor: Actor,
    @Args('date', { description: 'The day, YYYY-MM-DD.' }) date: string,
    @Args('timeZone', { description: 'The team’s IANA time zone, which decides what “that day” is.' })
    timeZone: string,
  ): Promise<RoundsEntry[]> {
    return this.rounds.day(actor, date, timeZone);
  }

  @Permission('conference.schedule')
  @Mutation(() => Conference, {
    description: 'Schedule a conference. Agenda item 1, the participant’s own update, is created with it.',
  })
  async scheduleConference(
    @CurrentActor() actor: Actor,
    @Args('input') input: ScheduleConferenceInput,
  ): Promise<Conference> {
    return this.read(actor, await this.scheduling.schedule(actor, input));
  }

  @Permission('conference.invite')
  @Mutation(() => Conference, {
    description: 'Invite a care-team member, or (the participant, or a team member with them) a support person.',
  })
  async inviteToConference(
    @CurrentActor() actor: Actor,
    @Args('input') input: InviteToConferenceInput,
  ): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'inviteToConference', () => this.scheduling.invite(actor, input)),
    );
  }

  @Permission('conference.setParticipantAttends')
  @Mutation(() => Conference)
  async setParticipantAttends(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetParticipantAttendsInput,
  ): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'setParticipantAttends', () =>
        this.scheduling.setParticipantAttends(actor, input),
      ),
    );
  }

  @Permission('conference.recordParticipantUpdate')
  @Mutation(() => Conference, {
    description:
      'The participant’s update, in their words (or written with them). expectedVersion is the update item’s version.',
  })
  async recordParticipantUpdate(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordParticipantUpdateInput,
  ): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'recordParticipantUpdate', () =>
        this.scheduling.recordParticipantUpdate(actor, input),
      ),
    );
  }

  @Permission('agenda.addItem')
  @Mutation(() => Conference, { description: 'Add a topic (linked to a goal, metric or step if you like).' })
  async addAgendaItem(@CurrentActor() actor: Actor, @Args('input') input: AddAgendaItemInput): Promise<Conference> {
    await this.agenda.addItem(actor, input);
    return this.read(actor, input.conferenceId);
  }

  @Permission('agenda.moveItem')
  @Mutation(() => Conference, { description: 'Reorder a topic; the participant’s update stays first.' })
  async moveAgendaItem(@CurrentActor() actor: Actor, @Args('input') input: MoveAgendaItemInput): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'moveAgendaItem', () => this.agenda.moveItem(actor, input)),
    );
  }

  @Permission('agenda.setNotWithoutParticipant')
  @Mutation(() => Conference, { description: 'Participant: “not without me” for a topic.' })
  async setNotWithoutParticipant(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetNotWithoutParticipantInput,
  ): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'setNotWithoutParticipant', () =>
        this.agenda.setNotWithoutParticipant(actor, input),
      ),
    );
  }

  @Permission('conference.nameCoFacilitator')
  @Mutation(() => Conference, {
    description:
      'Facilitator: name a co-facilitator (a staff member of the care team attending), who may then start, move and close the room with you; null clears it.',
  })
  async nameCoFacilitator(
    @CurrentActor() actor: Actor,
    @Args('input') input: NameCoFacilitatorInput,
  ): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'nameCoFacilitator', () =>
        this.scheduling.nameCoFacilitator(actor, input),
      ),
    );
  }

  @Permission('conference.start')
  @Mutation(() => Conference, { description: 'Facilitator or co-facilitator: open the live room on item 1.' })
  async startConference(@CurrentActor() actor: Actor, @Args('input') input: ConferenceStepInput): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'startConference', () => this.scheduling.start(actor, input)),
    );
  }

  @Permission('conference.advance')
  @Mutation(() => Conference, {
    description: 'Facilitator or co-facilitator: move the room to an item, or the next one you can see.',
  })
  async advanceConference(
    @CurrentActor() actor: Actor,
    @Args('input') input: AdvanceConferenceInput,
  ): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'advanceConference', () => this.scheduling.advance(actor, input)),
    );
  }

  @Permission('conference.close')
  @Mutation(() => Conference, {
    description: 'Facilitator or co-facilitator: close and lock the minutes; later corrections are amendments.',
  })
  async closeConference(@CurrentActor() actor: Actor, @Args('input') input: ConferenceStepInput): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'closeConference', () => this.scheduling.close(actor, input)),
    );
  }

  @Permission('conference.addNote')
  @Mutation(() => Conference, { description: 'A note on an item; it appears live and the participant reads it.' })
  async addConferenceNote(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddConferenceNoteInput,
  ): Promise<Conference> {
    const noteId = await this.agenda.addNote(actor, input);
    const note = await this.dataSource.getRepository(ConferenceNoteEntity).findOneByOrFail({ id: noteId });
    return this.read(actor, note.conferenceId);
  }

  @Permission('conference.recordPerspective')
  @Mutation(() => Conference, {
    description: 'Your view of an item, on your own card (create, or change with its version).',
  })
  async recordPerspective(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordPerspectiveInput,
  ): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'recordPerspective', () =>
        this.agenda.recordPerspective(actor, input),
      ),
    );
  }

  @Permission('decision.propose')
  @Mutation(() => Decision, {
    description: 'Propose a change to the plan; it applies only when the participant agrees.',
  })
  async proposeDecision(@CurrentActor() actor: Actor, @Args('input') input: ProposeDecisionInput): Promise<Decision> {
    return this.decision(actor, await this.decisions.propose(actor, input));
  }

  @Permission('decision.answer')
  @Mutation(() => Decision, {
    description: 'The participant agrees or declines (a team member may record it live, in a conference they attend).',
  })
  async answerDecision(@CurrentActor() actor: Actor, @Args('input') input: AnswerDecisionInput): Promise<Decision> {
    return this.decision(
      actor,
      await changeOnce(this.dataSource, actor, input, 'answerDecision', () => this.decisions.answer(actor, input)),
    );
  }

  @Permission('conference.addActionItem')
  @Mutation(() => Conference, { description: 'Something to do: it becomes a step in the plan.' })
  async addActionItem(@CurrentActor() actor: Actor, @Args('input') input: AddActionItemInput): Promise<Conference> {
    return this.read(actor, await this.decisions.addActionItem(actor, input));
  }

  @Permission('minutes.amend')
  @Mutation(() => Conference, { description: 'Closed minutes: append a correction with its reason.' })
  async amendMinutes(@CurrentActor() actor: Actor, @Args('input') input: AmendMinutesInput): Promise<Conference> {
    await this.minutes.amend(actor, input);
    return this.read(actor, input.conferenceId);
  }

  @Permission('minutes.respond')
  @Mutation(() => Conference, { description: 'Participant: ask for a correction, or leave feedback.' })
  async respondToConference(
    @CurrentActor() actor: Actor,
    @Args('input') input: RespondToConferenceInput,
  ): Promise<Conference> {
    await this.minutes.respond(actor, input);
    return this.read(actor, input.conferenceId);
  }

  @Permission('minutes.answerResponse')
  @Mutation(() => Conference, { description: 'Answer the participant’s request or feedback: what we changed.' })
  async answerParticipantResponse(
    @CurrentActor() actor: Actor,
    @Args('input') input: AnswerParticipantResponseInput,
  ): Promise<Conference> {
    return this.read(
      actor,
      await changeOnce(this.dataSource, actor, input, 'answerParticipantResponse', () =>
        this.minutes.answer(actor, input),
      ),
    );
  }

  private async decision(actor: Actor, id: string): Promise<Decision> {
    const row = await this.dataSource.getRepository(DecisionEntity).findOneBy({ id });
    if (!row) throw notFound();
    const viewer = await this.plans.viewer(actor, row.participantId);
    this.plans.requireLabel(viewer, row.label);
    const authors = await Authors.load(this.dataSource, row.participantId, [row.proposedBy, row.answeredBy]);
    return toDecision(row, authors);
  }
}

/** Decisions waiting for the participant appear with everything else waiting for them. */
@Resolver(() => WaitingForYou)
export class WaitingDecisionsResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ResolveField(() => [Decision], { description: 'Participant: conference decisions to agree to or decline.' })
  async decisionsToAnswer(@CurrentActor() actor: Actor): Promise<Decision[]> {
    if (actor.kind !== AccountKind.PARTICIPANT || !actor.participantId) return [];
    const rows = await this.dataSource.getRepository(DecisionEntity).find({
      where: { participantId: actor.participantId, status: DecisionStatus.WAITING_FOR_PARTICIPANT },
      order: { proposedAt: 'ASC' },
    });
    const authors = await Authors.load(
      this.dataSource,
      actor.participantId,
      rows.map((row) => row.proposedBy),
    );
    return rows.map((row) => toDecision(row, authors));
  }
}
