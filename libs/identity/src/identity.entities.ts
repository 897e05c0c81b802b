import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountKind, AccountStatus, Discipline, ProgramRole } from '@roundtable/contracts';

/** An agency or team that employs staff and serves participants. */
@Entity('program')
export class ProgramEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** Anyone who signs in: staff, a participant, or a support person a participant invited. */
@Entity('account')
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') kind!: AccountKind;
  @Column('text') status!: AccountStatus;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) username!: string | null;
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash!: string | null;
  @Column('uuid', { name: 'program_id', nullable: true }) programId!: string | null;
  @Column('text', { nullable: true }) discipline!: Discipline | null;
  @Column('text', { name: 'program_role', nullable: true }) programRole!: ProgramRole | null;
  @Column('uuid', { name: 'participant_id', nullable: true }) participantId!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('integer') version!: number;
  /** Invited staff cannot act until a supervisor other than the inviter confirms them (rule 1). */
  @Column('boolean', { name: 'awaiting_confirmation', default: false }) awaitingConfirmation!: boolean;
  @Column('uuid', { name: 'invited_by', nullable: true }) invitedBy!: string | null;
  @Column('uuid', { name: 'confirmed_by', nullable: true }) confirmedBy!: string | null;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true }) confirmedAt!: Date | null;
  @Column('uuid', { name: 'deactivated_by', nullable: true }) deactivatedBy!: string | null;
  @Column('timestamptz', { name: 'deactivated_at', nullable: true }) deactivatedAt!: Date | null;
  @Column('text', { name: 'deactivation_reason', nullable: true }) deactivationReason!: string | null;
}

/** One signed-in device: a family of rotating refresh tokens. */
@Entity('auth_session')
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('text', { name: 'revoked_reason', nullable: true }) revokedReason!: string | null;
  /** Signed in with "This is a shared computer": no refresh token was ever issued. */
  @Column('boolean', { name: 'shared_device', default: false }) sharedDevice!: boolean;
  @Column('text', { name: 'user_agent', nullable: true }) userAgent!: string | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
}

@Entity('refresh_token')
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'session_id' }) sessionId!: string;
  @Column('text', { name: 'secret_hash' }) secretHash!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
}

export type OneTimeCodePurpose = 'STAFF_INVITATION' | 'SIGN_IN_SETUP';

/** Invitation and sign-in set-up codes, handed over in person: no email service needed. */
@Entity('one_time_code')
export class OneTimeCodeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') purpose!: OneTimeCodePurpose;
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  @Column('text', { name: 'code_hash' }) codeHash!: string;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
  /** Sign-in set-up codes work only once a second staff member approved them (rule 1). */
  @Column('boolean', { name: 'requires_approval', default: false }) requiresApproval!: boolean;
  /** Whose care team governs the approval: the participant, or the one a support person supports. */
  @Column('uuid', { name: 'participant_id', nullable: true }) participantId!: string | null;
  @Column('uuid', { name: 'approved_by', nullable: true }) approvedBy!: string | null;
  @Column('timestamptz', { name: 'approved_at', nullable: true }) approvedAt!: Date | null;
  /** A newer code for the same account replaced this one. */
  @Column('timestamptz', { name: 'superseded_at', nullable: true }) supersededAt!: Date | null;
}

/** Single-use recovery codes a participant keeps on paper; argon2-hashed like passwords. */
@Entity('recovery_code')
export class RecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  /** The first group of the code, kept in clear so one hash is checked, not eight. */
  @Column('text') locator!: string;
  @Column('text', { name: 'secret_hash' }) secretHash!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}

@Entity('sign_in_attempt')
export class SignInAttemptEntity {
  @PrimaryGeneratedColumn('identity') id!: string;
  @Column('text') identifier!: string;
  @Column('text') address!: string;
  @Column('boolean') succeeded!: boolean;
  @Column('timestamptz') at!: Date;
}

export const identityEntities = [
  ProgramEntity,
  AccountEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  OneTimeCodeEntity,
  SignInAttemptEntity,
  RecoveryCodeEntity,
];
