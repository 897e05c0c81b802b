import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DecisionStatus, type SensitivityLabel } from '@roundtable/contracts';
import { WrittenWithYouKind, WrittenWithYouStatus } from '@roundtable/plan';
import { labelPairs, versionedUpdate, type LabelPairs } from '@roundtable/platform';
import { DecisionEntity } from './conference.entities';

/** The latest answer written down with the participant for a decision (column names as SQL returns them). */
export interface AnswerWaitingRow {
  decision_id: string;
  agree: boolean;
  recorded_at: Date;
  account_id: string;
  display_name: string;
}

/**
 * Decisions, and the participant's answers to them, as the decision readers use them: the
 * SQL lives here and the services and resolvers keep only the rules ("one persistence
 * idiom"). Reads filter by label in SQL, so nothing a viewer may not see is loaded
 * (PRODUCT.md rule 11).
 */
@Injectable()
export class DecisionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  decision(id: string): Promise<DecisionEntity | null> {
    return this.dataSource.getRepository(DecisionEntity).findOneBy({ id });
  }

  /** The decision, locked for this transaction's answer; null if it is gone. */
  lockedToWrite(manager: EntityManager, id: string): Promise<DecisionEntity | null> {
    return manager.findOne(DecisionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  add(manager: EntityManager, fields: Omit<DecisionEntity, 'id'>): Promise<DecisionEntity> {
    return manager.save(manager.create(DecisionEntity, fields));
  }

  /** A versioned edit: CONFLICT with the current version if the decision moved since it was read. */
  update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<DecisionEntity>): Promise<void> {
    return versionedUpdate(manager, DecisionEntity, id, expectedVersion, changes);
  }

  /**
   * For each of these decisions still waiting for the participant, the latest answer written
   * down with them and waiting for their confirmation (rule 3), with who wrote it. The entry
   * carries the decision's label, so it shows exactly where the decision does. One statement
   * however many decisions.
   */
  answersWaiting(decisionIds: readonly string[]): Promise<AnswerWaitingRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (w.target_id) w.target_id AS decision_id, (w.payload->>'agree')::boolean AS agree,
                w.created_at AS recorded_at, a.id AS account_id, a.display_name
           FROM written_with_you w
           JOIN decision d ON d.id = w.target_id AND d.label = w.label AND d.status = $4
           JOIN account a ON a.id = w.written_by
          WHERE w.kind = $1 AND w.status = $2 AND w.target_id = ANY($3)
          ORDER BY w.target_id, w.created_at DESC`,
      [
        WrittenWithYouKind.DECISION_ANSWER,
        WrittenWithYouStatus.WAITING,
        decisionIds,
        DecisionStatus.WAITING_FOR_PARTICIPANT,
      ],
    ) as Promise<AnswerWaitingRow[]>;
  }

  /** The participant's decisions waiting for them, under the given labels, oldest first. */
  waitingForParticipant(participantId: string, labels: SensitivityLabel[]): Promise<DecisionEntity[]> {
    return this.waitingForParticipants(labelPairs([{ id: participantId, labels }]));
  }

  /**
   * The decisions waiting for each of several participants, each under the labels given for
   * that participant (the (participant, label) pairs), oldest first; one statement whatever
   * their number (rounds). Nothing under another label is loaded (rule 11).
   */
  waitingForParticipants(visible: LabelPairs<SensitivityLabel>): Promise<DecisionEntity[]> {
    return this.dataSource
      .getRepository(DecisionEntity)
      .createQueryBuilder('d')
      .where('(d.participant_id, d.label) IN (SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:labels AS text[])))', {
        ids: visible.ids,
        labels: visible.labels,
      })
      .andWhere('d.status = :status', { status: DecisionStatus.WAITING_FOR_PARTICIPANT })
      .orderBy('d.proposed_at')
      .getMany();
  }
}
