import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, AccountStatus } from '@roundtable/contracts';
import type { ProgramStaffCounts } from './identity.models';

/**
 * Raw reads of accounts (account) that the entity repository cannot express in one statement:
 * the SQL lives here, AccountsService keeps the rules.
 */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The program's staff accounts counted by state, in one statement. */
  async programStaffCounts(programId: string): Promise<ProgramStaffCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = $3)::int AS deactivated,
              count(*) FILTER (WHERE status <> $3 AND awaiting_confirmation)::int AS "awaitingConfirmation",
              count(*) FILTER (WHERE status = $4 AND NOT awaiting_confirmation)::int AS active,
              count(*) FILTER (WHERE status = $5 AND NOT awaiting_confirmation)::int AS "notYetJoined"
         FROM account WHERE program_id = $1 AND kind = $2`,
      [programId, AccountKind.STAFF, AccountStatus.DEACTIVATED, AccountStatus.ACTIVE, AccountStatus.PENDING],
    )) as ProgramStaffCounts[];
    return row;
  }
}
