import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { GoalEntity } from '@roundtable/plan';
import { versionedUpdate } from '@roundtable/platform';
import { SetbackEntity } from './outcomes.entities';

/**
 * The setback rows, as the setback service and resolver read and write them: the SQL lives
 * here and the services keep only the rules ("one persistence idiom"). A write takes the
 * transaction's EntityManager; a read outside one uses the DataSource. Reads filter by label
 * in SQL, so nothing a viewer may not see is loaded (PRODUCT.md rule 11).
 */
@Injectable()
export class SetbackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  setback(id: string): Promise<SetbackEntity | null> {
    return this.dataSource.getRepository(SetbackEntity).findOneBy({ id });
  }

  /** Whose setback `id` is; undefined if there is no such setback. */
  async participantOf(id: string): Promise<string | undefined> {
    const [row]: { participant_id: string }[] = await this.dataSource.query(
      'SELECT participant_id FROM setback WHERE id = $1',
      [id],
    );
    return row?.participant_id;
  }

  /** A participant's setbacks under the given labels, newest first. */
  visibleSetbacks(participantId: string, labels: SensitivityLabel[]): Promise<SetbackEntity[]> {
    return this.dataSource
      .getRepository(SetbackEntity)
      .createQueryBuilder('setback')
      .where('setback.participant_id = :participantId AND setback.label = ANY(:labels)', {
        participantId,
        labels,
      })
      .orderBy('setback.occurred_at', 'DESC')
      .addOrderBy('setback.id', 'DESC')
      .getMany();
  }

  /** The goals a setback links to, read in the write's transaction. */
  linkedGoals(manager: EntityManager, goalIds: string[]): Promise<GoalEntity[]> {
    return manager.findBy(
      GoalEntity,
      goalIds.map((id) => ({ id })),
    );
  }

  add(manager: EntityManager, fields: Partial<SetbackEntity>): Promise<SetbackEntity> {
    return manager.save(manager.create(SetbackEntity, fields));
  }

  /** A versioned edit: CONFLICT with the current version if the setback moved since it was read. */
  update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<SetbackEntity>): Promise<void> {
    return versionedUpdate(manager, SetbackEntity, id, expectedVersion, changes);
  }
}
