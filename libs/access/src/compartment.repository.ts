import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TeamRole } from '@roundtable/contracts';
import { ACTIVE_MEMBERSHIP } from '@roundtable/care-team';

/** A participant's program, and whether the actor is their primary case manager now. */
export interface ParticipantFacts {
  program_id: string;
  is_primary: boolean;
}

/**
 * The membership reads the compartment and the team policies decide on (rules 10 and 11):
 * the SQL lives here, the decisions in the policies. `now` is the policy's clock.
 */
@Injectable()
export class CompartmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Which of these participants the account is on the care team of at `now`. */
  async memberOf(accountId: string, participantIds: readonly string[], now: Date): Promise<string[]> {
    const rows: { participant_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT m.participant_id FROM care_team_membership m
        WHERE m.account_id = $1 AND m.participant_id = ANY($2) AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$3')}`,
      [accountId, participantIds, now],
    );
    return rows.map((row) => row.participant_id);
  }

  /**
   * Which of these (participant, account) pairs are on that participant's care team at `now`,
   * in one statement however many plans (rounds: each participant's conference audience).
   */
  membersAmongAcross(
    pairs: readonly { participantId: string; accountId: string }[],
    now: Date,
  ): Promise<{ participant_id: string; account_id: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT m.participant_id, m.account_id FROM care_team_membership m
        WHERE (m.participant_id, m.account_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
          AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$3')}`,
      [pairs.map((pair) => pair.participantId), pairs.map((pair) => pair.accountId), now],
    );
  }

  /** On the team at `now` as staff (not as a support person). */
  async isStaffOnTeam(accountId: string, participantId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM care_team_membership m WHERE m.account_id = $1 AND m.participant_id = $2
          AND m.team_role <> $4 AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$3')}`,
      [accountId, participantId, now, TeamRole.SUPPORT_PERSON],
    );
    return rows.length > 0;
  }

  /** The participants whose team this support person is (or was) on. */
  async supportedBy(accountId: string): Promise<string[]> {
    const rows: { participant_id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT participant_id FROM care_team_membership WHERE account_id = $1 AND team_role = $2',
      [accountId, TeamRole.SUPPORT_PERSON],
    );
    return rows.map((row) => row.participant_id);
  }

  async isPrimaryCaseManagerOfAny(accountId: string, participantIds: readonly string[], now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM care_team_membership m WHERE m.account_id = $1 AND m.participant_id = ANY($2)
          AND m.team_role = $4 AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$3')} LIMIT 1`,
      [accountId, participantIds, now, TeamRole.PRIMARY_CASE_MANAGER],
    );
    return rows.length > 0;
  }

  async participantFacts(participantId: string, accountId: string, now: Date): Promise<ParticipantFacts | undefined> {
    const rows: ParticipantFacts[] = await this.dataSource.query(
      `SELECT p.program_id, EXISTS (
                SELECT 1 FROM care_team_membership m
                 WHERE m.participant_id = p.id AND m.account_id = $2 AND m.team_role = $4
                   AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$3')}) AS is_primary
         FROM participant p WHERE p.id = $1`,
      [participantId, accountId, now, TeamRole.PRIMARY_CASE_MANAGER],
    );
    return rows[0];
  }
}
