import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The sign-ins behind live sockets, as SocketSignIn checks them (rule 10: access ends when the sign-in ends). */
@Injectable()
export class SocketSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Which of these sign-ins are still open at `now` (not revoked or expired, account active), in one round trip. */
  async openSessionIds(sessionIds: string[], now: Date): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM auth_session s JOIN account a ON a.id = s.account_id
        WHERE s.id = ANY($1) AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.status = 'ACTIVE'`,
      [[...new Set(sessionIds)], now],
    );
    return new Set(rows.map((row) => row.id));
  }
}
