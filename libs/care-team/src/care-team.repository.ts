import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Discipline, TeamRole } from '@roundtable/contracts';
import { ParticipantEntity } from './care-team.entities';
import { CareTeamChangeKind, type CareTeamChange, type CareTeamMember } from './care-team.models';

interface MemberRow {
  membership_id: string;
  participant_id: string;
  account_id: string;
  display_name: string;
  discipline: Discipline | null;
  team_role: TeamRole;
  starts_at: Date;
  ends_at: Date | null;
  added_by_name: string | null;
  ended_by_name: string | null;
}

function toMember(row: MemberRow): CareTeamMember {
  return {
    membershipId: row.membership_id,
    accountId: row.account_id,
    displayName: row.display_name,
    discipline: row.discipline,
    teamRole: row.team_role,
    since: row.starts_at,
    until: row.ends_at,
  };
}

const MEMBER_SELECT = `
  SELECT m.id AS membership_id, m.participant_id, m.account_id, a.display_name, a.discipline, m.team_role,
         m.starts_at, m.ends_at, adder.display_name AS added_by_name, ender.display_name AS ended_by_name
    FROM care_team_membership m
    JOIN account a ON a.id = m.account_id
    LEFT JOIN account adder ON adder.id = m.added_by
    LEFT JOIN account ender ON ender.id = m.ended_by`;

/** `m` is active at $at: started, and not yet ended. */
export const ACTIVE_MEMBERSHIP = '(m.starts_at <= $AT AND (m.ends_at IS NULL OR m.ends_at > $AT))';

/**
 * Reads and writes of participants and care teams, batched so a list costs one query: the
 * SQL lives here and the services keep only the rules ("one persistence idiom"). No policy
 * here: callers decide who may see or change what (libs/access).
 */
@Injectable()
export class CareTeamRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  participants(ids: readonly string[]): Promise<ParticipantEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT id, program_id AS "programId", preferred_name AS "preferredName", pronouns, created_at AS "createdAt", version
         FROM participant WHERE id = ANY($1) ORDER BY preferred_name, id`,
      [ids],
    );
  }

  programParticipantIds(programId: string): Promise<string[]> {
    return this.dataSource
      .query('SELECT id FROM participant WHERE program_id = $1 ORDER BY preferred_name, id', [programId])
      .then((rows: { id: string }[]) => rows.map((row) => row.id));
  }

  /** Current members of each participant's team, in one query. */
  async currentMembers(participantIds: readonly string[], at: Date): Promise<Map<string, CareTeamMember[]>> {
    const rows: MemberRow[] = participantIds.length
      ? await this.dataSource.query(
          `${MEMBER_SELECT} WHERE m.participant_id = ANY($1) AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$2')}
           ORDER BY m.team_role = 'PRIMARY_CASE_MANAGER' DESC, m.team_role = 'SUPPORT_PERSON', a.display_name`,
          [participantIds, at],
        )
      : [];
    const byParticipant = new Map<string, CareTeamMember[]>(participantIds.map((id) => [id, []]));
    for (const row of rows) byParticipant.get(row.participant_id)?.push(toMember(row));
    return byParticipant;
  }

  async membership(membershipId: string): Promise<CareTeamMember | undefined> {
    const rows: MemberRow[] = await this.dataSource.query(`${MEMBER_SELECT} WHERE m.id = $1`, [membershipId]);
    return rows[0] && toMember(rows[0]);
  }

  /** Every join and leave on the team, newest first. */
  async history(participantId: string, at: Date): Promise<CareTeamChange[]> {
    const rows: MemberRow[] = await this.dataSource.query(`${MEMBER_SELECT} WHERE m.participant_id = $1`, [
      participantId,
    ]);
    const changes: CareTeamChange[] = [];
    for (const row of rows) {
      const member = toMember(row);
      changes.push({ kind: CareTeamChangeKind.JOINED, at: row.starts_at, member, changedBy: row.added_by_name });
      if (row.ends_at && row.ends_at <= at) {
        changes.push({ kind: CareTeamChangeKind.LEFT, at: row.ends_at, member, changedBy: row.ended_by_name });
      }
    }
    return changes.sort((a, b) => b.at.getTime() - a.at.getTime() || a.kind.localeCompare(b.kind));
  }

  /** The account's active memberships: its caseload. */
  activeMemberships(accountId: string, at: Date): Promise<{ participantId: string; teamRole: TeamRole }[]> {
    return this.dataSource.query(
      `SELECT m.participant_id AS "participantId", m.team_role AS "teamRole"
         FROM care_team_membership m WHERE m.account_id = $1 AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$2')}`,
      [accountId, at],
    );
  }

  /** Latest contact by anyone, and by `accountId`, for each participant. */
  async lastContacts(
    participantIds: readonly string[],
    accountId: string,
  ): Promise<Map<string, { anyone: Date | null; mine: Date | null }>> {
    const rows: { participant_id: string; anyone: Date | null; mine: Date | null }[] = participantIds.length
      ? await this.dataSource.query(
          `SELECT participant_id, max(at) AS anyone, max(at) FILTER (WHERE account_id = $2) AS mine
             FROM contact WHERE participant_id = ANY($1) GROUP BY participant_id`,
          [participantIds, accountId],
        )
      : [];
    return new Map(rows.map((row) => [row.participant_id, { anyone: row.anyone, mine: row.mine }]));
  }

  async openMembership(
    manager: EntityManager,
    participantId: string,
    accountId: string,
  ): Promise<{ id: string } | undefined> {
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM care_team_membership WHERE participant_id = $1 AND account_id = $2 AND ends_at IS NULL',
      [participantId, accountId],
    );
    return rows[0];
  }
}
