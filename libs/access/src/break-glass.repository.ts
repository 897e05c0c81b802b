import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Discipline } from '@roundtable/contracts';
import type { BreakGlassEntity } from './access.entities';

/** A break-glass access with what its lists show of the participant. */
export interface BreakGlassRow extends BreakGlassEntity {
  programId: string;
  participantName: string;
}

const ROW_SELECT = `
  SELECT b.id, b.participant_id AS "participantId", b.account_id AS "accountId", b.reason,
         b.requested_at AS "requestedAt", b.started_at AS "startedAt", b.ends_at AS "endsAt", b.ended_at AS "endedAt",
         b.ended_by AS "endedBy", b.approval_required AS "approvalRequired", b.approved_by AS "approvedBy",
         b.approved_at AS "approvedAt", b.reviewed_by AS "reviewedBy", b.reviewed_at AS "reviewedAt",
         b.review_note AS "reviewNote", p.program_id AS "programId", p.preferred_name AS "participantName"
    FROM break_glass b JOIN participant p ON p.id = b.participant_id`;

/** Open at `$at`: opened, not ended early, not past its end. */
const OPEN_AT = '(b.started_at IS NOT NULL AND b.started_at <= $AT AND b.ended_at IS NULL AND b.ends_at > $AT)';

/**
 * The SQL of emergency ("break-glass") access (rule 12); the rules stay in BreakGlassService.
 * Methods taking an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class BreakGlassRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether this clinician has a request waiting for approval, and whether they had one within the window. */
  async earlier(
    manager: EntityManager,
    participantId: string,
    accountId: string,
    now: Date,
    windowStart: Date,
  ): Promise<{ pending: boolean; recent: boolean } | undefined> {
    const [earlier]: { pending: boolean; recent: boolean }[] = await manager.query(
      `SELECT bool_or(b.approval_required AND b.approved_at IS NULL AND b.ended_at IS NULL AND b.ends_at > $3) AS pending,
                -- The window runs from the earlier access's request and from its end, so a new
                -- request right after one ends (or lapses) is a repeat.
                bool_or(b.requested_at > $4 OR COALESCE(b.ended_at, b.ends_at) > $4) AS recent
           FROM break_glass b WHERE b.participant_id = $1 AND b.account_id = $2`,
      [participantId, accountId, now, windowStart],
    );
    return earlier;
  }

  async clinician(manager: EntityManager, accountId: string): Promise<{ discipline: Discipline | null } | undefined> {
    const [clinician]: { discipline: Discipline | null }[] = await manager.query(
      'SELECT discipline FROM account WHERE id = $1',
      [accountId],
    );
    return clinician;
  }

  async lockForEnd(manager: EntityManager, id: string): Promise<{ ended_at: Date | null; ends_at: Date }> {
    const [row]: { ended_at: Date | null; ends_at: Date }[] = await manager.query(
      'SELECT ended_at, ends_at FROM break_glass WHERE id = $1 FOR UPDATE',
      [id],
    );
    return row;
  }

  async lockForReview(
    manager: EntityManager,
    id: string,
  ): Promise<{ started_at: Date | null; ended_at: Date | null; ends_at: Date; reviewed_at: Date | null }> {
    const [row]: { started_at: Date | null; ended_at: Date | null; ends_at: Date; reviewed_at: Date | null }[] =
      await manager.query(
        'SELECT started_at, ended_at, ends_at, reviewed_at FROM break_glass WHERE id = $1 FOR UPDATE',
        [id],
      );
    return row;
  }

  forParticipant(participantId: string): Promise<BreakGlassRow[]> {
    return this.dataSource.query(`${ROW_SELECT} WHERE b.participant_id = $1 ORDER BY b.requested_at DESC, b.id DESC`, [
      participantId,
    ]);
  }

  awaitingReview(programId: string | null, now: Date, supervisorId: string): Promise<BreakGlassRow[]> {
    return this.dataSource.query(
      `${ROW_SELECT} WHERE p.program_id = $1 AND b.started_at IS NOT NULL AND b.reviewed_at IS NULL
          AND (b.ended_at IS NOT NULL OR b.ends_at <= $2) AND b.account_id <> $3
        ORDER BY b.started_at, b.id`,
      [programId, now, supervisorId],
    );
  }

  awaitingApproval(programId: string | null, now: Date, supervisorId: string): Promise<BreakGlassRow[]> {
    return this.dataSource.query(
      `${ROW_SELECT} WHERE p.program_id = $1 AND b.approval_required AND b.approved_at IS NULL
          AND b.ended_at IS NULL AND b.ends_at > $2 AND b.account_id <> $3
        ORDER BY b.requested_at, b.id`,
      [programId, now, supervisorId],
    );
  }

  /** Serialises break-glass changes per participant, so "one open at a time" holds under concurrency. */
  async lockParticipant(manager: EntityManager, participantId: string): Promise<void> {
    await manager.query('SELECT 1 FROM participant WHERE id = $1 FOR UPDATE', [participantId]);
  }

  async anyOpen(manager: EntityManager, participantId: string, now: Date): Promise<boolean> {
    const open: unknown[] = await manager.query(
      `SELECT 1 FROM break_glass b WHERE b.participant_id = $1 AND ${OPEN_AT.replaceAll('$AT', '$2')}`,
      [participantId, now],
    );
    return open.length > 0;
  }

  async byId(id: string): Promise<BreakGlassRow | undefined> {
    const rows: BreakGlassRow[] = await this.dataSource.query(`${ROW_SELECT} WHERE b.id = $1`, [id]);
    return rows[0];
  }

  accountNames(ids: readonly string[]): Promise<{ id: string; display_name: string }[]> {
    return this.dataSource.query('SELECT id, display_name FROM account WHERE id = ANY($1)', [ids]);
  }
}
