import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntryKind } from './audit-trail';
import type { SensitivityLabel } from '@roundtable/contracts';
import type { AuditKind } from './consent.models';
import { preparedQuery, type SqlPart } from '@roundtable/platform';

/** One audit_event row as the INSERT reads it from JSON. */
export interface AuditRow {
  participant_id: string | null;
  actor: string | null;
  action: string;
  kind: AuditEntryKind;
  labels: SensitivityLabel[];
  item_id: string | null;
  reason: string | null;
  at: string;
}

/** One row of a participant's access log, with the actor's name. */
export interface AuditLogRow {
  id: string;
  actor: string | null;
  display_name: string | null;
  action: string;
  kind: AuditKind;
  labels: SensitivityLabel[];
  reason: string | null;
  at: Date;
}

/** The audit trail's statements; the batching and announcing stay in AuditTrail. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A participant's access log, newest first, before (beforeAt, beforeId) when given; `limit` rows at most. */
  page(participantId: string, beforeAt: Date | null, beforeId: string | null, limit: number): Promise<AuditLogRow[]> {
    return this.dataSource.query(
      `SELECT e.id, e.actor, a.display_name, e.action, e.kind, e.labels, e.reason, e.at
           FROM audit_event e LEFT JOIN account a ON a.id = e.actor
          WHERE e.participant_id = $1 AND ($2::timestamptz IS NULL OR (e.at, e.id) < ($2, $3::uuid))
          ORDER BY e.at DESC, e.id DESC LIMIT $4`,
      [participantId, beforeAt, beforeId, limit],
    );
  }

  /** One INSERT for any number of rows; each keeps the moment it was recorded. */
  async insert(manager: EntityManager, rows: readonly AuditRow[]): Promise<void> {
    await preparedQuery(manager, insertRows('$1', 'TRUE'), [JSON.stringify(rows)]);
  }

  /**
   * The same INSERT as a piece of a single-statement write (SqlPart): the rows are written
   * only when the write's gates let it through, and commit with the change they record.
   */
  insertPart(rows: readonly AuditRow[]): SqlPart {
    return (params, when) => insertRows(params.add(JSON.stringify(rows)), when);
  }
}

/**
 * An id that names no participant is kept as a null participant (an attempt on nothing). It is
 * looked up one row at a time: as a join, the generic plan guessed a hundred rows from the JSON
 * and read the whole participant table for each batch (issue 18).
 */
function insertRows(json: string, when: string): string {
  return `INSERT INTO audit_event (participant_id, actor, action, kind, labels, item_id, reason, at)
     SELECT (SELECT p.id FROM participant p WHERE p.id = e.participant_id),
            e.actor, e.action, e.kind, e.labels, e.item_id, e.reason, e.at
       FROM jsonb_to_recordset(${json}::jsonb) AS e(participant_id uuid, actor uuid, action text, kind text, labels text[], item_id uuid, reason text, at timestamptz)
      WHERE ${when}`;
}
