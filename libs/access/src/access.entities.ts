import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Discipline, SensitivityLabel } from '@roundtable/contracts';

/** A participant's grant of one label to a person or a discipline; never deleted, only revoked or ended. */
@Entity('consent_grant')
export class ConsentGrantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('uuid', { name: 'grantee_account', nullable: true }) granteeAccount!: string | null;
  @Column('text', { name: 'grantee_discipline', nullable: true }) granteeDiscipline!: Discipline | null;
  @Column('boolean', { name: 'includes_future_members' }) includesFutureMembers!: boolean;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at', nullable: true }) endsAt!: Date | null;
  @Column('text', { name: 'end_event', nullable: true }) endEvent!: string | null;
  @Column('uuid', { name: 'granted_by' }) grantedBy!: string;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('uuid', { name: 'revoked_by', nullable: true }) revokedBy!: string | null;
}

/**
 * Time-limited emergency access by a care-team clinician, with a reason (PRODUCT.md rule 12).
 * It opens nothing while `startedAt` is empty (a repeat request awaiting a supervisor's
 * approval); until then `endsAt` is when the unanswered request lapses.
 */
@Entity('break_glass')
export class BreakGlassEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  @Column('text') reason!: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('uuid', { name: 'ended_by', nullable: true }) endedBy!: string | null;
  @Column('boolean', { name: 'approval_required' }) approvalRequired!: boolean;
  @Column('uuid', { name: 'approved_by', nullable: true }) approvedBy!: string | null;
  @Column('timestamptz', { name: 'approved_at', nullable: true }) approvedAt!: Date | null;
  @Column('uuid', { name: 'reviewed_by', nullable: true }) reviewedBy!: string | null;
  @Column('timestamptz', { name: 'reviewed_at', nullable: true }) reviewedAt!: Date | null;
  @Column('text', { name: 'review_note', nullable: true }) reviewNote!: string | null;
}

export const accessEntities = [ConsentGrantEntity, BreakGlassEntity];
