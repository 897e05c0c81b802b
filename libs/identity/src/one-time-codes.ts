import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@roundtable/platform';
import { OneTimeCodeEntity, type OneTimeCodePurpose } from './identity.entities';
import { OneTimeCodesRepository } from './one-time-codes.repository';
import { generateOneTimeCode, normaliseOneTimeCode, sha256 } from './secrets';

/** A set-up code lets someone become the participant: it lives 30 minutes from issue (rule 1). */
export const CODE_LIFETIME_MS: Record<OneTimeCodePurpose, number> = {
  STAFF_INVITATION: 7 * 24 * 3600 * 1000,
  SIGN_IN_SETUP: 30 * 60 * 1000,
};

export interface IssuedCode {
  id: string;
  code: string;
  expiresAt: Date;
}

export interface IssueOptions {
  /** The code works only after a second person approves it. */
  requiresApproval?: boolean;
  /** Whose care team governs the approval. */
  participantId?: string | null;
}

/** Who handed over and who approved the code that was just used. */
export interface RedeemedCode {
  id: string;
  accountId: string;
  participantId: string | null;
  createdBy: string | null;
  approvedBy: string | null;
}

export type SetupCodeStatus = 'AWAITING_APPROVAL' | 'APPROVED' | 'USED' | 'EXPIRED' | 'SUPERSEDED';

/** Where a code stands now; only the holder and the people who may approve it ever see this. */
export function setupCodeStatus(code: OneTimeCodeEntity, now: Date): SetupCodeStatus {
  if (code.supersededAt) return 'SUPERSEDED';
  if (code.usedAt) return 'USED';
  if (code.expiresAt <= now) return 'EXPIRED';
  if (code.requiresApproval && !code.approvedAt) return 'AWAITING_APPROVAL';
  return 'APPROVED';
}

/**
 * Invitation and set-up codes: stored hashed, valid once, replaced when a new one is
 * issued, and (for set-up codes) inert until approved by a second person.
 */
@Injectable()
export class OneTimeCodes {
  constructor(
    private readonly clock: Clock,
    private readonly repository: OneTimeCodesRepository,
  ) {}

  async issue(
    manager: EntityManager,
    accountId: string,
    purpose: OneTimeCodePurpose,
    createdBy: string | null,
    options: IssueOptions = {},
  ): Promise<IssuedCode> {
    const now = this.clock.now();
    // A new code replaces any earlier unused one: only the latest handed-over code works.
    await this.repository.supersedeUnused(manager, accountId, purpose, now);
    const code = generateOneTimeCode();
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS[purpose]);
    const inserted = await manager.insert(OneTimeCodeEntity, {
      purpose,
      accountId,
      codeHash: sha256(normaliseOneTimeCode(code)),
      createdBy,
      createdAt: now,
      expiresAt,
      requiresApproval: options.requiresApproval ?? false,
      participantId: options.participantId ?? null,
    });
    const id = (inserted.identifiers[0] as { id: string }).id;
    return { id, code, expiresAt };
  }

  /**
   * Marks the code used and returns who it was for; undefined if unknown, used, replaced,
   * expired or not yet approved. One statement whatever the reason, so none of them can
   * be told apart from an unknown code by its answer or its timing.
   */
  async redeem(manager: EntityManager, code: string, purpose: OneTimeCodePurpose): Promise<RedeemedCode | undefined> {
    const now = this.clock.now();
    const row = await this.repository.redeem(manager, sha256(normaliseOneTimeCode(code)), purpose, now);
    if (!row) return undefined;
    return {
      id: row.id,
      accountId: row.account_id,
      participantId: row.participant_id,
      createdBy: row.created_by,
      approvedBy: row.approved_by,
    };
  }

  /** Records the approval if the code is still waiting; false if it was not. */
  async approve(manager: EntityManager, codeId: string, approverId: string): Promise<boolean> {
    const now = this.clock.now();
    return this.repository.approve(manager, codeId, approverId, now);
  }
}
