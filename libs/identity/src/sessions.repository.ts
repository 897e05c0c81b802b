import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccountStatus } from '@roundtable/contracts';
import type { ActorAccountRow } from './actor';

/** A live session's account, as the authenticator needs it to build an Actor. */
export interface SessionActorRow extends ActorAccountRow {
  awaiting_confirmation: boolean;
}

/**
 * The account behind an open, unexpired session ($1) of the account ($2) at $3, if that account
 * is in status $4: what makes a signed token an actor right now (sign-out and deactivation
 * take effect at once). libs/access reads it in the same statement as the account's access.
 */
export const LIVE_ACTOR = `SELECT a.id AS account_id, a.kind, a.display_name, a.program_id, a.program_role, a.discipline,
       a.participant_id, a.awaiting_confirmation
  FROM auth_session s JOIN account a ON a.id = s.account_id
 WHERE s.id = $1 AND a.id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3 AND a.status = $4`;

/**
 * Reads and writes of sign-in sessions (auth_session): the SQL lives here, the services keep
 * the rules ("one persistence idiom"). Methods taking a manager run in the caller's transaction.
 */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async revoke(manager: EntityManager, sessionId: string, at: Date, reason: string): Promise<void> {
    await manager.query(
      'UPDATE auth_session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL',
      [sessionId, at, reason],
    );
  }

  async revokeAllOfAccount(manager: EntityManager, accountId: string, at: Date, reason: string): Promise<void> {
    await manager.query(
      'UPDATE auth_session SET revoked_at = $2, revoked_reason = $3 WHERE account_id = $1 AND revoked_at IS NULL',
      [accountId, at, reason],
    );
  }

  /**
   * Ends one live session of this account; the ids of the ended rows (none when the session
   * is unknown, ended, expired or someone else's: one statement for all of them).
   */
  async endOwn(sessionId: string, accountId: string, at: Date): Promise<{ id: string }[]> {
    const ended: unknown[] = await this.dataSource.query(
      `UPDATE auth_session SET revoked_at = $3, revoked_reason = 'ended from another device'
        WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL AND expires_at > $3 RETURNING id`,
      [sessionId, accountId, at],
    );
    // The driver answers an UPDATE … RETURNING as [rows, affected]; tolerate a bare rows array too.
    return (Array.isArray(ended[0]) ? ended[0] : ended) as { id: string }[];
  }

  /** The account behind an open, unexpired session, if that account is in the given status. */
  liveActor(sessionId: string, accountId: string, at: Date, status: AccountStatus): Promise<SessionActorRow[]> {
    return this.dataSource.query(LIVE_ACTOR, [sessionId, accountId, at, status]);
  }
}
