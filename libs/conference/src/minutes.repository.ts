import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { versionedUpdate } from '@roundtable/platform';
import { MinutesAmendmentEntity, ParticipantResponseEntity } from './conference.entities';

/** Everything in a conference that an amendment or a response can point at. */
const TARGET_TABLES = ['agenda_item', 'conference_note', 'perspective', 'decision'] as const;

/**
 * The minutes' amendments and the participant's responses (requests for a correction,
 * feedback), and what they point at, as MinutesService reads and writes them. A write takes
 * the transaction's EntityManager.
 */
@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The label of what `targetId` is, if it is part of this conference (one statement over every target table). */
  async targetLabel(targetId: string, conferenceId: string): Promise<SensitivityLabel | undefined> {
    const rows: { label: SensitivityLabel }[] = await this.dataSource.query(
      TARGET_TABLES.map((table) => `SELECT label FROM ${table} WHERE id = $1 AND conference_id = $2`).join(
        ' UNION ALL ',
      ),
      [targetId, conferenceId],
    );
    return rows[0]?.label;
  }

  response(id: string): Promise<ParticipantResponseEntity | null> {
    return this.dataSource.getRepository(ParticipantResponseEntity).findOneBy({ id });
  }

  /** The response, if it is about this conference. */
  responseInConference(id: string, conferenceId: string): Promise<ParticipantResponseEntity | null> {
    return this.dataSource.getRepository(ParticipantResponseEntity).findOneBy({ id, conferenceId });
  }

  addResponse(
    manager: EntityManager,
    fields: Omit<ParticipantResponseEntity, 'id'>,
  ): Promise<ParticipantResponseEntity> {
    return manager.save(manager.create(ParticipantResponseEntity, fields));
  }

  /** A versioned edit (the answer): CONFLICT with the current version if the response moved since it was read. */
  updateResponse(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    changes: Partial<ParticipantResponseEntity>,
  ): Promise<void> {
    return versionedUpdate(manager, ParticipantResponseEntity, id, expectedVersion, changes);
  }

  addAmendment(manager: EntityManager, fields: Omit<MinutesAmendmentEntity, 'id'>): Promise<MinutesAmendmentEntity> {
    return manager.save(manager.create(MinutesAmendmentEntity, fields));
  }
}
