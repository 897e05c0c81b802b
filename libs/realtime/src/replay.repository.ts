import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlanEventType, type LabelCursor, type SensitivityLabel } from '@roundtable/contracts';
import { PlanItemLabels, type PlanEventEntity } from '@roundtable/plan';
import { REPLAY_LIMIT } from './replay';

/**
 * Resync from a client's cursor (ARCHITECTURE.md "The event log makes realtime lossless
 * without leaking"): for each label the socket may see, every event after the cursor,
 * merged in commit order. Replay fills a reconnect gap only: it never reaches back before
 * the viewer's access to a label began (rules 10, 11), and never includes hidden items nor
 * events about an item since made stricter than the viewer sees (only the content-free
 * ITEM_RESTRICTED notice about it, which tells an open screen to drop it).
 */
@Injectable()
export class ReplayRepository {
  constructor(
    private readonly itemLabels: PlanItemLabels,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Every visible event after the cursor, per label, merged in commit order (up to REPLAY_LIMIT + 1). */
  async eventsAfter(
    participantId: string,
    labels: Set<SensitivityLabel>,
    cursor: LabelCursor,
  ): Promise<PlanEventEntity[]> {
    const after = Object.fromEntries([...labels].map((label) => [label, cursor[label] ?? 0]));
    const rows: (PlanEventEntity & { accessEpoch: string })[] = await this.dataSource.query(
      `SELECT e.id, e.participant_id AS "participantId", e.label, e.seq, e.type, e.item_id AS "itemId", e.actor,
              e.occurred_at AS "occurredAt", e.payload, e.access_epoch AS "accessEpoch"
         FROM plan_event e
        WHERE e.participant_id = $1 AND e.label = ANY($2) AND e.seq > ($3::jsonb ->> e.label)::int
          AND NOT EXISTS (SELECT 1 FROM hidden_plan_item h WHERE h.participant_id = e.participant_id AND h.item_id = e.item_id)
          AND (e.type = $5 OR NOT ${this.itemLabels.nowBeyond({ itemId: 'e.item_id', participantId: 'e.participant_id' }, '$2')})
        ORDER BY e.occurred_at, e.label, e.seq
        LIMIT $4`,
      [participantId, [...labels], JSON.stringify(after), REPLAY_LIMIT + 1, PlanEventType.ITEM_RESTRICTED],
    );
    return rows.map((row) => ({ ...row, accessEpoch: Number(row.accessEpoch) }));
  }
}
