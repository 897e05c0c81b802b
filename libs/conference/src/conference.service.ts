import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AccountKind,
  AgendaItemKind,
  AttendeeKind,
  ConferenceStatus,
  PlanEventType,
  SensitivityLabel,
  TeamRole,
} from '@roundtable/contracts';
import { CareTeamStore } from '@roundtable/care-team';
import { AccountEntity, type Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, forbidden, notFound, versionedUpdate } from '@roundtable/platform';
import { chooseLabel, ensurePlan, PlanAccess, PlanEventLog, type NewPlanEvent, type PlanWrite } from '@roundtable/plan';
import { attendeeKindOf, ConferenceAudience } from './audience';
import { ConferenceAccess } from './conference-access';
import { AgendaItemEntity, ConferenceAttendeeEntity, ConferenceEntity } from './conference.entities';
import type {
  AdvanceConferenceInput,
  ConferenceStepInput,
  InviteToConferenceInput,
  RecordParticipantUpdateInput,
  ScheduleConferenceInput,
  SetParticipantAttendsInput,
} from './conference.inputs';
import { tightenUnderAgendaItems } from './conference-labels';
import { assertConferenceVersion, conferenceUpdate, roomVersionsAfterMove } from './room-version';
import { assertTimeZone, localTime } from './local-time';

export const PARTICIPANT_UPDATE_TITLE = 'How things are going: in my own words';

/**
 * Scheduling, attendance, the participant's update, and the live room (start, move along
 * the agenda, close). Every change is a plan event under the label of what it reveals, so
 * the realtime gateway delivers it, in order, to exactly those who may see it.
 */
