import type { EntityManager } from 'typeorm';
import type { PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import type { PlanEventEntity } from './plan.entities';

/**
 * The plan event log's SQL (PlanEventLog writes it, PlanOutbox publishes from it); the
 * ordering and publishing rules stay with them. Built on the caller's manager, so a write
 * runs in the caller's transaction.
 */
export class PlanEventRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Hides an item's events from every timeline (the item and its events stay stored). */
  async hideItem(participantId: string, itemId: string, hiddenAt: Date): Promise<void> {
    await this.manager.query(
      'INSERT INTO hidden_plan_item (participant_id, item_id, hidden_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [participantId, itemId, hiddenAt],
    );
  }

  /**
   * One statement (issue 18): the label's sequence moves and the event takes the new number
   * together, so a gap or a repeat is impossible even without the surrounding transaction.
   */
  async append(
    participantId: string,
    label: SensitivityLabel,
    type: PlanEventType,
    itemId: string | null,
    actor: string | null,
    occurredAt: Date,
    payloadJson: string,
  ): Promise<{ id: string; seq: number; access_epoch: string }> {
    const [row]: { id: string; seq: number; access_epoch: string }[] = await this.manager.query(
      `WITH next AS (
         INSERT INTO plan_label_sequence (participant_id, label, last_seq) VALUES ($1, $2, 1)
         ON CONFLICT (participant_id, label) DO UPDATE SET last_seq = plan_label_sequence.last_seq + 1
         RETURNING last_seq)
       INSERT INTO plan_event (participant_id, label, seq, type, item_id, actor, occurred_at, payload)
       SELECT $1, $2, next.last_seq, $3, $4, $5, $6, $7::jsonb FROM next
       RETURNING id, seq, access_epoch`,
      [participantId, label, type, itemId, actor, occurredAt, payloadJson],
    );
    return row;
  }

  /** These events were handed to delivery after their commit: the sweeper leaves them alone. */
  async markPublished(ids: readonly string[]): Promise<void> {
    await this.manager.query('UPDATE plan_event SET published_at = now() WHERE id = ANY($1) AND published_at IS NULL', [
      ids,
    ]);
  }

  /** Claims up to 500 events committed over two seconds ago and never published (skipping those another node holds). */
  async claimUnpublished(): Promise<PlanEventEntity[]> {
    const [rows]: [PlanEventEntity[], number] = await this.manager.query(
      `UPDATE plan_event SET published_at = now()
          WHERE id IN (SELECT id FROM plan_event
                        WHERE published_at IS NULL AND recorded_at < now() - interval '2 seconds'
                        ORDER BY recorded_at LIMIT 500 FOR UPDATE SKIP LOCKED)
          RETURNING id, participant_id AS "participantId", label, seq, type, item_id AS "itemId", actor,
                    occurred_at AS "occurredAt", payload, access_epoch AS "accessEpoch"`,
    );
    return rows;
  }
}
