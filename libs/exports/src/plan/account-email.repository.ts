import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The address on each account, as a plan export lists the care team's contacts. */
@Injectable()
export class AccountEmailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each account's email (null when it has none), in one statement; accounts not found are absent. */
  async emailsOf(accountIds: string[]): Promise<Map<string, string | null>> {
    const rows: { id: string; email: string | null }[] = await this.dataSource.query(
      'SELECT id, email FROM account WHERE id = ANY($1)',
      [accountIds],
    );
    return new Map(rows.map((row) => [row.id, row.email]));
  }
}
