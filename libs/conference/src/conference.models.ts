import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  AgendaItemKind,
  AttendeeKind,
  ConferenceStatus,
  DecisionChangeKind,
  DecisionStatus,
  Discipline,
  GoalLifecycle,
  GoalOption,
  ParticipantResponseKind,
  SensitivityLabel,
} from '@roundtable/contracts';
import { Author, LanguageCheck } from '@roundtable/plan';
import { Progress, Win } from '@roundtable/outcomes';

registerEnumType(ConferenceStatus, {
  name: 'ConferenceStatus',
  description: 'SCHEDULED, IN_PROGRESS (the live room), CLOSED (minutes locked; corrections are amendments).',
});
registerEnumType(AgendaItemKind, { name: 'AgendaItemKind' });
registerEnumType(AttendeeKind, { name: 'AttendeeKind' });
registerEnumType(DecisionStatus, {
  name: 'DecisionStatus',
  description: 'A decision changes the plan only once the participant agrees.',
});
registerEnumType(DecisionChangeKind, { name: 'DecisionChangeKind' });
registerEnumType(ParticipantResponseKind, { name: 'ParticipantResponseKind' });

@ObjectType({ description: 'Someone at (or invited to) a conference.' })
export class ConferencePerson {
  @Field(() => ID) accountId!: string;
  @Field() displayName!: string;
  @Field(() => Discipline, { nullable: true }) discipline!: Discipline | null;
  @Field(() => AttendeeKind, { nullable: true, description: 'Empty for the participant and non-attendees.' })
  attendeeKind!: AttendeeKind | null;
  @Field() isParticipant!: boolean;
}

@ObjectType({ description: 'A note taken in the conference. The participant reads every one.' })
export class ConferenceNote {
  @Field(() => ID) id!: string;
  @Field(() => ID) agendaItemId!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field() text!: string;
  @Field(() => Author) author!: Author;
  @Field() createdAt!: Date;
  @Field(() => LanguageCheck, { nullable: true, description: 'Advisory hints on staff-written text; never blocks.' })
  languageHints!: LanguageCheck | null;
}

@ObjectType({
  description: 'One person’s view of an item, on its own card. Cards sit side by side; there is no consensus field.',
})
export class Perspective {
  @Field(() => ID) id!: string;
  @Field(() => ID) agendaItemId!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => Author) author!: Author;
  @Field(() => Discipline, { nullable: true, description: 'Empty on the participant’s own card.' })
  discipline!: Discipline | null;
  @Field() text!: string;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
  @Field(() => LanguageCheck, { nullable: true }) languageHints!: LanguageCheck | null;
}

@ObjectType({ description: 'A goal a decision would add once the participant agrees.' })
export class ProposedGoal {
  @Field() text!: string;
  @Field() domain!: string;
  @Field(() => [GoalOption], { description: 'The approaches it proposes.' }) options!: GoalOption[];
  @Field(() => [ID], { description: 'Replacement strategies linked (rule 9), those you may see.' })
  replacementStrategyIds!: string[];
}

@ObjectType({ description: 'A proposed change to the plan; it applies only when the participant agrees.' })
export class Decision {
  @Field(() => ID) id!: string;
  @Field(() => ID) conferenceId!: string;
  @Field(() => ID) agendaItemId!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field() summary!: string;
  @Field(() => DecisionChangeKind) changeKind!: DecisionChangeKind;
  @Field(() => ID, { nullable: true }) goalId!: string | null;
  @Field(() => GoalLifecycle, { nullable: true }) lifecycle!: GoalLifecycle | null;
  @Field(() => ProposedGoal, { nullable: true }) newGoal!: ProposedGoal | null;
  @Field(() => DecisionStatus) status!: DecisionStatus;
  @Field(() => Author) proposedBy!: Author;
  @Field() proposedAt!: Date;
  @Field(() => Author, {
    nullable: true,
    description: 'Who recorded the answer (the participant, or a team member with them in the room).',
  })
  answeredBy!: Author | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'True when agreed or declined live in the conference.' })
  answeredLive!: boolean | null;
  @Field(() => String, { nullable: true }) answerNote!: string | null;
  @Field(() => ID, { nullable: true, description: 'The goal an agreed ADD_GOAL decision created.' })
  resultingGoalId!: string | null;
  @Field({ description: 'A team member recorded the participant’s answer and the participant co-signed it.' })
  coSigned!: boolean;
  @Field(() => Int) version!: number;
}

@ObjectType({
  description:
    'An answer a team member wrote down with the participant (answerDecision withParticipant): it changes nothing until the participant confirms it on their own device.',
})
export class DecisionAnswerWaiting {
  @Field({ description: 'What was written down: agree (true) or decline (false).' }) agree!: boolean;
  @Field(() => Author, { description: 'The team member who wrote it down with the participant.' })
  recordedBy!: Author;
  @Field() recordedAt!: Date;
}

@ObjectType({ description: 'Something to do after the conference; it is a step in the plan.' })
export class ActionItem {
  @Field(() => ID) id!: string;
  @Field(() => ID) agendaItemId!: string;
  @Field(() => ID) stepId!: string;
  @Field() text!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => Author, { nullable: true, description: 'Empty when the participant does it.' })
  assignee!: Author | null;
  @Field() forParticipant!: boolean;
  @Field(() => String, { nullable: true }) targetDate!: string | null;
}

