import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Discipline } from '@roundtable/contracts';

/**
 * The grant, break-glass and membership reads VisibilityPolicy decides on (rule 10): the SQL
 * lives here, the decisions in the policy. `now` is the policy's clock.
 */
@Injectable()
export class VisibilityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Active grants (label) and break-glass ('BREAK_GLASS') of these accounts, with their disciplines, for these participants. */
  grantedLabels(
    participantIds: readonly string[],
    accountIds: readonly string[],
    now: Date,
    disciplines: readonly (Discipline | null)[],
  ): Promise<{ participant_id: string; account_id: string; label: string }[]> {
    return this.dataSource.query(
      `WITH who AS (SELECT * FROM unnest($2::uuid[], $4::text[]) AS w(account_id, discipline))
       SELECT g.participant_id, w.account_id, g.label FROM who w JOIN consent_grant g
           ON g.participant_id = ANY($1::uuid[]) AND g.revoked_at IS NULL AND g.starts_at <= $3
          AND (g.ends_at IS NULL OR g.ends_at > $3)
          AND (g.grantee_account = w.account_id
               OR (g.grantee_discipline = w.discipline AND (g.includes_future_members OR EXISTS (
                     SELECT 1 FROM care_team_membership m
                      WHERE m.account_id = w.account_id AND m.participant_id = g.participant_id
                        AND m.starts_at <= g.starts_at AND (m.ends_at IS NULL OR m.ends_at > $3)))))
       UNION ALL
       SELECT b.participant_id, b.account_id, 'BREAK_GLASS' FROM break_glass b
        WHERE b.participant_id = ANY($1::uuid[]) AND b.account_id = ANY($2::uuid[]) AND b.ended_at IS NULL
          AND b.started_at <= $3 AND b.ends_at > $3`,
      [participantIds, accountIds, now, disciplines],
    );
  }

  /** When the account's access to the participant next changes by the clock alone. */
  async nextChangeAt(
    participantId: string,
    accountId: string,
    now: Date,
    discipline: Discipline | null,
  ): Promise<Date | null> {
    const [row]: { next: Date | null }[] = await this.dataSource.query(
      `SELECT min(t) AS next FROM (
         SELECT g.ends_at AS t FROM consent_grant g
          WHERE g.participant_id = $1 AND g.revoked_at IS NULL AND g.ends_at > $3
            AND (g.grantee_account = $2 OR g.grantee_discipline = $4)
         UNION ALL
         SELECT b.ends_at FROM break_glass b
          WHERE b.participant_id = $1 AND b.account_id = $2 AND b.ended_at IS NULL AND b.ends_at > $3
         UNION ALL
         SELECT m.ends_at FROM care_team_membership m
          WHERE m.participant_id = $1 AND m.account_id = $2 AND m.ends_at > $3) upcoming`,
      [participantId, accountId, now, discipline],
    );
    return row?.next ?? null;
  }

  /** `nextChangeAt` for several accounts in one participant's plan, in one round trip. */
  nextChangesAt(
    participantId: string,
    accountIds: readonly string[],
    now: Date,
    disciplines: readonly (Discipline | null)[],
  ): Promise<{ account_id: string; next: Date | null }[]> {
    return this.dataSource.query(
      `WITH who AS (SELECT * FROM unnest($2::uuid[], $4::text[]) AS w(account_id, discipline))
       SELECT w.account_id, min(u.t) AS next FROM who w
         JOIN LATERAL (
           SELECT g.ends_at AS t FROM consent_grant g
            WHERE g.participant_id = $1 AND g.revoked_at IS NULL AND g.ends_at > $3
              AND (g.grantee_account = w.account_id OR g.grantee_discipline = w.discipline)
           UNION ALL
           SELECT b.ends_at FROM break_glass b
            WHERE b.participant_id = $1 AND b.account_id = w.account_id AND b.ended_at IS NULL AND b.ends_at > $3
           UNION ALL
           SELECT m.ends_at FROM care_team_membership m
            WHERE m.participant_id = $1 AND m.account_id = w.account_id AND m.ends_at > $3) u ON true
        GROUP BY w.account_id`,
      [participantId, accountIds, now, disciplines],
    );
  }

  /** When the account's current membership, each grant, and its break-glass began. */
  accessSince(
    participantId: string,
    accountId: string,
    now: Date,
    discipline: Discipline | null,
  ): Promise<{ kind: string; label: string | null; at: Date }[]> {
    return this.dataSource.query(
      `SELECT 'MEMBERSHIP' AS kind, NULL AS label, min(m.starts_at) AS at FROM care_team_membership m
        WHERE m.participant_id = $1 AND m.account_id = $2 AND m.starts_at <= $3 AND (m.ends_at IS NULL OR m.ends_at > $3)
       UNION ALL
       SELECT 'GRANT', g.label, min(g.starts_at) FROM consent_grant g
        WHERE g.participant_id = $1 AND g.revoked_at IS NULL AND g.starts_at <= $3 AND (g.ends_at IS NULL OR g.ends_at > $3)
          AND (g.grantee_account = $2 OR g.grantee_discipline = $4)
        GROUP BY g.label
       UNION ALL
       SELECT 'EMERGENCY', NULL, min(b.started_at) FROM break_glass b
        WHERE b.participant_id = $1 AND b.account_id = $2 AND b.ended_at IS NULL AND b.ends_at > $3`,
      [participantId, accountId, now, discipline],
    );
  }
}
