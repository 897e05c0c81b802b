import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Discipline, TeamRole } from '@roundtable/contracts';

/** The person a plan is about: the compartment every plan row belongs to. */
@Entity('participant')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'program_id' }) programId!: string;
  @Column('text', { name: 'preferred_name' }) preferredName!: string;
  @Column('text', { nullable: true }) pronouns!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('integer') version!: number;
  /**
   * The participant lets their care team see when they are in the plan's live room. Off by
   * default; only the participant changes it, and it never moves `version` (staff read the
   * version, and must not learn of a setting that is the participant's alone).
   */
  @Column('boolean', { name: 'share_presence_with_team', default: false }) sharePresenceWithTeam!: boolean;
}

/** One person's time on one participant's care team. Ended memberships stay as history. */
@Entity('care_team_membership')
export class CareTeamMembershipEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  @Column('text', { name: 'team_role' }) teamRole!: TeamRole;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at', nullable: true }) endsAt!: Date | null;
  @Column('uuid', { name: 'added_by', nullable: true }) addedBy!: string | null;
  @Column('uuid', { name: 'ended_by', nullable: true }) endedBy!: string | null;
}

/**
 * One join or leave on a care team, append-only (PRODUCT.md rule 10: the participant sees
 * every change): who made it, when, and the member's discipline and role at the time.
 */
@Entity('care_team_change')
export class CareTeamChangeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'membership_id' }) membershipId!: string;
  @Column('text') kind!: 'JOINED' | 'LEFT';
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  @Column('text', { name: 'team_role' }) teamRole!: TeamRole;
  @Column('text', { nullable: true }) discipline!: Discipline | null;
  @Column('timestamptz', { name: 'effective_at' }) effectiveAt!: Date;
  @Column('timestamptz', { nullable: true }) until!: Date | null;
  @Column('uuid', { name: 'changed_by', nullable: true }) changedBy!: string | null;
  @Column('timestamptz', { name: 'changed_at' }) changedAt!: Date;
}

export enum ContactMode {
  IN_PERSON = 'IN_PERSON',
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
  MESSAGE = 'MESSAGE',
  OUTREACH = 'OUTREACH',
}

/** A contact between a team member and the participant ("last contact", never "overdue"). */
@Entity('contact')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  @Column('text') mode!: ContactMode;
  @Column('timestamptz') at!: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

export const careTeamEntities = [ParticipantEntity, CareTeamMembershipEntity, CareTeamChangeEntity, ContactEntity];
