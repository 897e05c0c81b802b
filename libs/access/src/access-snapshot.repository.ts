import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Discipline, TeamRole } from '@roundtable/contracts';
import { ACTIVE_MEMBERSHIP } from '@roundtable/care-team';

/** One row of an access snapshot: a membership, a grant, a break-glass, or when the next one starts or ends. */
export interface SnapshotRow {
  kind: 'MEMBER' | 'GRANT' | 'BREAK_GLASS' | 'NEXT_CHANGE';
  participant_id: string | null;
  detail: string | null;
  at: Date | null;
}

/** The per-request access snapshot's one statement (RequestAccess keeps when it is read and reused). */
@Injectable()
export class AccessSnapshotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everything the account reaches at `at`, in one statement. */
  snapshotRows(accountId: string, at: Date, discipline: Discipline | null): Promise<SnapshotRow[]> {
    return this.dataSource.query(
      // The same conditions as CompartmentPolicy.readableParticipantIds / isStaffOnTeam and
      // VisibilityPolicy.sourcesIn, for every participant the actor is a member for at once.
      `WITH mem AS (
         SELECT m.participant_id, bool_or(m.team_role <> $4) AS as_staff, min(m.ends_at) AS ends_at
           FROM care_team_membership m
          WHERE m.account_id = $1 AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$2')}
          GROUP BY m.participant_id),
       gr AS (
         SELECT g.participant_id, g.label, g.ends_at FROM consent_grant g JOIN mem ON mem.participant_id = g.participant_id
          WHERE g.revoked_at IS NULL AND g.starts_at <= $2 AND (g.ends_at IS NULL OR g.ends_at > $2)
            AND (g.grantee_account = $1
                 OR (g.grantee_discipline = $3 AND (g.includes_future_members OR EXISTS (
                       SELECT 1 FROM care_team_membership m
                        WHERE m.account_id = $1 AND m.participant_id = g.participant_id
                          AND m.starts_at <= g.starts_at AND (m.ends_at IS NULL OR m.ends_at > $2)))))),
       bg AS (
         SELECT b.participant_id, b.ends_at FROM break_glass b JOIN mem ON mem.participant_id = b.participant_id
          WHERE b.account_id = $1 AND b.ended_at IS NULL AND b.started_at <= $2 AND b.ends_at > $2)
       SELECT 'MEMBER' AS kind, participant_id, CASE WHEN as_staff THEN 'STAFF' ELSE 'SUPPORT' END AS detail, NULL::timestamptz AS at FROM mem
       UNION ALL SELECT 'GRANT', participant_id, label, NULL FROM gr
       UNION ALL SELECT 'BREAK_GLASS', participant_id, NULL, NULL FROM bg
       UNION ALL SELECT 'NEXT_CHANGE', NULL, NULL, least((SELECT min(ends_at) FROM mem), (SELECT min(ends_at) FROM gr), (SELECT min(ends_at) FROM bg),
         (SELECT min(g.starts_at) FROM consent_grant g JOIN mem ON mem.participant_id = g.participant_id
           WHERE g.revoked_at IS NULL AND g.starts_at > $2 AND (g.grantee_account = $1 OR g.grantee_discipline = $3)),
         (SELECT min(m.starts_at) FROM care_team_membership m WHERE m.account_id = $1 AND m.starts_at > $2),
         (SELECT min(b.started_at) FROM break_glass b WHERE b.account_id = $1 AND b.ended_at IS NULL AND b.started_at > $2))`,
      [accountId, at, discipline, TeamRole.SUPPORT_PERSON],
    );
  }
}
