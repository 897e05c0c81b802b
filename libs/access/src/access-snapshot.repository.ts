import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, AccountStatus, type Discipline, ProgramRole, TeamRole } from '@roundtable/contracts';
import { LIVE_ACTOR, type SessionActorRow } from '@roundtable/identity';
import { preparedRead } from '@roundtable/platform';
import { ACTIVE_MEMBERSHIP } from '@roundtable/care-team';

/** One row of an access snapshot: a membership, a grant, a break-glass, or when the next one starts or ends. */
export interface SnapshotRow {
  kind: 'MEMBER' | 'GRANT' | 'BREAK_GLASS' | 'NEXT_CHANGE';
  participant_id: string | null;
  detail: string | null;
  at: Date | null;
}

/** A snapshot row, or (kind 'ACTOR', the one row with `actor`) the session's account. */
export type ActorSnapshotRow =
  | (SnapshotRow & { actor: null })
  | { kind: 'ACTOR'; participant_id: null; detail: null; at: null; actor: SessionActorRow };

/**
 * What an account reaches at a moment, as CTEs and a closing UNION ALL over them. `account`,
 * `at` and `discipline` are SQL expressions (parameters, or columns of a preceding CTE);
 * `gate` is a condition the memberships must also meet. The same conditions as
 * CompartmentPolicy.readableParticipantIds / isStaffOnTeam and VisibilityPolicy.sourcesIn, for
 * every participant the actor is a member for at once.
 */
function snapshot(p: { account: string; at: string; discipline: string; supportRole: string; gate: string }) {
  const ctes = `mem AS (
         SELECT m.participant_id, bool_or(m.team_role <> ${p.supportRole}) AS as_staff, min(m.ends_at) AS ends_at
           FROM care_team_membership m
          WHERE m.account_id = ${p.account} AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', p.at)} AND ${p.gate}
          GROUP BY m.participant_id),
       gr AS (
         SELECT g.participant_id, g.label, g.ends_at FROM consent_grant g JOIN mem ON mem.participant_id = g.participant_id
          WHERE g.revoked_at IS NULL AND g.starts_at <= ${p.at} AND (g.ends_at IS NULL OR g.ends_at > ${p.at})
            AND (g.grantee_account = ${p.account}
                 OR (g.grantee_discipline = ${p.discipline} AND (g.includes_future_members OR EXISTS (
                       SELECT 1 FROM care_team_membership m
                        WHERE m.account_id = ${p.account} AND m.participant_id = g.participant_id
                          AND m.starts_at <= g.starts_at AND (m.ends_at IS NULL OR m.ends_at > ${p.at})))))),
       bg AS (
         SELECT b.participant_id, b.ends_at FROM break_glass b JOIN mem ON mem.participant_id = b.participant_id
          WHERE b.account_id = ${p.account} AND b.ended_at IS NULL AND b.started_at <= ${p.at} AND b.ends_at > ${p.at})`;
  const rows = `SELECT 'MEMBER' AS kind, participant_id, CASE WHEN as_staff THEN 'STAFF' ELSE 'SUPPORT' END AS detail, NULL::timestamptz AS at FROM mem
       UNION ALL SELECT 'GRANT', participant_id, label::text, NULL FROM gr
       UNION ALL SELECT 'BREAK_GLASS', participant_id, NULL, NULL FROM bg
       UNION ALL SELECT 'NEXT_CHANGE', NULL, NULL, least((SELECT min(ends_at) FROM mem), (SELECT min(ends_at) FROM gr), (SELECT min(ends_at) FROM bg),
         (SELECT min(g.starts_at) FROM consent_grant g JOIN mem ON mem.participant_id = g.participant_id
           WHERE g.revoked_at IS NULL AND g.starts_at > ${p.at} AND (g.grantee_account = ${p.account} OR g.grantee_discipline = ${p.discipline})),
         (SELECT min(m.starts_at) FROM care_team_membership m WHERE m.account_id = ${p.account} AND m.starts_at > ${p.at}),
         (SELECT min(b.started_at) FROM break_glass b WHERE b.account_id = ${p.account} AND b.ended_at IS NULL AND b.started_at > ${p.at}))`;
  return { ctes, rows };
}

const BY_ACCOUNT = snapshot({ account: '$1', at: '$2', discipline: '$3', supportRole: '$4', gate: 'true' });
const BY_ACCOUNT_SQL = `WITH ${BY_ACCOUNT.ctes} ${BY_ACCOUNT.rows}`;

/**
 * The session's account (LIVE_ACTOR with $1 session, $2 account, $3 at, $4 status) and, for
 * staff and support persons, everything it reaches: the snapshot's rows carry `actor` NULL,
 * one more row kind 'ACTOR' carries the account. No live session, no rows at all. Participants
 * and administrators get the account alone (RequestAccess never keeps a snapshot for them).
 */
const WITH_ACTOR = (() => {
  const { ctes, rows } = snapshot({
    account: '$2',
    at: '$3',
    discipline: '(SELECT discipline FROM actor)',
    supportRole: '$5',
    gate: `EXISTS (SELECT 1 FROM actor WHERE actor.kind <> $6 AND actor.program_role IS DISTINCT FROM $7)`,
  });
  return `WITH actor AS (${LIVE_ACTOR}), ${ctes},
       snapshot AS (${rows})
     SELECT 'ACTOR' AS kind, NULL AS participant_id, NULL AS detail, NULL::timestamptz AS at, row_to_json(actor) AS actor FROM actor
     UNION ALL SELECT snapshot.*, NULL FROM snapshot WHERE EXISTS (SELECT 1 FROM actor)`;
})();

/** The per-request access snapshot's statements (RequestAccess keeps when it is read and reused). */
@Injectable()
export class AccessSnapshotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everything the account reaches at `at`, in one statement. */
  snapshotRows(accountId: string, at: Date, discipline: Discipline | null): Promise<SnapshotRow[]> {
    return preparedRead<SnapshotRow>(this.dataSource.manager, BY_ACCOUNT_SQL, [
      accountId,
      at,
      discipline,
      TeamRole.SUPPORT_PERSON,
    ]);
  }

  /**
   * The account behind a live session and everything it reaches, in one statement: what an
   * HTTP request's authentication and its first access check would read one after the other.
   */
  actorWithSnapshot(sessionId: string, accountId: string, at: Date): Promise<ActorSnapshotRow[]> {
    return preparedRead<ActorSnapshotRow>(this.dataSource.manager, WITH_ACTOR, [
      sessionId,
      accountId,
      at,
      AccountStatus.ACTIVE,
      TeamRole.SUPPORT_PERSON,
      AccountKind.PARTICIPANT,
      ProgramRole.ADMINISTRATOR,
    ]);
  }
}
