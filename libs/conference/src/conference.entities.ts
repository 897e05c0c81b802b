import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type {
  AgendaItemKind,
  AttendeeKind,
  ConferenceStatus,
  DecisionChangeKind,
  DecisionStatus,
  Discipline,
  GoalLifecycle,
  GoalOption,
  Horizon,
  LifeDomain,
  ParticipantResponseKind,
  SensitivityLabel,
} from '@roundtable/contracts';

@Entity('conference')
export class ConferenceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') title!: string;
  @Column('timestamptz', { name: 'scheduled_for' }) scheduledFor!: Date;
  /** IANA zone the time was set in, so everyone reads the meeting's own local time. */
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  /** Marked by the participant only (their device or a co-sign): rules 2, 3. */
  @Column('boolean', { name: 'participant_attends' }) participantAttends!: boolean;
  /** Staff asked the participant to come: an invitation, never their presence. */
  @Column('boolean', { name: 'participant_invited' }) participantInvited!: boolean;
  @Column('uuid', { name: 'facilitator_id' }) facilitatorId!: string;
  /** Named by the facilitator (issue 17); runs the room with them while still a staff member on the team. */
  @Column('uuid', { name: 'co_facilitator_id', nullable: true }) coFacilitatorId!: string | null;
  @Column('text') status!: ConferenceStatus;
  @Column('uuid', { name: 'current_item_id', nullable: true }) currentItemId!: string | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('uuid', { name: 'closed_by', nullable: true }) closedBy!: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  /** Per label set, how often the room moved as that set sees it (room-version.ts). */
  @Column('jsonb', { name: 'room_versions', default: () => "'{}'::jsonb" }) roomVersions!: Record<string, number>;
  @Column('integer') version!: number;
}

@Entity('conference_attendee')
export class ConferenceAttendeeEntity {
  @PrimaryColumn('uuid', { name: 'conference_id' }) conferenceId!: string;
  @PrimaryColumn('uuid', { name: 'account_id' }) accountId!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') kind!: AttendeeKind;
  @Column('uuid', { name: 'invited_by' }) invitedBy!: string;
  @Column('timestamptz', { name: 'invited_at' }) invitedAt!: Date;
}

@Entity('agenda_item')
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'conference_id' }) conferenceId!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') kind!: AgendaItemKind;
  /** 0 for the participant's update (a CHECK keeps it there); topics sort after it. */
  @Column('double precision', { name: 'sort_key' }) sortKey!: number;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('uuid', { name: 'goal_id', nullable: true }) goalId!: string | null;
  @Column('uuid', { name: 'metric_id', nullable: true }) metricId!: string | null;
  @Column('uuid', { name: 'step_id', nullable: true }) stepId!: string | null;
  @Column('boolean', { name: 'not_without_participant' }) notWithoutParticipant!: boolean;
  @Column('uuid', { name: 'added_by' }) addedBy!: string;
  @Column('uuid', { name: 'written_with', nullable: true }) writtenWith!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer') version!: number;
}

@Entity('conference_note')
export class ConferenceNoteEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'conference_id' }) conferenceId!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'agenda_item_id' }) agendaItemId!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('text') text!: string;
  @Column('uuid') author!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity('perspective')
export class PerspectiveEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'conference_id' }) conferenceId!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'agenda_item_id' }) agendaItemId!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('uuid') author!: string;
  /** The author's discipline when they wrote it; null for the participant's own card. */
  @Column('text', { nullable: true }) discipline!: Discipline | null;
  @Column('text') text!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer') version!: number;
}

export interface NewGoalProposal {
  text: string;
  domain: LifeDomain;
  horizon: Horizon;
  options: GoalOption[];
  substance?: string | null;
  /** Rule 9: linked when the options reduce a way of coping. */
  replacementStrategyIds?: string[];
}

@Entity('decision')
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'conference_id' }) conferenceId!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'agenda_item_id' }) agendaItemId!: string;
  @Column('text') label!: SensitivityLabel;
  @Column('text') summary!: string;
  @Column('text', { name: 'change_kind' }) changeKind!: DecisionChangeKind;
  @Column('uuid', { name: 'goal_id', nullable: true }) goalId!: string | null;
  @Column('text', { nullable: true }) lifecycle!: GoalLifecycle | null;
  @Column('jsonb', { name: 'new_goal', nullable: true }) newGoal!: NewGoalProposal | null;
  @Column('text') status!: DecisionStatus;
  @Column('uuid', { name: 'proposed_by' }) proposedBy!: string;
  @Column('timestamptz', { name: 'proposed_at' }) proposedAt!: Date;
  @Column('uuid', { name: 'answered_by', nullable: true }) answeredBy!: string | null;
  @Column('timestamptz', { name: 'answered_at', nullable: true }) answeredAt!: Date | null;
  @Column('boolean', { name: 'answered_live', nullable: true }) answeredLive!: boolean | null;
  @Column('text', { name: 'answer_note', nullable: true }) answerNote!: string | null;
  @Column('uuid', { name: 'resulting_goal_id', nullable: true }) resultingGoalId!: string | null;
  /** The participant's answer was recorded by a team member and co-signed with their passphrase. */
  @Column('boolean', { name: 'co_signed' }) coSigned!: boolean;
  @Column('integer') version!: number;
}

@Entity('action_item')
export class ActionItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'conference_id' }) conferenceId!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'agenda_item_id' }) agendaItemId!: string;
  @Column('uuid', { name: 'step_id' }) stepId!: string;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity('participant_response')
export class ParticipantResponseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'conference_id' }) conferenceId!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text') kind!: ParticipantResponseKind;
  @Column('uuid', { name: 'target_id', nullable: true }) targetId!: string | null;
  @Column('text') label!: SensitivityLabel;
  @Column('text') text!: string;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('text', { nullable: true }) answer!: string | null;
  @Column('uuid', { name: 'answered_by', nullable: true }) answeredBy!: string | null;
  @Column('timestamptz', { name: 'answered_at', nullable: true }) answeredAt!: Date | null;
  @Column('integer') version!: number;
}

@Entity('minutes_amendment')
export class MinutesAmendmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'conference_id' }) conferenceId!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('uuid', { name: 'target_id', nullable: true }) targetId!: string | null;
  @Column('text') label!: SensitivityLabel;
  @Column('text') text!: string;
  @Column('text') reason!: string;
  @Column('uuid', { name: 'answers_response_id', nullable: true }) answersResponseId!: string | null;
  @Column('uuid') author!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

export const conferenceEntities = [
  ConferenceEntity,
  ConferenceAttendeeEntity,
  AgendaItemEntity,
  ConferenceNoteEntity,
  PerspectiveEntity,
  DecisionEntity,
  ActionItemEntity,
  ParticipantResponseEntity,
  MinutesAmendmentEntity,
];
