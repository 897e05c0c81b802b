import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OneTimeCodePurpose } from './identity.entities';

/** The code row a redemption marked used. */
export interface RedeemedCodeRow {
  id: string;
  account_id: string;
  participant_id: string | null;
  created_by: string | null;
  approved_by: string | null;
}

/**
 * Writes of invitation and set-up codes (one_time_code), all in the caller's transaction: the
 * SQL lives here, OneTimeCodes keeps the rules. No dependencies, so the operator's
 * create-program (not DI-created) builds it by hand.
 */
@Injectable()
export class OneTimeCodesRepository {
  /** Replaces any earlier unused code of this purpose: only the latest handed-over code works. */
  async supersedeUnused(
    manager: EntityManager,
    accountId: string,
    purpose: OneTimeCodePurpose,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE one_time_code SET superseded_at = $3
        WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL AND superseded_at IS NULL`,
      [accountId, purpose, at],
    );
  }

  /**
   * Marks the code used if it can be; one statement whatever the reason it cannot, so none of
   * them can be told apart from an unknown code by its answer or its timing.
   */
  async redeem(
    manager: EntityManager,
    codeHash: string,
    purpose: OneTimeCodePurpose,
    at: Date,
  ): Promise<RedeemedCodeRow | undefined> {
    const [rows]: [RedeemedCodeRow[], number] = await manager.query(
      `UPDATE one_time_code SET used_at = $3
        WHERE code_hash = $1 AND purpose = $2 AND used_at IS NULL AND superseded_at IS NULL AND expires_at > $3
          AND (NOT requires_approval OR approved_at IS NOT NULL)
        RETURNING id, account_id, participant_id, created_by, approved_by`,
      [codeHash, purpose, at],
    );
    return rows[0];
  }

  /** Records the approval if the code is still waiting; false if it was not. */
  async approve(manager: EntityManager, codeId: string, approverId: string, at: Date): Promise<boolean> {
    const [, affected]: [unknown[], number] = await manager.query(
      `UPDATE one_time_code SET approved_by = $2, approved_at = $3
        WHERE id = $1 AND requires_approval AND approved_at IS NULL AND used_at IS NULL
          AND superseded_at IS NULL AND expires_at > $3 AND created_by IS DISTINCT FROM $2`,
      [codeId, approverId, at],
    );
    return affected === 1;
  }
}
