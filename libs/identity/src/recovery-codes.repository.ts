import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An unused recovery code's row, locked for the caller's transaction. */
export interface RecoveryCodeRow {
  id: string;
  secret_hash: string;
}

/**
 * Reads and writes of recovery codes (recovery_code), all in the caller's transaction: the SQL
 * lives here, RecoveryCodes keeps the rules (rule 1). No dependencies, so it can be built by hand.
 */
@Injectable()
export class RecoveryCodesRepository {
  async revokeUnused(manager: EntityManager, accountId: string, at: Date): Promise<void> {
    await manager.query(
      'UPDATE recovery_code SET revoked_at = $2 WHERE account_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
      [accountId, at],
    );
  }

  /** The account's unused codes with this locator, locked (FOR UPDATE) until the transaction ends. */
  lockUnused(manager: EntityManager, accountId: string, locator: string): Promise<RecoveryCodeRow[]> {
    return manager.query(
      `SELECT id, secret_hash FROM recovery_code
        WHERE account_id = $1 AND locator = $2 AND used_at IS NULL AND revoked_at IS NULL FOR UPDATE`,
      [accountId, locator],
    );
  }

  async markUsed(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query('UPDATE recovery_code SET used_at = $2 WHERE id = $1', [id, at]);
  }

  async countUnused(manager: EntityManager, accountId: string): Promise<number> {
    const [row]: { count: string }[] = await manager.query(
      'SELECT count(*) FROM recovery_code WHERE account_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
      [accountId],
    );
    return Number(row.count);
  }
}
