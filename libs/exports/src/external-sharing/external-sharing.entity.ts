import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';

/** One label the participant lets leave Roundtable (to another system, by FHIR), for a period. */
@Entity('external_sharing_consent')
export class ExternalSharingConsentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('text', { nullable: true }) recipient!: string | null;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('uuid', { name: 'allowed_by' }) allowedBy!: string;
  @Column('timestamptz', { name: 'stopped_at', nullable: true }) stoppedAt!: Date | null;
  @Column('uuid', { name: 'stopped_by', nullable: true }) stoppedBy!: string | null;
}

export const exportsEntities = [ExternalSharingConsentEntity];
