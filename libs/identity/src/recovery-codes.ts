import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@roundtable/platform';
import { RecoveryCodeEntity } from './identity.entities';
import { PasswordHasher } from './password-hasher';
import { RecoveryCodesRepository } from './recovery-codes.repository';
import { generateOneTimeCode, normaliseOneTimeCode } from './secrets';

/** How many recovery codes a participant gets to write down. */
export const RECOVERY_CODE_COUNT = 8;
const LOCATOR_LENGTH = 4;
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

/**
 * Single-use recovery codes (PRODUCT.md rule 1): a participant resets their passphrase
 * without any staff member. Each code is XXXX-XXXX-XXXX; the first group is a locator kept
 * in clear (so one argon2 hash is checked, not eight), the whole code is hashed like a
 * password. A lookup that finds nothing verifies against a decoy, so it costs the same.
 */
@Injectable()
export class RecoveryCodes {
  constructor(
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly repository: RecoveryCodesRepository,
  ) {}

  /** Revokes every unused code of the account and returns a new set (shown once). */
  async replace(manager: EntityManager, accountId: string): Promise<string[]> {
    const now = this.clock.now();
    await this.repository.revokeUnused(manager, accountId, now);
    const codes: string[] = [];
    const locators = new Set<string>();
    while (codes.length < RECOVERY_CODE_COUNT) {
      const code = generateOneTimeCode();
      const locator = normaliseOneTimeCode(code).slice(0, LOCATOR_LENGTH);
      if (locators.has(locator)) continue;
      locators.add(locator);
      codes.push(code);
    }
    const hashes = await Promise.all(codes.map((code) => this.hasher.hash(normaliseOneTimeCode(code))));
    await manager.insert(
      RecoveryCodeEntity,
      codes.map((code, index) => ({
        accountId,
        locator: normaliseOneTimeCode(code).slice(0, LOCATOR_LENGTH),
        secretHash: hashes[index],
        createdAt: now,
        usedAt: null,
        revokedAt: null,
      })),
    );
    return codes;
  }

  /**
   * Uses one code of this account; false when the account is unknown (undefined), the code
   * is wrong, used or revoked. The row is locked and marked used in the caller's
   * transaction, so two concurrent uses of one code cannot both succeed.
   */
  async use(manager: EntityManager, accountId: string | undefined, code: string): Promise<boolean> {
    const typed = normaliseOneTimeCode(code);
    // The same statement runs for an unknown account (a nil id matches nothing), so the
    // answer's timing does not tell whether the username exists.
    const rows = await this.repository.lockUnused(manager, accountId ?? NO_ACCOUNT, typed.slice(0, LOCATOR_LENGTH));
    const row = rows[0];
    if (!(await this.hasher.verify(row?.secret_hash, typed)) || !row || typed.length !== 12) return false;
    await this.repository.markUsed(manager, row.id, this.clock.now());
    return true;
  }

  async remaining(manager: EntityManager, accountId: string): Promise<number> {
    return this.repository.countUnused(manager, accountId);
  }
}
