import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AccountKind,
  AgendaItemKind,
  AttendeeKind,
  ConferenceStatus,
  PlanEventType,
  SensitivityLabel,
  strictestLabel,
  TeamRole,
} from '@roundtable/contracts';
import { authorize, ParticipantVoicePolicy } from '@roundtable/access';
import { CareTeamRepository } from '@roundtable/care-team';
import { AccountEntity, type Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, notFound } from '@roundtable/platform';
import {
  chooseLabel,
  ensurePlan,
  entryPayload,
  entryTarget,
  PlanAccess,
  PlanEventLog,
  WrittenWithYouKind,
  WrittenWithYouService,
  type NewPlanEvent,
  type PlanWrite,
} from '@roundtable/plan';
import { attendeeKindOf, ConferenceAudience } from './audience';
import { CONFERENCE_LABEL, ConferenceAccess, type ConferenceScope } from './conference-access';
import type { AgendaItemEntity, ConferenceEntity } from './conference.entities';
import type { ConferencePerson } from './conference.models';
import type {
  AdvanceConferenceInput,
  ConferenceStepInput,
  InviteToConferenceInput,
  NameCoFacilitatorInput,
  RecordParticipantUpdateInput,
  ScheduleConferenceInput,
  SetParticipantAttendsInput,
} from './conference.inputs';
import { ConferenceLabels } from './conference-labels';
import { AgendaRepository } from './agenda.repository';
import { ConferenceRepository } from './conference.repository';
import {
  assertConferenceVersion,
  conferenceUpdate,
  conferenceVersionSeen,
  roomVersionsAfterMove,
} from './room-version';
import { assertTimeZone, localTime } from './local-time';

export const PARTICIPANT_UPDATE_TITLE = 'How things are going: in my own words';

/**
 * Scheduling, attendance, the participant's update, and the live room (start, move along
 * the agenda, close). Every change is a plan event under the label of what it reveals, so
 * the realtime gateway delivers it, in order, to exactly those who may see it.
 */
