import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TeamRole } from '@roundtable/contracts';
import { ACTIVE_MEMBERSHIP } from '@roundtable/care-team';

/** A sign-in set-up code that needs a second staff member's approval, with its participant's program. */
export interface CodeRow {
  id: string;
  account_id: string;
  participant_id: string;
  program_id: string;
  created_by: string | null;
}

/** The SQL of sign-in set-up codes (rules 1, 12); who may approve or read them stays in the service's policies. */
@Injectable()
export class SignInSetupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async awaitingApprovalCode(setupCodeId: string): Promise<CodeRow | undefined> {
    const [row]: CodeRow[] = await this.dataSource.query(
      `SELECT c.id, c.account_id, c.participant_id, p.program_id, c.created_by
         FROM one_time_code c JOIN participant p ON p.id = c.participant_id
        WHERE c.id = $1 AND c.purpose = 'SIGN_IN_SETUP' AND c.requires_approval`,
      [setupCodeId],
    );
    return row;
  }

  /**
   * Codes waiting for an approval this account may give (never its own requests): in its
   * program for a supervisor, or for participants whose team it is on as staff at `now`.
   */
  awaitingApprovalFor(
    now: Date,
    accountId: string,
    isSupervisor: boolean,
    programId: string | null,
  ): Promise<{ id: string }[]> {
    return this.dataSource.query(
      `SELECT c.id FROM one_time_code c JOIN participant p ON p.id = c.participant_id
        WHERE c.purpose = 'SIGN_IN_SETUP' AND c.requires_approval AND c.approved_at IS NULL
          AND c.used_at IS NULL AND c.superseded_at IS NULL AND c.expires_at > $1
          AND c.created_by IS DISTINCT FROM $2 AND c.account_id <> $2
          AND (($3::boolean AND p.program_id = $4)
               OR EXISTS (SELECT 1 FROM care_team_membership m
                           WHERE m.participant_id = c.participant_id AND m.account_id = $2 AND m.team_role <> $5
                             AND ${ACTIVE_MEMBERSHIP.replaceAll('$AT', '$1')}))
        ORDER BY c.created_at, c.id LIMIT 100`,
      [now, accountId, isSupervisor, programId, TeamRole.SUPPORT_PERSON],
    );
  }

  /** A participant's set-up codes (and their support persons'), newest first. */
  historyOf(participantId: string): Promise<{ id: string }[]> {
    return this.dataSource.query(
      `SELECT id FROM one_time_code WHERE participant_id = $1 AND purpose = 'SIGN_IN_SETUP'
        ORDER BY created_at DESC, id DESC LIMIT 50`,
      [participantId],
    );
  }

  accountNames(ids: readonly string[]): Promise<{ id: string; display_name: string }[]> {
    return this.dataSource.query('SELECT id, display_name FROM account WHERE id = ANY($1)', [ids]);
  }
}
