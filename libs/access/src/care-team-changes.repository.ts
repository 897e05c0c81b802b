import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Discipline, TeamRole } from '@roundtable/contracts';
import type { CareTeamChangeKind } from '@roundtable/care-team';

/** One entry of a participant's care-team change log, with who and whether the membership is still open. */
export interface ChangeRow {
  id: string;
  kind: CareTeamChangeKind;
  changed_at: Date;
  effective_at: Date;
  until: Date | null;
  membership_id: string;
  account_id: string;
  member_name: string;
  discipline: Discipline | null;
  team_role: TeamRole;
  changed_by: string | null;
  changed_by_name: string | null;
  membership_open: boolean;
}

/** The care-team change log's SQL (rule 10); who may read or write it is decided by the services' policies. */
@Injectable()
export class CareTeamChangesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every change to the participant's team, newest first; `now` decides which memberships are still open. */
  changes(participantId: string, now: Date): Promise<ChangeRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.kind, c.changed_at, c.effective_at, c.until, c.membership_id, c.account_id,
              a.display_name AS member_name, c.discipline, c.team_role, c.changed_by,
              b.display_name AS changed_by_name,
              (m.starts_at <= $2 AND (m.ends_at IS NULL OR m.ends_at > $2)) AS membership_open
         FROM care_team_change c
         JOIN account a ON a.id = c.account_id
         JOIN care_team_membership m ON m.id = c.membership_id
         LEFT JOIN account b ON b.id = c.changed_by
        WHERE c.participant_id = $1
        ORDER BY c.changed_at DESC, c.kind = 'JOINED', c.id DESC`,
      [participantId, now],
    );
  }

  /** Locks the membership for ending it, in the caller's transaction. */
  async lockMembershipEnd(manager: EntityManager, membershipId: string): Promise<{ ends_at: Date | null }> {
    const [current]: { ends_at: Date | null }[] = await manager.query(
      'SELECT ends_at FROM care_team_membership WHERE id = $1 FOR UPDATE',
      [membershipId],
    );
    return current;
  }

  /** Every join and leave goes into the participant's change log (rule 10), in the caller's transaction. */
  async recordChange(
    manager: EntityManager,
    membershipId: string,
    kind: 'JOINED' | 'LEFT',
    effectiveAt: Date,
    until: Date | null,
    changedBy: string,
    changedAt: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO care_team_change
         (participant_id, membership_id, kind, account_id, team_role, discipline, effective_at, until, changed_by, changed_at)
       SELECT m.participant_id, m.id, $2, m.account_id, m.team_role, a.discipline, $3, $4, $5, $6
         FROM care_team_membership m JOIN account a ON a.id = m.account_id WHERE m.id = $1`,
      [membershipId, kind, effectiveAt, until, changedBy, changedAt],
    );
  }
}
