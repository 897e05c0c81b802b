import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { newestFirstPage, versionedUpdate, type NewestFirstPage, type SqlPart } from '@roundtable/platform';
import { WinEntity } from './outcomes.entities';

/**
 * The win rows, as WinsService reads and writes them: the SQL lives here and the service
 * keeps only the rules ("one persistence idiom"). A write takes the transaction's
 * EntityManager; a read outside one uses the DataSource. Lists filter by label and leave out
 * hidden wins in SQL, so nothing a viewer may not see is loaded (PRODUCT.md rule 11).
 */
@Injectable()
export class WinRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  win(id: string): Promise<WinEntity | null> {
    return this.dataSource.getRepository(WinEntity).findOneBy({ id });
  }

  winOrFail(id: string): Promise<WinEntity> {
    return this.dataSource.getRepository(WinEntity).findOneByOrFail({ id });
  }

  add(manager: EntityManager, fields: Omit<WinEntity, 'id'>): Promise<WinEntity> {
    return manager.save(manager.create(WinEntity, fields));
  }

  /** The win's INSERT as a piece of a single-statement write (PlanEventLog.writeOne, issue 18). */
  addPart(win: WinEntity): SqlPart {
    return (p, when) => `INSERT INTO win (id, participant_id, source, source_id, label, text, proposed_by,
                                         confirmed_at, hidden_at, occurred_at, version)
      SELECT ${p.add(win.id)}::uuid, ${p.add(win.participantId)}::uuid, ${p.add(win.source)}, ${p.add(win.sourceId)}::uuid,
             ${p.add(win.label)}, ${p.add(win.text)}, ${p.add(win.proposedBy)}::uuid, ${p.add(win.confirmedAt)}::timestamptz,
             ${p.add(win.hiddenAt)}::timestamptz, ${p.add(win.occurredAt)}::timestamptz, ${p.add(win.version)}::int
       WHERE ${when}`;
  }

  /** An unguarded change (confirming one's own new win, hiding). */
  async change(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<WinEntity, 'confirmedAt' | 'hiddenAt'>>,
  ): Promise<void> {
    await manager.update(WinEntity, { id }, changes);
  }

  /** A versioned edit: CONFLICT with the current version if the win moved since it was read. */
  update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<WinEntity>): Promise<void> {
    return versionedUpdate(manager, WinEntity, id, expectedVersion, changes);
  }

  /** The participant's visible wins, newest first, one page. */
  visiblePage(
    participantId: string,
    labels: SensitivityLabel[],
    first: number,
    after?: string | null,
  ): Promise<NewestFirstPage<WinEntity>> {
    const query = this.dataSource
      .getRepository(WinEntity)
      .createQueryBuilder('win')
      .where('win.participant_id = :participantId AND win.label = ANY(:labels) AND win.hidden_at IS NULL', {
        participantId,
        labels,
      });
    return newestFirstPage(query, 'occurred_at', (win) => win.occurredAt, first, after);
  }
}
