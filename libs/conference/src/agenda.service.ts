import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgendaItemKind, PlanEventType, SensitivityLabel, strictestLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, forbidden, versionedUpdate } from '@roundtable/platform';
import { chooseLabel, PlanEventLog, type PlanViewer } from '@roundtable/plan';
import { ConferenceAccess } from './conference-access';
import { AgendaItemEntity, ConferenceNoteEntity, PerspectiveEntity } from './conference.entities';
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
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async addItem(actor: Actor, input: AddAgendaItemInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    this.access.assertOpen(conference);
    if (input.notWithoutParticipant && !viewer.isParticipant) {
      throw forbidden('Only the participant marks a topic “not without me”');
    }
    const linked = await this.linkedLabel(viewer, input);
    const label = chooseLabel(viewer, linked, input.label && strictestLabel(input.label, linked));
    const now = this.clock.now();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'addAgendaItem' },
      async ({ manager, append }) => {
        const [{ last }]: { last: number }[] = await manager.query(
          'SELECT COALESCE(MAX(sort_key), 0) AS last FROM agenda_item WHERE conference_id = $1',
          [conference.id],
        );
        const item = await manager.save(
          manager.create(AgendaItemEntity, {
            conferenceId: conference.id,
            participantId: conference.participantId,
            kind: AgendaItemKind.TOPIC,
            sortKey: Math.floor(last) + 1,
            title: input.title.trim(),
            body: input.body.trim(),
            label,
            goalId: input.goalId ?? null,
            metricId: input.metricId ?? null,
            stepId: input.stepId ?? null,
            notWithoutParticipant: input.notWithoutParticipant,
            addedBy: actor.accountId,
            writtenWith: null,
            createdAt: now,
            updatedAt: now,
            version: 1,
          }),
        );
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
    if (item.kind === AgendaItemKind.PARTICIPANT_UPDATE) {
      throw forbidden('The participant’s update is always item 1');
    }
    assertVersion(item, input.expectedVersion);
    this.access.assertOpen(conference);
    const all = await this.dataSource
      .getRepository(AgendaItemEntity)
      .find({ where: { conferenceId: conference.id }, order: { sortKey: 'ASC' } });
    const after = input.afterItemId
      ? all.find((other) => other.id === input.afterItemId && viewer.labels.has(other.label))
      : all.find((other) => other.kind === AgendaItemKind.PARTICIPANT_UPDATE);
    if (!after || after.id === item.id) {
      throw badUserInput('input.afterItemId', 'input.afterItemId: not another item on this agenda');
    }
    const next = all.find((other) => other.sortKey > after.sortKey && other.id !== item.id);
    const sortKey = next ? (after.sortKey + next.sortKey) / 2 : after.sortKey + 1;
    await this.log.write(async ({ manager, append }) => {
      await versionedUpdate(manager, AgendaItemEntity, item.id, input.expectedVersion, {
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
    if (!viewer.isParticipant) throw forbidden('Only the participant marks a topic “not without me”');
    assertVersion(item, input.expectedVersion);
    this.access.assertOpen(conference);
    await this.log.write(async ({ manager, append }) => {
      await versionedUpdate(manager, AgendaItemEntity, item.id, input.expectedVersion, {
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
    this.access.assertOpen(scope.conference);
    this.access.assertParticipantPresent(scope);
    const { item } = scope;
    const text = input.text.trim();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'addConferenceNote' },
      async ({ manager, append }) => {
        const note = await manager.save(
          manager.create(ConferenceNoteEntity, {
            conferenceId: item.conferenceId,
            participantId: item.participantId,
            agendaItemId: item.id,
            label: item.label,
            text,
            author: actor.accountId,
            createdAt: this.clock.now(),
          }),
        );
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
    const existing = await this.dataSource
      .getRepository(PerspectiveEntity)
      .findOneBy({ agendaItemId: item.id, author: actor.accountId });
    if (existing) {
      if (input.expectedVersion === undefined) {
        throw badUserInput('input.expectedVersion', 'input.expectedVersion: needed to change your card');
      }
      assertVersion(existing, input.expectedVersion);
    }
    this.access.assertOpen(scope.conference);
    this.access.assertParticipantPresent(scope);
    const text = input.text.trim();
    const now = this.clock.now();
    const who = viewer.isParticipant ? 'The participant’s' : `${actor.displayName}’s`;
    await this.log.write(async ({ manager, append }) => {
      let id = existing?.id;
      if (existing) {
        await versionedUpdate(manager, PerspectiveEntity, existing.id, input.expectedVersion!, {
          text,
          updatedAt: now,
        });
      } else {
        id = (
          await manager.save(
            manager.create(PerspectiveEntity, {
              conferenceId: item.conferenceId,
              participantId: item.participantId,
              agendaItemId: item.id,
              label: item.label,
              author: actor.accountId,
              discipline: viewer.isParticipant ? null : actor.discipline,
              text,
              createdAt: now,
              updatedAt: now,
              version: 1,
            }),
          )
        ).id;
      }
      await append({
        participantId: item.participantId,
        label: item.label,
        type: PlanEventType.PERSPECTIVE_RECORDED,
        itemId: id!,
        actor: actor.accountId,
        payload: { conferenceId: item.conferenceId, agendaItemId: item.id, summary: `${who} perspective: ${text}` },
      });
    });
    return scope.conference.id;
  }

  /** The strictest label of the goal, metric or step an item links to (each in this plan and visible). */
  private async linkedLabel(viewer: PlanViewer, input: AddAgendaItemInput): Promise<SensitivityLabel> {
    let label = SensitivityLabel.GENERAL;
    for (const link of LINKS) {
      const id = input[link.key];
      if (!id) continue;
      const [row]: { label: SensitivityLabel }[] = await this.dataSource.query(
        `SELECT label FROM ${link.table} WHERE id = $1 AND participant_id = $2`,
        [id, viewer.participantId],
      );
      if (!row || !viewer.labels.has(row.label)) {
        throw badUserInput(link.field, `${link.field}: not a ${link.table} in this plan`);
      }
      label = strictestLabel(label, row.label);
    }
    return label;
  }
}
