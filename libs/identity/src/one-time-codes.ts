import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@roundtable/platform';
import { OneTimeCodeEntity, type OneTimeCodePurpose } from './identity.entities';
import { generateOneTimeCode, normaliseOneTimeCode, sha256 } from './secrets';

export const CODE_LIFETIME_MS: Record<OneTimeCodePurpose, number> = {
  STAFF_INVITATION: 7 * 24 * 3600 * 1000,
  SIGN_IN_SETUP: 48 * 3600 * 1000,
};

export interface IssuedCode {
  code: string;
  expiresAt: Date;
}

/** Invitation and set-up codes: stored hashed, valid once, replaced when a new one is issued. */
@Injectable()
export class OneTimeCodes {
  constructor(private readonly clock: Clock) {}

  async issue(
    manager: EntityManager,
    accountId: string,
    purpose: OneTimeCodePurpose,
    createdBy: string | null,
  ): Promise<IssuedCode> {
    const now = this.clock.now();
    // A new code replaces any earlier unused one: only the latest handed-over code works.
    await manager.query(
      'UPDATE one_time_code SET used_at = $3 WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL',
      [accountId, purpose, now],
    );
    const code = generateOneTimeCode();
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS[purpose]);
    await manager.insert(OneTimeCodeEntity, {
      purpose,
      accountId,
      codeHash: sha256(normaliseOneTimeCode(code)),
      createdBy,
      createdAt: now,
      expiresAt,
    });
    return { code, expiresAt };
  }

  /** Marks the code used and returns its account id; undefined if unknown, used or expired. */
  async redeem(manager: EntityManager, code: string, purpose: OneTimeCodePurpose): Promise<string | undefined> {
    const now = this.clock.now();
    const [rows]: [{ account_id: string }[], number] = await manager.query(
      `UPDATE one_time_code SET used_at = $3
        WHERE code_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
        RETURNING account_id`,
      [sha256(normaliseOneTimeCode(code)), purpose, now],
    );
    return rows[0]?.account_id;
  }
}