@Injectable()
export class ConferenceService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly plans: PlanAccess,
    private readonly access: ConferenceAccess,
    private readonly audience: ConferenceAudience,
    private readonly store: CareTeamRepository,
    private readonly log: PlanEventLog,
    private readonly voice: ParticipantVoicePolicy,
    private readonly writtenWithYou: WrittenWithYouService,
    private readonly conferences: ConferenceRepository,
    private readonly agenda: AgendaRepository,
    private readonly conferenceLabels: ConferenceLabels,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** What a team member wrote down with the participant applies only when they confirm it (rules 1, 2, 3). */
  onModuleInit(): void {
    this.writtenWithYou.onAccept(WrittenWithYouKind.PARTICIPANT_UPDATE, async (write, entry, participant, answer) => {
      const update = await this.agenda.lockedToWrite(write.manager, entryTarget(entry));
      if (!update) throw notFound();
      const conference = await this.conferences.conferenceIn(write.manager, update.conferenceId);
      await this.access.assertOpenNow(write.manager, conference.id);
      await this.writeUpdate(write, conference, update, participant, {
        text: answer.text ?? entry.text,
        // Never looser than what the participant has chosen for item 1 since.
        label: strictestLabel(update.label, entry.label),
        writtenWith: answer.text && answer.text !== entry.text ? null : entry.writtenBy,
        expectedVersion: update.version,
        how: ' (confirmed by the participant)',
      });
    });
    this.writtenWithYou.register(
      WrittenWithYouKind.CONFERENCE_INVITATION,
      async (write, entry, participant, answer) => {
        if (!answer.accept) return;
        const conference = await this.conferences.conferenceIn(write.manager, entryTarget(entry));
        await this.access.assertOpenNow(write.manager, conference.id);
        const { accountId } = entryPayload(entry, WrittenWithYouKind.CONFERENCE_INVITATION);
        const account = await write.manager.findOneByOrFail(AccountEntity, { id: accountId });
        await this.insertAttendee(write, conference, account, participant);
      },
    );
  }

  async schedule(actor: Actor, input: ScheduleConferenceInput): Promise<string> {
    const viewer = await this.plans.writer(actor, input.participantId);
    // Rule 2/3: staff invite; presence is the participant's to mark (their device or a co-sign).
    const attends =
      input.participantAttends &&
      (viewer.isParticipant ||
        (Boolean(input.coSign) &&
          (await this.voice.voice(actor, input.participantId, input.coSign)).mode === 'CO_SIGNED'));
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
        const conference = await this.conferences.add(manager, {
          participantId: input.participantId,
          title,
          scheduledFor,
          timeZone: input.timeZone,
          participantAttends: attends,
          participantInvited: input.participantAttends && !viewer.isParticipant,
          facilitatorId,
          coFacilitatorId: null,
          status: ConferenceStatus.SCHEDULED,
          currentItemId: null,
          startedAt: null,
          closedAt: null,
          closedBy: null,
          createdBy: actor.accountId,
          createdAt: now,
          version: 1,
        });
        for (const accountId of new Set([facilitatorId, ...input.teamMemberIds])) {
          await this.conferences.insertAttendee(manager, {
            conferenceId: conference.id,
            participantId: input.participantId,
            accountId,
            kind: AttendeeKind.TEAM_MEMBER,
            invitedBy: actor.accountId,
            invitedAt: now,
          });
        }
        // Participant voice first: item 1 exists from the start, sorted at 0 (a CHECK keeps it there).
        await this.agenda.insertItem(manager, {
          conferenceId: conference.id,
          participantId: input.participantId,
          kind: AgendaItemKind.PARTICIPANT_UPDATE,
          sortKey: 0,
          title: PARTICIPANT_UPDATE_TITLE,
          body: '',
          label: SensitivityLabel.GENERAL,
          notWithoutParticipant: false,
          addedBy: actor.accountId,
          createdAt: now,
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
    const supportPerson = member?.teamRole === TeamRole.SUPPORT_PERSON;
    authorize('conference.invite', viewer, { isSupportPerson: supportPerson }, input);
    if (!account || !member) throw badUserInput('input.accountId', 'input.accountId: not on this care team');
    this.access.assertOpen(conference);
    // Rule 3: a support person comes at the participant's own invitation; written down by staff, it waits.
    const voice = supportPerson ? await this.voice.voice(actor, conference.participantId, input.coSign) : null;
    await this.log.write(async (write) => {
      await this.access.assertOpenNow(write.manager, conference.id);
      if (voice?.mode === 'WAITING') {
        await this.writtenWithYou.record(write, {
          participantId: conference.participantId,
          kind: WrittenWithYouKind.CONFERENCE_INVITATION,
          label: SensitivityLabel.GENERAL,
          text: `Invite ${account.displayName} to ${conference.title}`,
          payload: { accountId: account.id },
          targetId: conference.id,
          writtenBy: actor.accountId,
        });
        return;
      }
      await this.insertAttendee(write, conference, account, actor);
    });
    return conference.id;
  }

  private async insertAttendee(
    { manager, append }: PlanWrite,
    conference: ConferenceEntity,
    account: AccountEntity,
    actor: Actor,
  ): Promise<void> {
    const inserted = await this.conferences.addAttendee(manager, {
      conferenceId: conference.id,
      participantId: conference.participantId,
      accountId: account.id,
      kind: attendeeKindOf(account),
      invitedBy: actor.accountId,
      invitedAt: this.clock.now(),
    });
    if (!inserted) return; // already invited: nothing changes
    await this.changed(append, conference, actor, `${account.displayName} invited to ${conference.title}`);
  }

  async setParticipantAttends(actor: Actor, input: SetParticipantAttendsInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    // Presence decides what may be agreed and discussed in the room (rules 2, 3): it is the
    // participant's to mark, on their device or by co-sign. A team member's "attends" is an
    // invitation; a team member may say they will not come only before the room opens.
    const coSigned =
      !viewer.isParticipant &&
      Boolean(input.coSign) &&
      (await this.voice.voice(actor, conference.participantId, input.coSign)).mode === 'CO_SIGNED';
    const theirs = viewer.isParticipant || coSigned;
    authorize('conference.setParticipantAttends', { theirs }, input, conference);
    assertConferenceVersion(conference, viewer.labels, input.expectedVersion);
    this.access.assertOpen(conference);
    const changes: Partial<ConferenceEntity> =
      !theirs && input.attends ? { participantInvited: true } : { participantAttends: input.attends };
    await this.log.write(async ({ manager, append }) => {
      await conferenceUpdate(manager, conference, viewer.labels, input.expectedVersion, changes);
      await this.changed(
        append,
        conference,
        actor,
        !theirs && input.attends
          ? 'The participant is invited to attend'
          : input.attends
            ? `The participant will attend${coSigned ? ' (co-signed)' : ''}`
            : 'The participant will not attend; their update is read first',
      );
    });
    return conference.id;
  }

  /** The participant's own words (or written with them), read first by everyone who may see it. */
  async recordParticipantUpdate(actor: Actor, input: RecordParticipantUpdateInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    const update = await this.agenda.participantUpdateOf(conference.id);
    this.plans.requireLabel(viewer, update.label);
    authorize('conference.recordParticipantUpdate', viewer, input);
    assertVersion(update, input.expectedVersion);
    this.access.assertOpen(conference);
    const voice = await this.voice.voice(actor, conference.participantId, input.coSign);
    // The participant decides who reads their own words; a team member may only keep or tighten their choice.
    const label = viewer.isParticipant ? (input.label ?? update.label) : chooseLabel(viewer, update.label, input.label);
    const text = input.text.trim();
    await this.log.write(async (write) => {
      await this.access.assertOpenNow(write.manager, conference.id);
      if (voice.mode === 'WAITING') {
        // Rules 1, 2: held beside item 1 until the participant confirms it; their words stay as they are.
        await this.writtenWithYou.record(write, {
          participantId: conference.participantId,
          kind: WrittenWithYouKind.PARTICIPANT_UPDATE,
          label,
          text,
          payload: { conferenceId: conference.id },
          targetId: update.id,
          writtenBy: actor.accountId,
          summary: `Their update for ${conference.title}, written with them`,
        });
        return;
      }
      await this.writeUpdate(write, conference, update, actor, {
        text,
        label,
        writtenWith: viewer.isParticipant ? null : actor.accountId,
        expectedVersion: input.expectedVersion,
        how: voice.mode === 'CO_SIGNED' ? ' (written with the participant, co-signed)' : '',
      });
    });
    return conference.id;
  }

  private async writeUpdate(
    { manager, append }: PlanWrite,
    conference: ConferenceEntity,
    update: AgendaItemEntity,
    actor: Actor,
    what: { text: string; label: SensitivityLabel; writtenWith: string | null; expectedVersion: number; how: string },
  ): Promise<void> {
    await this.agenda.updateItem(manager, update.id, what.expectedVersion, {
      body: what.text,
      label: what.label,
      writtenWith: what.writtenWith,
      updatedAt: this.clock.now(),
    });
    // What was said under item 1 is at least as protected as the update now is.
    await this.conferenceLabels.tightenUnderAgendaItems(manager, [update.id], what.label);
    await append({
      participantId: conference.participantId,
      label: what.label,
      type: PlanEventType.PARTICIPANT_UPDATE_RECORDED,
      itemId: update.id,
      actor: actor.accountId,
      payload: {
        conferenceId: conference.id,
        summary: `The participant’s update for ${conference.title} is ready${what.how}`,
      },
    });
  }

  /**
   * Issue 17: the facilitator names one co-facilitator, who may then start, move and close the
   * room with them (ConferencePolicy.runTheRoom), or clears it (null). The one named is a staff
   * member on the care team now, attending this conference, who may see it; anyone else (off the
   * team, a support person, unknown) gets the same BAD_USER_INPUT, so the answer tells nothing
   * the facilitator cannot already see (rule 11). The co-facilitator is general content, like
   * the facilitator: every viewer's version moves once and open rooms hear CONFERENCE_CHANGED.
   * Changed while the room is open, it bumps the version: a move the previous co-facilitator
   * already has in flight fails on it (CONFLICT), and any later one is FORBIDDEN.
   */
  async nameCoFacilitator(actor: Actor, input: NameCoFacilitatorInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    authorize(
      'conference.nameCoFacilitator',
      { accountId: actor.accountId, isParticipant: viewer.isParticipant },
      conference,
    );
    this.access.assertOpen(conference);
    const accountId = input.accountId ?? null;
    const named = accountId ? await this.coFacilitatorCandidate(conference, accountId) : null;
    await this.log.write(async ({ manager, append }) => {
      // The row as it is now, held until commit: no expected version to race against, and
      // only the facilitator writes this field, so the last choice they made stands.
      const current = await this.conferences.lockedToWrite(manager, conference.id);
      if (!current) throw notFound();
      this.access.assertOpen(current);
      if (current.coFacilitatorId === accountId) return; // already so: nothing changes
      await conferenceUpdate(manager, current, viewer.labels, conferenceVersionSeen(current, viewer.labels), {
        coFacilitatorId: accountId,
      });
      await this.changed(
        append,
        current,
        actor,
        named ? `${named.displayName} co-facilitates ${current.title}` : `${current.title} has no co-facilitator now`,
      );
    });
    return conference.id;
  }

  /** A staff member on the team now, attending this conference and able to see it; one answer for anyone else. */
  private async coFacilitatorCandidate(conference: ConferenceEntity, accountId: string): Promise<ConferencePerson> {
    if (accountId === conference.facilitatorId) {
      throw badUserInput('input.accountId', 'input.accountId: the facilitator already runs the room');
    }
    const [staff, audience] = await Promise.all([
      this.teamStaff(conference.participantId),
      this.audience.load(conference.participantId, [conference.id]),
    ]);
    const attendee = audience
      .attendees(conference.id)
      .find(
        (member) => member.person.accountId === accountId && member.person.attendeeKind === AttendeeKind.TEAM_MEMBER,
      );
    if (!staff.has(accountId) || !attendee?.labels.has(CONFERENCE_LABEL)) {
      throw badUserInput(
        'input.accountId',
        'input.accountId: name a staff member of this care team who attends this conference',
      );
    }
    return attendee.person;
  }

  /**
   * Start, move and close share their first checks, in this order: who runs the room
   * (ConferenceAccess.roomRunner), the version they read, then the minutes still open.
   */
  private async runRoom(
    actor: Actor,
    input: { conferenceId: string; expectedVersion: number },
    permission: 'conference.start' | 'conference.advance' | 'conference.close',
  ): Promise<ConferenceScope> {
    const scope = await this.access.roomRunner(actor, input.conferenceId, permission);
    assertConferenceVersion(scope.conference, scope.viewer.labels, input.expectedVersion);
    this.access.assertOpen(scope.conference);
    return scope;
  }

  /** Opens the live room on item 1, the participant's update. */
  async start(actor: Actor, input: ConferenceStepInput): Promise<string> {
    const { conference, viewer } = await this.runRoom(actor, input, 'conference.start');
    if (conference.status !== ConferenceStatus.SCHEDULED) {
      throw badUserInput('input.conferenceId', 'input.conferenceId: this conference has already started');
    }
    const update = await this.agenda.participantUpdateOf(conference.id);
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
    const { conference, viewer } = await this.runRoom(actor, input, 'conference.advance');
    if (conference.status !== ConferenceStatus.IN_PROGRESS) {
      throw badUserInput('input.conferenceId', 'input.conferenceId: start the conference first');
    }
    const all = await this.agenda.agendaOf(conference.id);
    const items = all.filter((item) => viewer.labels.has(item.label));
    let target: AgendaItemEntity | undefined;
    if (input.toItemId) {
      target = items.find((item) => item.id === input.toItemId);
      if (!target) throw notFound();
      authorize('conference.advance:topic', {
        notWithoutParticipant: target.notWithoutParticipant,
        participantAttends: conference.participantAttends,
      });
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
    const { conference, viewer } = await this.runRoom(actor, input, 'conference.close');
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
