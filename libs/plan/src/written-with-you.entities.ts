import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';

/** What a team member may write down as the participant's words, presence or agreement. */
export enum WrittenWithYouKind {
  GOAL = 'GOAL',
  VISION = 'VISION',
  SETBACK = 'SETBACK',
  PARTICIPANT_UPDATE = 'PARTICIPANT_UPDATE',
  DECISION_ANSWER = 'DECISION_ANSWER',
  CONFERENCE_INVITATION = 'CONFERENCE_INVITATION',
}

/** WAITING until the participant answers; CO_SIGNED when they co-signed it on the spot. */
export enum WrittenWithYouStatus {
  WAITING = 'WAITING',
  CO_SIGNED = 'CO_SIGNED',
  CONFIRMED = 'CONFIRMED',
  CHANGED = 'CHANGED',
  DECLINED = 'DECLINED',
  /** Overtaken by the participant's own act (e.g. they answered the decision themselves). */
  SUPERSEDED = 'SUPERSEDED',
}

/**
 * One act a team member recorded as the participant's (PRODUCT.md rules 1, 3). While WAITING
 * it changes nothing of theirs: the act is applied only when the participant confirms (or
 * changes) it on their own device. A co-signed act is applied at once and kept here as
 * CO_SIGNED, so the record says how it came to be the participant's.
 */
@Entity('written_with_you')
export class WrittenWithYouEntity {
  /** For a GOAL, the goal's own id; for a SETBACK, the id the setback gets when confirmed. */
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') kind!: WrittenWithYouKind;
  @Column('text') label!: SensitivityLabel;
  /** The words as written down (or a plain-words line for an agreement or an invitation). */
  @Column('text') text!: string;
  /** What applying it needs (e.g. the decision and the answer), per kind: read it through `entryPayload`. */
  @Column('jsonb') payload!: unknown;
  @Column('uuid', { name: 'target_id', nullable: true }) targetId!: string | null;
  @Column('uuid', { name: 'written_by' }) writtenBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('text') status!: WrittenWithYouStatus;
  @Column('timestamptz', { name: 'answered_at', nullable: true }) answeredAt!: Date | null;
  @Column('integer') version!: number;
}