@ObjectType({ description: 'One item on the agenda, as you may see it.' })
export class AgendaItem {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '1-based, counted over the items you can see; the participant’s update is 1.' })
  position!: number;
  @Field(() => AgendaItemKind) kind!: AgendaItemKind;
  @Field() title!: string;
  @Field({ description: 'For the participant’s update: their words (empty until recorded).' }) body!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => ID, { nullable: true }) goalId!: string | null;
  @Field(() => ID, { nullable: true }) metricId!: string | null;
  @Field(() => ID, { nullable: true }) stepId!: string | null;
  @Field({ description: 'The participant asked that this not be discussed without them.' })
  notWithoutParticipant!: boolean;
  @Field(() => Author) addedBy!: Author;
  @Field({ description: 'Written down by a team member with the participant.' }) writtenWithParticipant!: boolean;
  @Field(() => [ConferencePerson], {
    description:
      'Attendees whose screens do not show this item (it is labelled beyond what is shared with them). They may still hear it in the room.',
  })
  hiddenFrom!: ConferencePerson[];
  @Field(() => [ConferencePerson], { description: 'Who can read this item: attendees and care-team members.' })
  readers!: ConferencePerson[];
  @Field(() => [ConferenceNote]) notes!: ConferenceNote[];
  @Field(() => [Perspective], { description: 'The participant’s card first, then each discipline’s.' })
  perspectives!: Perspective[];
  @Field(() => [Decision]) decisions!: Decision[];
  @Field(() => [ActionItem]) actionItems!: ActionItem[];
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'An appended correction to closed minutes: the original stays as it was.' })
export class MinutesAmendment {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'The note, perspective, decision or item it corrects.' })
  targetId!: string | null;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field() text!: string;
  @Field() reason!: string;
  @Field(() => Author) author!: Author;
  @Field() createdAt!: Date;
  @Field(() => ID, { nullable: true }) answersResponseId!: string | null;
}

@ObjectType({ description: 'The participant asking for a correction, or giving feedback, and the team’s answer.' })
export class ParticipantResponse {
  @Field(() => ID) id!: string;
  @Field(() => ParticipantResponseKind) kind!: ParticipantResponseKind;
  @Field(() => ID, { nullable: true }) targetId!: string | null;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field() text!: string;
  @Field(() => Author) author!: Author;
  @Field() createdAt!: Date;
  @Field(() => String, { nullable: true, description: 'What we changed: the team’s answer.' })
  answer!: string | null;
  @Field(() => Author, { nullable: true }) answeredBy!: Author | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'A care conference (rounds) about one participant, showing only what you may see.' })
export class Conference {
  @Field(() => ID) id!: string;
  @Field(() => ID) participantId!: string;
  @Field() title!: string;
  @Field() scheduledFor!: Date;
  @Field({ description: 'IANA time zone the conference was set in.' }) timeZone!: string;
  @Field({ description: 'The meeting time in its own time zone, e.g. "2026-11-23 10:00".' }) localTime!: string;
  @Field({
    description: 'The participant marked that they attend (on their own device, or co-signed). Staff cannot set it.',
  })
  participantAttends!: boolean;
  @Field({ description: 'A team member invited the participant to attend (an invitation, not their presence).' })
  participantInvited!: boolean;
  @Field(() => ConferenceStatus) status!: ConferenceStatus;
  @Field(() => ConferencePerson, {
    description: 'Runs the room: starts it, moves it along the agenda and closes it. Names the co-facilitator.',
  })
  facilitator!: ConferencePerson;
  @Field(() => ConferencePerson, {
    nullable: true,
    description:
      'Named by the facilitator: runs the room with them while a staff member on the care team. Empty when none.',
  })
  coFacilitator!: ConferencePerson | null;
  @Field(() => [ConferencePerson], { description: 'Team members and support persons invited.' })
  attendees!: ConferencePerson[];
  @Field(() => [AgendaItem], { description: 'In order; the participant’s update is always first.' })
  agenda!: AgendaItem[];
  @Field(() => ID, { nullable: true, description: 'The item the room is on, when you can see it.' })
  currentItemId!: string | null;
  @Field(() => [String], {
    description:
      'For whoever runs the room: items you can see that some attendees’ screens hide. Screens hide them; people in the room still hear them.',
  })
  warnings!: string[];
  @Field(() => [MinutesAmendment]) amendments!: MinutesAmendment[];
  @Field(() => [ParticipantResponse]) responses!: ParticipantResponse[];
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field({ description: 'Closed minutes change only by amendment.' }) minutesLocked!: boolean;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'One participant on today’s rounds list.' })
export class RoundsEntry {
  @Field(() => Conference) conference!: Conference;
  @Field(() => AgendaItem, { nullable: true, description: 'Their own update, first (when you may see it).' })
  participantUpdate!: AgendaItem | null;
  @Field(() => [Win], { description: 'Wins since their last closed conference, newest first.' })
  winsSinceLastConference!: Win[];
  @Field(() => [Decision], { description: 'Decisions still waiting for their agreement.' })
  openDecisions!: Decision[];
  @Field(() => Progress, { description: 'Their metrics by life domain, participant-defined beside clinical.' })
  progress!: Progress;
}

@ObjectType({
  description:
    'When a participant next meets with their team: the time only, no title or agenda (a caseload line, not the conference).',
})
export class NextMeeting {
  @Field(() => ID) conferenceId!: string;
  @Field() scheduledFor!: Date;
  @Field({ description: 'IANA time zone the conference was set in.' }) timeZone!: string;
  @Field(() => ConferenceStatus, { description: 'SCHEDULED, or IN_PROGRESS while the team is meeting.' })
  status!: ConferenceStatus;
}
