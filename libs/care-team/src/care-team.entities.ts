import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TeamRole } from '@roundtable/contracts';

/** The person a plan is about: the compartment every plan row belongs to. */
@Entity('participant')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'program_id' }) programId!: string;
  @Column('text', { name: 'preferred_name' }) preferredName!: string;
  @Column('text', { nullable: true }) pronouns!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('integer') version!: number;
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

export const careTeamEntities = [ParticipantEntity, CareTeamMembershipEntity, ContactEntity];
