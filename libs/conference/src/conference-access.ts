import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SensitivityLabel } from '@roundtable/contracts';
import { authorize } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { notFound } from '@roundtable/platform';
import { PlanAccess, type PlanViewer } from '@roundtable/plan';
import { AgendaRepository } from './agenda.repository';
import type { AgendaItemEntity, ConferenceEntity } from './conference.entities';
import { ConferenceRepository } from './conference.repository';

export interface ConferenceScope {
  conference: ConferenceEntity;
  viewer: PlanViewer;
}

export interface AgendaItemScope extends ConferenceScope {
  item: AgendaItemEntity;
}

/**
 * The conference record itself (title, time, attendees) is general content: someone who
 * sees nothing general in the plan does not see the conference at all.
 */
export const CONFERENCE_LABEL = SensitivityLabel.GENERAL;

/**
 * A conference is part of the participant's record: whoever may read their plan may read
 * it (filtered by label), and whoever may write to the plan may take part in writing it.
 * Checks in order: visibility, then the right to write, then state.
 */
@Injectable()
export class ConferenceAccess {
  constructor(
    private readonly plans: PlanAccess,
    private readonly conferences: ConferenceRepository,
    private readonly agenda: AgendaRepository,
  ) {}

  async reader(actor: Actor, conferenceId: string): Promise<ConferenceScope> {
    const conference = await this.find(conferenceId);
    const viewer = await this.plans.viewer(actor, conference.participantId);
    this.plans.requireLabel(viewer, CONFERENCE_LABEL);
    return { conference, viewer };
  }

  async writer(actor: Actor, conferenceId: string): Promise<ConferenceScope> {
    const conference = await this.find(conferenceId);
    return { conference, viewer: await this.plans.itemWriter(actor, conference.participantId, CONFERENCE_LABEL) };
  }

  /**
   * Issue 17: whoever starts, moves or closes the room. In order: visibility (NOT_FOUND), the
   * right to write, which checks a staff caller's care-team membership now (so a facilitator
   * or co-facilitator who left the team is refused whatever the conference still names), and
   * only then the permission's rule (ConferencePolicy.runTheRoom): the facilitator or their
   * co-facilitator (FORBIDDEN).
   */
  async roomRunner(
    actor: Actor,
    conferenceId: string,
    permission: 'conference.start' | 'conference.advance' | 'conference.close',
  ): Promise<ConferenceScope> {
    const scope = await this.writer(actor, conferenceId);
    authorize(permission, { accountId: actor.accountId, isParticipant: scope.viewer.isParticipant }, scope.conference);
    return scope;
  }

  /** An agenda item the actor may see and write under; a hidden one answers like an unknown id. */
  async itemWriter(actor: Actor, agendaItemId: string): Promise<AgendaItemScope> {
    const item = await this.agenda.agendaItem(agendaItemId);
    if (!item) throw notFound();
    const viewer = await this.plans.itemWriter(actor, item.participantId, CONFERENCE_LABEL, item.label);
    return { item, viewer, conference: await this.find(item.conferenceId) };
  }

  /** Write access to something inside a conference (a decision, a response) under its label. */
  labelledWriter(actor: Actor, participantId: string, label: SensitivityLabel): Promise<PlanViewer> {
    return this.plans.itemWriter(actor, participantId, CONFERENCE_LABEL, label);
  }

  /**
   * Inside a writing transaction: waits for a concurrent close to commit (the row lock) and
   * refuses if the minutes are closed, so nothing lands in minutes closed a moment earlier.
   */
  async assertOpenNow(manager: EntityManager, conferenceId: string): Promise<void> {
    authorize('shared:minutesOpen', { status: await this.conferences.statusForShare(manager, conferenceId) });
  }

  assertOpen(conference: ConferenceEntity): void {
    authorize('shared:minutesOpen', conference);
  }

  /** "Not without me": such a topic is discussed only when the participant attends. */
  assertParticipantPresent(scope: AgendaItemScope): void {
    authorize('shared:notWithoutParticipant', scope.viewer, {
      notWithoutParticipant: scope.item.notWithoutParticipant,
      participantAttends: scope.conference.participantAttends,
    });
  }

  private async find(conferenceId: string): Promise<ConferenceEntity> {
    const conference = await this.conferences.conference(conferenceId);
    if (!conference) throw notFound();
    return conference;
  }
}
