import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AgendaItemKind, type Discipline, type SensitivityLabel } from '@roundtable/contracts';
import { versionedUpdate } from '@roundtable/platform';
import { AgendaItemEntity, ConferenceNoteEntity, PerspectiveEntity } from './conference.entities';

/** What an agenda item can be about: a goal, metric or step of the plan. */
export type AgendaLinkTable = 'goal' | 'metric' | 'step';

/** What a new agenda item says; what it links to (a goal, metric or step) only if anything. */
export type NewAgendaItem = Omit<
  AgendaItemEntity,
  'id' | 'goalId' | 'metricId' | 'stepId' | 'writtenWith' | 'updatedAt' | 'version'
> &
  Partial<Pick<AgendaItemEntity, 'goalId' | 'metricId' | 'stepId'>>;

/** Every item starts at version 1, not yet written with the participant (that is confirmed later, rule 3). */
function newItem(fields: NewAgendaItem): Omit<AgendaItemEntity, 'id'> {
  return {
    ...fields,
    goalId: fields.goalId ?? null,
    metricId: fields.metricId ?? null,
    stepId: fields.stepId ?? null,
    writtenWith: null,
    updatedAt: fields.createdAt,
    version: 1,
  };
}

/**
 * The agenda items and what is said under them (notes, perspective cards), as the agenda
 * service and the readers use them: the SQL lives here and the services keep only the rules
 * ("one persistence idiom"). A write takes the transaction's EntityManager; a read outside
 * one uses the DataSource.
 */
@Injectable()
export class AgendaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  agendaItem(id: string): Promise<AgendaItemEntity | null> {
    return this.dataSource.getRepository(AgendaItemEntity).findOneBy({ id });
  }

  /** The item, locked for this transaction's own change; null if it is gone. */
  lockedToWrite(manager: EntityManager, id: string): Promise<AgendaItemEntity | null> {
    return manager.findOne(AgendaItemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Item 1, the participant's update (every conference has one from the start). */
  participantUpdateOf(conferenceId: string): Promise<AgendaItemEntity> {
    return this.dataSource
      .getRepository(AgendaItemEntity)
      .findOneByOrFail({ conferenceId, kind: AgendaItemKind.PARTICIPANT_UPDATE });
  }

  /** Inserts an item without reading it back (the participant's update, made with its conference). */
  async insertItem(manager: EntityManager, fields: NewAgendaItem): Promise<void> {
    await manager.insert(AgendaItemEntity, newItem(fields));
  }

  addItem(manager: EntityManager, fields: NewAgendaItem): Promise<AgendaItemEntity> {
    return manager.save(manager.create(AgendaItemEntity, newItem(fields)));
  }

  /** A versioned edit: CONFLICT with the current version if the item moved since it was read. */
  updateItem(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    changes: Partial<AgendaItemEntity>,
  ): Promise<void> {
    return versionedUpdate(manager, AgendaItemEntity, id, expectedVersion, changes);
  }

  addNote(manager: EntityManager, fields: Omit<ConferenceNoteEntity, 'id'>): Promise<ConferenceNoteEntity> {
    return manager.save(manager.create(ConferenceNoteEntity, fields));
  }

  /** A versioned edit of a perspective card. */
  updatePerspective(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    changes: Partial<PerspectiveEntity>,
  ): Promise<void> {
    return versionedUpdate(manager, PerspectiveEntity, id, expectedVersion, changes);
  }

  /** The conference's agenda, every item, in order. */
  agendaOf(conferenceId: string): Promise<AgendaItemEntity[]> {
    return this.dataSource.getRepository(AgendaItemEntity).find({ where: { conferenceId }, order: { sortKey: 'ASC' } });
  }

  /** The highest sort key on the agenda (0 when it is empty). */
  async lastSortKey(manager: EntityManager, conferenceId: string): Promise<number> {
    const [{ last }]: { last: number }[] = await manager.query(
      'SELECT COALESCE(MAX(sort_key), 0) AS last FROM agenda_item WHERE conference_id = $1',
      [conferenceId],
    );
    return last;
  }

  async sortKeyOf(manager: EntityManager, itemId: string): Promise<number> {
    const [item]: { sort_key: number }[] = await manager.query('SELECT sort_key FROM agenda_item WHERE id = $1', [
      itemId,
    ]);
    return item.sort_key;
  }

  /** The first sort key after `after` on the agenda, other than the moving item's; undefined if none. */
  async nextSortKey(
    manager: EntityManager,
    conferenceId: string,
    after: number,
    movingId: string,
  ): Promise<number | undefined> {
    const [next]: { sort_key: number }[] = await manager.query(
      'SELECT sort_key FROM agenda_item WHERE conference_id = $1 AND sort_key > $2 AND id <> $3 ORDER BY sort_key LIMIT 1',
      [conferenceId, after, movingId],
    );
    return next?.sort_key;
  }

  /** Renumbers the topics 1…n in their order (the participant's update keeps its key). */
  async renumberTopics(manager: EntityManager, conferenceId: string): Promise<void> {
    await manager.query(
      `UPDATE agenda_item a SET sort_key = r.position
           FROM (SELECT id, row_number() OVER (ORDER BY sort_key, created_at) AS position
                   FROM agenda_item WHERE conference_id = $1 AND kind = 'TOPIC') r
          WHERE a.id = r.id`,
      [conferenceId],
    );
  }

  /** The sort keys of these items (the rooms' current items), by id. */
  async sortKeys(itemIds: string[]): Promise<Map<string, number>> {
    const rows: { id: string; sort_key: number }[] = await this.dataSource.query(
      'SELECT id, sort_key FROM agenda_item WHERE id = ANY($1)',
      [itemIds],
    );
    return new Map(rows.map((row) => [row.id, row.sort_key]));
  }

  /** The label of the goal, metric or step an item would link to, if it is in this participant's plan. */
  async linkLabel(table: AgendaLinkTable, id: string, participantId: string): Promise<SensitivityLabel | undefined> {
    const [row]: { label: SensitivityLabel }[] = await this.dataSource.query(
      `SELECT label FROM ${table} WHERE id = $1 AND participant_id = $2`,
      [id, participantId],
    );
    return row?.label;
  }

  /** This person's card on the item, if they wrote one. */
  perspective(agendaItemId: string, author: string): Promise<PerspectiveEntity | null> {
    return this.dataSource.getRepository(PerspectiveEntity).findOneBy({ agendaItemId, author });
  }

  /**
   * A person's first card on an item; undefined when they already have one. Two first cards
   * from the same person at once: the second finds the first (the caller answers CONFLICT).
   */
  async addPerspective(
    manager: EntityManager,
    card: {
      conferenceId: string;
      participantId: string;
      agendaItemId: string;
      label: SensitivityLabel;
      author: string;
      discipline: Discipline | null;
      text: string;
      at: Date;
    },
  ): Promise<string | undefined> {
    const [created]: { id: string }[] = await manager.query(
      `INSERT INTO perspective (conference_id, participant_id, agenda_item_id, label, author, discipline, text, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (agenda_item_id, author) DO NOTHING RETURNING id`,
      [
        card.conferenceId,
        card.participantId,
        card.agendaItemId,
        card.label,
        card.author,
        card.discipline,
        card.text,
        card.at,
      ],
    );
    return created?.id;
  }
}
