import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgendaItemKind, PlanEventType, SensitivityLabel, strictestLabel } from '@roundtable/contracts';
import { authorize } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, conflict } from '@roundtable/platform';
import { chooseLabel, PlanEventLog, type PlanViewer } from '@roundtable/plan';
import { ConferenceAccess } from './conference-access';
import { AgendaRepository } from './agenda.repository';
import type {
  AddAgendaItemInput,
  AddConferenceNoteInput,
  MoveAgendaItemInput,
  RecordPerspectiveInput,
  SetNotWithoutParticipantInput,
} from './conference.inputs';

const LINKS = [
  { table: 'goal', field: 'input.goalId', key: 'goalId' },
  { table: 'metric', field: 'input.metricId', key: 'metricId' },
  { table: 'step', field: 'input.stepId', key: 'stepId' },
] as const;

/**
 * The agenda and what is said about each item: topics (anyone writing to the plan, the
 * participant included), notes, and one perspective card per person. Everything under an
 * item carries at least the item's label; the participant reads all of it.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly clock: Clock,
    private readonly access: ConferenceAccess,
    private readonly log: PlanEventLog,
    private readonly agenda: AgendaRepository,
  ) {}

  async addItem(actor: Actor, input: AddAgendaItemInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    this.access.assertOpen(conference);
    authorize('agenda.addItem', viewer, input);
    const linked = await this.linkedLabel(viewer, input);
    const label = chooseLabel(viewer, linked, input.label && strictestLabel(input.label, linked));
    const now = this.clock.now();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'addAgendaItem' },
      async ({ manager, append }) => {
        await this.access.assertOpenNow(manager, conference.id);
        const last = await this.agenda.lastSortKey(manager, conference.id);
        const item = await this.agenda.addItem(manager, {
          conferenceId: conference.id,
          participantId: conference.participantId,
          kind: AgendaItemKind.TOPIC,
          sortKey: Math.floor(last) + 1,
          title: input.title.trim(),
          body: input.body.trim(),
          label,
          goalId: input.goalId,
          metricId: input.metricId,
          stepId: input.stepId,
          notWithoutParticipant: input.notWithoutParticipant,
          addedBy: actor.accountId,
          createdAt: now,
        });
        await append({
          participantId: conference.participantId,
          label,
          type: PlanEventType.AGENDA_ITEM_ADDED,
          itemId: item.id,
          actor: actor.accountId,
          payload: { conferenceId: conference.id, summary: `On the agenda: ${item.title}` },
        });
        return item.id;
      },
    );
  }

  /** Reorders topics; nothing moves above the participant's update, and the update never moves. */
  async moveItem(actor: Actor, input: MoveAgendaItemInput): Promise<string> {
    const { item, conference, viewer } = await this.access.itemWriter(actor, input.agendaItemId);
    authorize('agenda.moveItem', item);
    assertVersion(item, input.expectedVersion);
    this.access.assertOpen(conference);
    const all = await this.agenda.agendaOf(conference.id);
    const after = input.afterItemId
      ? all.find((other) => other.id === input.afterItemId && viewer.labels.has(other.label))
      : all.find((other) => other.kind === AgendaItemKind.PARTICIPANT_UPDATE);
    if (!after || after.id === item.id) {
      throw badUserInput('input.afterItemId', 'input.afterItemId: not another item on this agenda');
    }
    await this.log.write(async ({ manager, append }) => {
      await this.access.assertOpenNow(manager, conference.id);
      const sortKey = await this.sortKeyAfter(manager, conference.id, after.id, item.id);
      await this.agenda.updateItem(manager, item.id, input.expectedVersion, {
        sortKey,
        updatedAt: this.clock.now(),
      });
      await append({
        participantId: item.participantId,
        label: item.label,
        type: PlanEventType.AGENDA_ITEM_MOVED,
        itemId: item.id,
        actor: actor.accountId,
        payload: { conferenceId: conference.id, summary: `Agenda reordered: ${item.title}` },
      });
    });
    return conference.id;
  }

  async setNotWithoutParticipant(actor: Actor, input: SetNotWithoutParticipantInput): Promise<string> {
    const { item, conference, viewer } = await this.access.itemWriter(actor, input.agendaItemId);
    authorize('agenda.setNotWithoutParticipant', viewer);
    assertVersion(item, input.expectedVersion);
    this.access.assertOpen(conference);
    await this.log.write(async ({ manager, append }) => {
      await this.access.assertOpenNow(manager, conference.id);
      await this.agenda.updateItem(manager, item.id, input.expectedVersion, {
        notWithoutParticipant: input.notWithoutParticipant,
        updatedAt: this.clock.now(),
      });
      await append({
        participantId: item.participantId,
        label: item.label,
        type: PlanEventType.CONFERENCE_CHANGED,
        itemId: item.id,
        actor: actor.accountId,
        payload: {
          conferenceId: conference.id,
          summary: input.notWithoutParticipant
            ? `Not to be discussed without the participant: ${item.title}`
            : `Can be discussed without the participant: ${item.title}`,
        },
      });
    });
    return conference.id;
  }

  async addNote(actor: Actor, input: AddConferenceNoteInput): Promise<string> {
    const scope = await this.access.itemWriter(actor, input.agendaItemId);
    this.access.assertParticipantPresent(scope);
    this.access.assertOpen(scope.conference);
    const { item } = scope;
    const text = input.text.trim();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'addConferenceNote' },
      async ({ manager, append }) => {
        await this.access.assertOpenNow(manager, item.conferenceId);
        const note = await this.agenda.addNote(manager, {
          conferenceId: item.conferenceId,
          participantId: item.participantId,
          agendaItemId: item.id,
          label: item.label,
          text,
          author: actor.accountId,
          createdAt: this.clock.now(),
        });
        await append({
          participantId: item.participantId,
          label: item.label,
          type: PlanEventType.CONFERENCE_NOTE_ADDED,
          itemId: note.id,
          actor: actor.accountId,
          payload: { conferenceId: item.conferenceId, agendaItemId: item.id, summary: `Note: ${text}` },
        });
        return note.id;
      },
    );
  }

  /** Each person's view of an item on their own card: created once, then changed with its version. */
  async recordPerspective(actor: Actor, input: RecordPerspectiveInput): Promise<string> {
    const scope = await this.access.itemWriter(actor, input.agendaItemId);
    const { item, viewer } = scope;
    this.access.assertParticipantPresent(scope);
    const existing = await this.agenda.perspective(item.id, actor.accountId);
    // Changing their card: which card, at which version.
    let change: { id: string; expectedVersion: number } | null = null;
    if (existing) {
      if (input.expectedVersion === undefined) {
        throw badUserInput('input.expectedVersion', 'input.expectedVersion: needed to change your card');
      }
      assertVersion(existing, input.expectedVersion);
      change = { id: existing.id, expectedVersion: input.expectedVersion };
    }
    this.access.assertOpen(scope.conference);
    const text = input.text.trim();
    const now = this.clock.now();
    const who = viewer.isParticipant ? 'The participant’s' : `${actor.displayName}’s`;
    await this.log.write(async ({ manager, append }) => {
      await this.access.assertOpenNow(manager, item.conferenceId);
      let id = change?.id;
      if (change) {
        await this.agenda.updatePerspective(manager, change.id, change.expectedVersion, {
          text,
          updatedAt: now,
        });
      } else {
        id = await this.agenda.addPerspective(manager, {
          conferenceId: item.conferenceId,
          participantId: item.participantId,
          agendaItemId: item.id,
          label: item.label,
          author: actor.accountId,
          discipline: viewer.isParticipant ? null : actor.discipline,
          text,
          at: now,
        });
      }
      // Two first cards from the same person at once: the second answers CONFLICT, not an error.
      if (!id) throw conflict(1);
      await append({
        participantId: item.participantId,
        label: item.label,
        type: PlanEventType.PERSPECTIVE_RECORDED,
        itemId: id,
        actor: actor.accountId,
        payload: { conferenceId: item.conferenceId, agendaItemId: item.id, summary: `${who} perspective: ${text}` },
      });
    });
    return scope.conference.id;
  }

  /**
   * A sort key just after `afterId` (and before the item after it). When repeated moves have
   * left no room between two keys, the topics are renumbered 1…n first.
   */
  private async sortKeyAfter(
    manager: EntityManager,
    conferenceId: string,
    afterId: string,
    movingId: string,
  ): Promise<number> {
    const keys = async () => {
      const after = await this.agenda.sortKeyOf(manager, afterId);
      return { after, next: await this.agenda.nextSortKey(manager, conferenceId, after, movingId) };
    };
    let { after, next } = await keys();
    if (next !== undefined && next - after < 1e-6) {
      await this.agenda.renumberTopics(manager, conferenceId);
      ({ after, next } = await keys());
    }
    return next === undefined ? after + 1 : (after + next) / 2;
  }

  /** The strictest label of the goal, metric or step an item links to (each in this plan and visible). */
  private async linkedLabel(viewer: PlanViewer, input: AddAgendaItemInput): Promise<SensitivityLabel> {
    let label = SensitivityLabel.GENERAL;
    for (const link of LINKS) {
      const id = input[link.key];
      if (!id) continue;
      const linked = await this.agenda.linkLabel(link.table, id, viewer.participantId);
      if (!linked || !viewer.labels.has(linked)) {
        throw badUserInput(link.field, `${link.field}: not a ${link.table} in this plan`);
      }
      label = strictestLabel(label, linked);
    }
    return label;
  }
}