@Injectable()
export class ConferenceService {
  constructor(
    private readonly clock: Clock,
    private readonly plans: PlanAccess,
    private readonly access: ConferenceAccess,
    private readonly audience: ConferenceAudience,
    private readonly store: CareTeamStore,
    private readonly log: PlanEventLog,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async schedule(actor: Actor, input: ScheduleConferenceInput): Promise<string> {
    const viewer = await this.plans.writer(actor, input.participantId);
    assertTimeZone(input.timeZone, 'input.timeZone');
    const facilitatorId = input.facilitatorId ?? (actor.kind === AccountKind.STAFF ? actor.accountId : undefined);
    if (!facilitatorId) throw badUserInput('input.facilitatorId', 'input.facilitatorId: who runs the room?');
    const team = await this.teamStaff(input.participantId);
    if (!team.has(facilitatorId)) {
      throw badUserInput('input.facilitatorId', 'input.facilitatorId: not a team member of this care team');
    }
    if (input.teamMemberIds.some((id) => !team.has(id))) {
      throw badUserInput('input.teamMemberIds', 'input.teamMemberIds: not all are members of this care team');
    }
    const now = this.clock.now();
    const scheduledFor = new Date(input.scheduledFor);
    const title = input.title.trim();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'scheduleConference' },
      async ({ manager, append }) => {
        await ensurePlan(manager, input.participantId, now);
        const conference = await manager.save(
          manager.create(ConferenceEntity, {
            participantId: input.participantId,
            title,
            scheduledFor,
            timeZone: input.timeZone,
            participantAttends: input.participantAttends,
            facilitatorId,
            status: ConferenceStatus.SCHEDULED,
            currentItemId: null,
            startedAt: null,
            closedAt: null,
            closedBy: null,
            createdBy: actor.accountId,
            createdAt: now,
            version: 1,
          }),
        );
        for (const accountId of new Set([facilitatorId, ...input.teamMemberIds])) {
          await manager.insert(ConferenceAttendeeEntity, {
            conferenceId: conference.id,
            participantId: input.participantId,
            accountId,
            kind: AttendeeKind.TEAM_MEMBER,
            invitedBy: actor.accountId,
            invitedAt: now,
          });
        }
        // Participant voice first: item 1 exists from the start, sorted at 0 (a CHECK keeps it there).
        await manager.insert(AgendaItemEntity, {
          conferenceId: conference.id,
          participantId: input.participantId,
          kind: AgendaItemKind.PARTICIPANT_UPDATE,
          sortKey: 0,
          title: PARTICIPANT_UPDATE_TITLE,
          body: '',
          label: SensitivityLabel.GENERAL,
          goalId: null,
          metricId: null,
          stepId: null,
          notWithoutParticipant: false,
          addedBy: actor.accountId,
          writtenWith: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await append({
          participantId: viewer.participantId,
          label: SensitivityLabel.GENERAL,
          type: PlanEventType.CONFERENCE_SCHEDULED,
          itemId: conference.id,
          actor: actor.accountId,
          payload: {
            conferenceId: conference.id,
            summary: `Care conference scheduled: ${title}, ${localTime(scheduledFor, input.timeZone)} (${input.timeZone})`,
          },
        });
        return conference.id;
      },
    );
  }

  /** Team members join by any writer; a support person only at the participant's invitation. */
  async invite(actor: Actor, input: InviteToConferenceInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ id: input.accountId });
    const members = (await this.store.currentMembers([conference.participantId], this.clock.now())).get(
      conference.participantId,
    );
    const member = members?.find((m) => m.accountId === input.accountId);
    if (member?.teamRole === TeamRole.SUPPORT_PERSON && !viewer.isParticipant && !input.withParticipant) {
      throw forbidden('Support persons come at the participant’s invitation (withParticipant when they are with you)');
    }
    if (!account || !member) throw badUserInput('input.accountId', 'input.accountId: not on this care team');
    this.access.assertOpen(conference);
    const now = this.clock.now();
    await this.log.write(async ({ manager, append }) => {
      await this.access.assertOpenNow(manager, conference.id);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO conference_attendee (conference_id, participant_id, account_id, kind, invited_by, invited_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING account_id`,
        [conference.id, conference.participantId, account.id, attendeeKindOf(account), actor.accountId, now],
      );
      if (inserted.length === 0) return; // already invited: nothing changes
      await this.changed(append, conference, actor, `${account.displayName} invited to ${conference.title}`);
    });
    return conference.id;
  }

  async setParticipantAttends(actor: Actor, input: SetParticipantAttendsInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    // Once the room is open, attendance decides what may be agreed and discussed there:
    // only the participant changes it then (a team member cannot declare them present).
    if (conference.status !== ConferenceStatus.SCHEDULED && !viewer.isParticipant) {
      throw forbidden('Once the conference has started, only the participant changes whether they attend');
    }
    assertConferenceVersion(conference, viewer.labels, input.expectedVersion);
    this.access.assertOpen(conference);
    await this.log.write(async ({ manager, append }) => {
      await conferenceUpdate(manager, conference, viewer.labels, input.expectedVersion, {
        participantAttends: input.attends,
      });
      await this.changed(
        append,
        conference,
        actor,
        input.attends ? 'The participant will attend' : 'The participant will not attend; their update is read first',
      );
    });
    return conference.id;
  }

  /** The participant's own words (or written with them), read first by everyone who may see it. */
  async recordParticipantUpdate(actor: Actor, input: RecordParticipantUpdateInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    const update = await this.dataSource
      .getRepository(AgendaItemEntity)
      .findOneByOrFail({ conferenceId: conference.id, kind: AgendaItemKind.PARTICIPANT_UPDATE });
    this.plans.requireLabel(viewer, update.label);
    if (!viewer.isParticipant && !input.writtenWithParticipant) {
      throw forbidden('The update is the participant’s: record it with them (writtenWithParticipant)');
    }
    assertVersion(update, input.expectedVersion);
    this.access.assertOpen(conference);
    // The participant decides who reads their own words; a team member may only keep or tighten their choice.
    const label = viewer.isParticipant ? (input.label ?? update.label) : chooseLabel(viewer, update.label, input.label);
    await this.log.write(async ({ manager, append }) => {
      await this.access.assertOpenNow(manager, conference.id);
      await versionedUpdate(manager, AgendaItemEntity, update.id, input.expectedVersion, {
        body: input.text.trim(),
        label,
        writtenWith: viewer.isParticipant ? null : actor.accountId,
        updatedAt: this.clock.now(),
      });
      // What was said under item 1 is at least as protected as the update now is.
      await tightenUnderAgendaItems(manager, [update.id], label);
      await append({
        participantId: conference.participantId,
        label,
        type: PlanEventType.PARTICIPANT_UPDATE_RECORDED,
        itemId: update.id,
        actor: actor.accountId,
        payload: {
          conferenceId: conference.id,
          summary: `The participant’s update for ${conference.title} is ready${viewer.isParticipant ? '' : ' (written with the participant)'}`,
        },
      });
    });
    return conference.id;
  }

  /** Opens the live room on item 1, the participant's update. */
  async start(actor: Actor, input: ConferenceStepInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    assertConferenceVersion(conference, viewer.labels, input.expectedVersion);
    this.access.assertOpen(conference);
    if (conference.status !== ConferenceStatus.SCHEDULED) {
      throw badUserInput('input.conferenceId', 'input.conferenceId: this conference has already started');
    }
    const update = await this.dataSource
      .getRepository(AgendaItemEntity)
      .findOneByOrFail({ conferenceId: conference.id, kind: AgendaItemKind.PARTICIPANT_UPDATE });
    const now = this.clock.now();
    const announcement = await this.nowDiscussing(conference, update, actor);
    await this.log.write(async (write) => {
      await conferenceUpdate(write.manager, conference, viewer.labels, input.expectedVersion, {
        status: ConferenceStatus.IN_PROGRESS,
        startedAt: now,
        currentItemId: update.id,
      });
      await write.append({
        participantId: conference.participantId,
        label: SensitivityLabel.GENERAL,
        type: PlanEventType.CONFERENCE_STARTED,
        itemId: conference.id,
        actor: actor.accountId,
        payload: { conferenceId: conference.id, summary: `${conference.title} has started` },
      });
      await write.append(announcement);
    });
    return conference.id;
  }

  /**
   * Moves the room to an item (or the next one the actor can see). Items the actor cannot
   * see are skipped rather than revealed; "not without me" topics wait for the participant.
   */
  async advance(actor: Actor, input: AdvanceConferenceInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    assertConferenceVersion(conference, viewer.labels, input.expectedVersion);
    this.access.assertOpen(conference);
    if (conference.status !== ConferenceStatus.IN_PROGRESS) {
      throw badUserInput('input.conferenceId', 'input.conferenceId: start the conference first');
    }
    const all = await this.dataSource
      .getRepository(AgendaItemEntity)
      .find({ where: { conferenceId: conference.id }, order: { sortKey: 'ASC' } });
    const items = all.filter((item) => viewer.labels.has(item.label));
    let target: AgendaItemEntity | undefined;
    if (input.toItemId) {
      target = items.find((item) => item.id === input.toItemId);
      if (!target) throw notFound();
      if (target.notWithoutParticipant && !conference.participantAttends) {
        throw forbidden('The participant asked that this topic not be discussed without them');
      }
    } else {
      // Where the room is, even when that item is hidden from the actor (never back to the start).
      const currentKey = all.find((item) => item.id === conference.currentItemId)?.sortKey ?? -1;
      target = items.find(
        (item) => item.sortKey > currentKey && (conference.participantAttends || !item.notWithoutParticipant),
      );
      if (!target) {
        throw badUserInput(
          'input.toItemId',
          'input.toItemId: nothing further on the agenda; close it when you are done',
        );
      }
    }
    const chosen = target;
    const announcement = await this.nowDiscussing(conference, chosen, actor);
    await this.log.write(async (write) => {
      // A move counts only for those whose visible position it changes (issue 13, finding 6).
      await conferenceUpdate(
        write.manager,
        conference,
        viewer.labels,
        input.expectedVersion,
        { currentItemId: chosen.id },
        roomVersionsAfterMove(conference.roomVersions, all, conference.currentItemId, chosen.id),
      );
      await write.append(announcement);
    });
    return conference.id;
  }

  /** Locks the minutes: from now on corrections are appended amendments. */
  async close(actor: Actor, input: ConferenceStepInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    assertConferenceVersion(conference, viewer.labels, input.expectedVersion);
    this.access.assertOpen(conference);
    const now = this.clock.now();
    await this.log.write(async ({ manager, append }) => {
      await conferenceUpdate(manager, conference, viewer.labels, input.expectedVersion, {
        status: ConferenceStatus.CLOSED,
        closedAt: now,
        closedBy: actor.accountId,
        currentItemId: null,
      });
      await append({
        participantId: conference.participantId,
        label: SensitivityLabel.GENERAL,
        type: PlanEventType.CONFERENCE_CLOSED,
        itemId: conference.id,
        actor: actor.accountId,
        payload: { conferenceId: conference.id, summary: `${conference.title} closed; the minutes are final` },
      });
    });
    return conference.id;
  }

  /**
   * "Now discussing …", under the item's own label: only those who may see the item hear of
   * it on screen, and they are told whose screens do not show it (those people still hear it).
   * Read before the transaction opens, so a live move never holds two connections.
   */
  private async nowDiscussing(
    conference: ConferenceEntity,
    item: AgendaItemEntity,
    actor: Actor,
  ): Promise<NewPlanEvent> {
    const audience = await this.audience.load(conference.participantId, [conference.id]);
    const hidden = audience.hiddenFrom(conference.id, item.label).map((person) => person.displayName);
    const warning = hidden.length
      ? ` — not on the screen of ${hidden.join(', ')}; they will still hear it in the room`
      : '';
    return {
      participantId: conference.participantId,
      label: item.label,
      type: PlanEventType.AGENDA_ADVANCED,
      itemId: item.id,
      actor: actor.accountId,
      payload: { conferenceId: conference.id, summary: `Now discussing: ${item.title}${warning}` },
    };
  }

  private async changed(
    append: PlanWrite['append'],
    conference: ConferenceEntity,
    actor: Actor,
    summary: string,
  ): Promise<void> {
    await append({
      participantId: conference.participantId,
      label: SensitivityLabel.GENERAL,
      type: PlanEventType.CONFERENCE_CHANGED,
      itemId: conference.id,
      actor: actor.accountId,
      payload: { conferenceId: conference.id, summary },
    });
  }

  private async teamStaff(participantId: string): Promise<Set<string>> {
    const members = (await this.store.currentMembers([participantId], this.clock.now())).get(participantId) ?? [];
    return new Set(members.filter((m) => m.teamRole !== TeamRole.SUPPORT_PERSON).map((m) => m.accountId));
  }
}
