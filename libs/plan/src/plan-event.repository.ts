import type { EntityManager } from 'typeorm';
import type { PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import { groupBy, mustGet, preparedQuery, SqlParams, type SqlPart } from '@roundtable/platform';
import type { PlanEventEntity } from './plan.entities';

/** One event as writeWithEvents stores it (its payload already checked against its type). */
export interface EventToWrite {
  participantId: string;
  label: SensitivityLabel;
  type: PlanEventType;
  itemId: string | null;
  actor: string | null;
  occurredAt: Date;
  payload: unknown;
}

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
   * One data-modifying statement (issue 18): the gates, the rows and the events, all or
   * nothing without a surrounding transaction (a single statement is atomic). Answers each
   * event's id, number and access epoch in the order given, or null when a gate stopped the
   * write (then nothing at all was written). Inside a transaction it runs in it.
   *
   * - Gates run first and in order, each only if the one before it answered a row (a
   *   versioned update, "the previous measurement is still that one", an idempotency key).
   * - A CTE cannot update one row twice, so each (participant, label) sequence row moves
   *   once, by the number of events under it, and those events take the numbers
   *   last_seq-n+1..last_seq in the order given: gapless and unique as one append at a time.
   *   Rows are locked in (participant, label) order, so two multi-label writes never
   *   deadlock on each other.
   * - Lock order (docs/realtime-revocation.md): the main query reads the events' INSERT,
   *   which reads the sequence upsert, which reads the gates. So the gate's row lock comes
   *   first (as in a transaction: the item's UPDATE before its event), then for each
   *   sequence row the BEFORE INSERT trigger takes the participant's epoch FOR SHARE before
   *   ON CONFLICT locks the existing row (epoch → sequence, as always), then the events'
   *   trigger reads the epoch again (already shared). The other rows (not read by the main
   *   query) are written when the main query is done, after those locks; they take only
   *   their foreign keys' KEY SHARE locks, which no narrowing of access conflicts with.
   */
  async writeWithEvents(
    gates: readonly SqlPart[],
    rows: readonly SqlPart[],
    events: readonly EventToWrite[],
    alongside: readonly SqlPart[] = [],
  ): Promise<{ id: string; seq: number; access_epoch: string }[] | null> {
    const params = new SqlParams();
    const ctes: string[] = [];
    let when = 'TRUE';
    gates.forEach((gate, index) => {
      ctes.push(`gate${index} AS (${gate(params, when)})`);
      when = `EXISTS (SELECT 1 FROM gate${index})`;
    });
    rows.forEach((row, index) => ctes.push(`row${index} AS (${row(params, when)})`));
    // Written whatever the gates decide (a data-modifying CTE always runs): other work that
    // merely shares the statement, such as the outbox's marks of events already committed.
    alongside.forEach((piece, index) => ctes.push(`alongside${index} AS (${piece(params, 'TRUE')})`));
    const list = params.add(
      JSON.stringify(
        events.map((event, ord) => ({
          ord,
          participant_id: event.participantId,
          label: event.label,
          type: event.type,
          item_id: event.itemId,
          actor: event.actor,
          occurred_at: event.occurredAt.toISOString(),
          payload: event.payload,
        })),
      ),
    );
    const written: { id: string; participant_id: string; label: string; seq: number; access_epoch: string }[] =
      // Prepared (outside a transaction): its text depends only on the call site's shape, never
      // on the values, and planning this statement cost more than running it (issue 18).
      await preparedQuery(
        this.manager,
        `WITH ${ctes.map((cte) => `${cte},`).join('\n')}
         new_event AS (
           SELECT * FROM jsonb_to_recordset(${list}::jsonb) AS e(ord int, participant_id uuid, label text, type text,
             item_id uuid, actor uuid, occurred_at timestamptz, payload jsonb)),
         next AS (
           INSERT INTO plan_label_sequence (participant_id, label, last_seq)
           SELECT participant_id, label, count(*) FROM new_event WHERE ${when}
            GROUP BY participant_id, label ORDER BY participant_id, label
           ON CONFLICT (participant_id, label) DO UPDATE SET last_seq = plan_label_sequence.last_seq + EXCLUDED.last_seq
           RETURNING participant_id, label, last_seq),
         numbered AS (
           INSERT INTO plan_event (participant_id, label, seq, type, item_id, actor, occurred_at, payload)
           SELECT e.participant_id, e.label, next.last_seq - count(*) OVER under_label + row_number() OVER (under_label ORDER BY e.ord),
                  e.type, e.item_id, e.actor, e.occurred_at, e.payload
             FROM new_event e JOIN next USING (participant_id, label)
           WINDOW under_label AS (PARTITION BY e.participant_id, e.label)
           ORDER BY e.ord
           RETURNING id, participant_id, label, seq, access_epoch)
         SELECT id, participant_id, label, seq, access_epoch FROM numbered ORDER BY participant_id, label, seq`,
        params.values,
      );
    if (written.length === 0) return null;
    // Under each (participant, label) the numbers follow the order given.
    const byLabel = groupBy(written, (row) => `${row.participant_id.toLowerCase()}/${row.label}`);
    return events.map((event) => {
      const key = `${event.participantId.toLowerCase()}/${event.label}`;
      const row = mustGet(byLabel, key).shift();
      if (!row) throw new Error(`Fewer plan events numbered under ${key} than were written`);
      return row;
    });
  }

  /** These events were handed to delivery after their commit: the sweeper leaves them alone. */
  async markPublished(ids: readonly string[]): Promise<void> {
    await preparedQuery(this.manager, markPublishedSql('$1'), [ids]);
  }

  /** The same marks as a piece of another write's statement (`alongside` in writeWithEvents). */
  static markPublishedPart(ids: readonly string[]): SqlPart {
    return (params) => markPublishedSql(params.add(ids));
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

function markPublishedSql(ids: string): string {
  return `UPDATE plan_event SET published_at = now() WHERE id = ANY(${ids}::uuid[]) AND published_at IS NULL`;
}
