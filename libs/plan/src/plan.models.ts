import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  CheckInAnswer,
  CheckInRhythm,
  ExpressedByKind,
  GoalLifecycle,
  GoalOption,
  Horizon,
  LifeDomain,
  OfferKind,
  OfferStatus,
  PlanEventType,
  SensitivityLabel,
  StageOfChange,
  StrategyStatus,
} from '@roundtable/contracts';
import { WrittenWithYouKind, WrittenWithYouStatus } from './written-with-you.entities';

registerEnumType(SensitivityLabel, {
  name: 'SensitivityLabel',
  description: 'Who may see an item is decided per label by the participant (see consent).',
});
registerEnumType(LifeDomain, { name: 'LifeDomain' });
registerEnumType(GoalLifecycle, {
  name: 'GoalLifecycle',
  description: 'There is no failed or overdue state: goals are put on hold, achieved or retired.',
});
registerEnumType(GoalOption, {
  name: 'GoalOption',
  description: 'A menu of approaches, all equal. A goal whose options include ABSTINENCE is an abstinence goal.',
});
registerEnumType(StageOfChange, {
  name: 'StageOfChange',
  description: 'Stages may move backwards; there is no relapse stage.',
});
registerEnumType(Horizon, { name: 'Horizon' });
registerEnumType(StrategyStatus, { name: 'StrategyStatus' });
registerEnumType(CheckInRhythm, { name: 'CheckInRhythm', description: 'Set by the participant.' });
registerEnumType(CheckInAnswer, {
  name: 'CheckInAnswer',
  description: 'The participant’s answer to “how is this working for you?”. All equal; none is a failure.',
});
registerEnumType(OfferKind, { name: 'OfferKind' });
registerEnumType(OfferStatus, { name: 'OfferStatus' });
registerEnumType(ExpressedByKind, { name: 'ExpressedByKind' });
registerEnumType(PlanEventType, { name: 'PlanEventType' });
registerEnumType(WrittenWithYouKind, {
  name: 'WrittenWithYouKind',
  description: 'What a team member wrote down as the participant’s words, presence or agreement.',
});
registerEnumType(WrittenWithYouStatus, {
  name: 'WrittenWithYouStatus',
  description:
    'WAITING for the participant; CO_SIGNED (they typed their passphrase on the team member’s screen); CONFIRMED, CHANGED or DECLINED by them on their own device; SUPERSEDED by their own act (e.g. they answered the decision themselves).',
});

@ObjectType({ description: 'Who wrote or did something.' })
export class Author {
  @Field(() => ID, { nullable: true, description: 'Empty for the participant’s own words when they have no account.' })
  accountId!: string | null;
  @Field() displayName!: string;
  @Field({ description: 'True when the author is the participant.' }) isParticipant!: boolean;
}

@ObjectType({ description: 'An advisory hint on staff-written text. Never blocks saving.' })
export class LanguageHint {
  @Field({ description: 'The words as written.' }) term!: string;
  @Field({ description: 'A person-first alternative.' }) suggestion!: string;
  @Field() why!: string;
}

@ObjectType({ description: 'Hints for a piece of staff-written text.' })
export class LanguageCheck {
  @Field(() => [LanguageHint]) hints!: LanguageHint[];
  @Field(() => SensitivityLabel, {
    nullable: true,
    description: 'A stricter label to consider, e.g. when substance-use words are written into general text.',
  })
  suggestedLabel!: SensitivityLabel | null;
}

@ObjectType({ description: 'A stage-of-change rating by one person.' })
export class StageRating {
  @Field(() => StageOfChange) stage!: StageOfChange;
  @Field(() => Author) ratedBy!: Author;
  @Field() at!: Date;
}

@ObjectType({ description: 'Something to do toward a goal. Nothing is ever "overdue".' })
export class Step {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'Whose plan it is in (a staff list of steps spans several plans).' })
  participantId!: string;
  @Field(() => ID, { nullable: true }) goalId!: string | null;
  @Field() text!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field({ description: 'True when the participant does it; otherwise `assignee` does.' }) forParticipant!: boolean;
  @Field(() => Author, { nullable: true }) assignee!: Author | null;
  @Field(() => String, { nullable: true, description: 'An optional target date (YYYY-MM-DD), never a deadline.' })
  targetDate!: string | null;
  @Field() done!: boolean;
  @Field(() => Date, { nullable: true }) doneAt!: Date | null;
  @Field(() => Author) createdBy!: Author;
  @Field(() => [LanguageHint], { description: 'Hints on staff-written text; empty for the participant’s own words.' })
  languageHints!: LanguageHint[];
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'A goal in the participant’s plan.' })
export class Goal {
  @Field(() => ID) id!: string;
  @Field({ description: 'In the participant’s words when they expressed it.' }) text!: string;
  @Field(() => LifeDomain) domain!: LifeDomain;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => ExpressedByKind) expressedByKind!: ExpressedByKind;
  @Field(() => Author, { description: 'Always visible: whose goal this is.' }) expressedBy!: Author;
  @Field(() => Author, {
    nullable: true,
    description: 'The team member who wrote it down with the participant ("written with the participant").',
  })
  writtenWith!: Author | null;
  @Field({ description: 'Written with the participant and not yet confirmed or changed by them.' })
  awaitingConfirmation!: boolean;
  @Field(() => GoalLifecycle) lifecycle!: GoalLifecycle;
  @Field({ description: 'A staff proposal the participant declined.' }) declined!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'The participant’s ranking among the goals you can see (1 = most important to them).',
  })
  rank!: number | null;
  @Field(() => Horizon) horizon!: Horizon;
  @Field(() => String, { nullable: true }) substance!: string | null;
  @Field(() => [GoalOption]) options!: GoalOption[];
  @Field() isAbstinenceGoal!: boolean;
  @Field(() => StageOfChange, { nullable: true, description: 'The participant’s own rating.' })
  stage!: StageOfChange | null;
  @Field(() => [StageRating], { description: 'Staff ratings, kept separately from the participant’s.' })
  staffStages!: StageRating[];
  @Field() reducesCopingBehaviour!: boolean;
  @Field(() => [ID], { description: 'Replacement strategies linked to a proposal that reduces a coping behaviour.' })
  replacementStrategyIds!: string[];
  @Field(() => [Step]) steps!: Step[];
  @Field(() => [LanguageHint], { description: 'Hints on staff-written text; empty for the participant’s own words.' })
  languageHints!: LanguageHint[];
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'A safer-use strategy with a check-in rhythm the participant sets.' })
export class Strategy {
  @Field(() => ID) id!: string;
  @Field() text!: string;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => StrategyStatus) status!: StrategyStatus;
  @Field(() => CheckInRhythm) checkInRhythm!: CheckInRhythm;
  @Field({ description: 'Reminders are opt-in, by the participant.' }) reminders!: boolean;
  @Field(() => Date, {
    nullable: true,
    description: 'When the participant last checked in on this strategy (checkInOnStrategy). Empty before the first.',
  })
  lastCheckInAt!: Date | null;
  @Field(() => CheckInAnswer, { nullable: true, description: 'Their latest answer to “how is this working for you?”.' })
  lastCheckInAnswer!: CheckInAnswer | null;
  @Field(() => String, {
    nullable: true,
    description: 'The note they wrote with their latest check-in, if any, in their words.',
  })
  lastCheckInNote!: string | null;
  @Field(() => Author) addedBy!: Author;
  @Field(() => [LanguageHint]) languageHints!: LanguageHint[];
  @Field(() => Int, { description: 'Moves with every change, a check-in included.' }) version!: number;
}

@ObjectType({ description: 'Information or a resource a team member offered, or one the team withheld (with why).' })
export class Offer {
  @Field(() => ID) id!: string;
  @Field() text!: string;
  @Field(() => OfferKind) kind!: OfferKind;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => OfferStatus) status!: OfferStatus;
  @Field(() => String, { nullable: true }) withheldReason!: string | null;
  @Field({ description: 'The withholding reason cites drug use: review it.' }) reasonCitesDrugUse!: boolean;
  @Field({ description: 'The participant hid it from their own view; the team still sees it was made.' })
  hiddenByParticipant!: boolean;
  @Field(() => ID, { nullable: true }) goalId!: string | null;
  @Field(() => Author) offeredBy!: Author;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) respondedAt!: Date | null;
  @Field(() => [LanguageHint]) languageHints!: LanguageHint[];
  @Field(() => Int) version!: number;
}

@ObjectType({
  description:
    'Something a team member recorded as the participant’s words, presence or agreement. Until the participant confirms it (or co-signed it), it changes nothing of theirs.',
})
export class EntryToConfirm {
  @Field(() => ID, { description: 'Pass as entryId to confirmWrittenWithYou. For a goal, the goal’s id.' })
  id!: string;
  @Field(() => WrittenWithYouKind) kind!: WrittenWithYouKind;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field({ description: 'The words as written down, or a plain-words line for an answer or an invitation.' })
  text!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'What it is about (the goal, agenda item, decision or conference), when you may see it.',
  })
  targetId!: string | null;
  @Field(() => Author, { description: 'The team member who wrote it down with the participant.' })
  writtenBy!: Author;
  @Field(() => WrittenWithYouStatus) status!: WrittenWithYouStatus;
  @Field() createdAt!: Date;
  @Field(() => Int, { description: 'Pass as expectedVersion to confirmWrittenWithYou.' }) version!: number;
}

@ObjectType({ description: 'The participant’s own words about what they want (“in my own words”).' })
export class Vision {
  @Field() text!: string;
  @Field(() => Author, { nullable: true, description: 'Set when a team member wrote it down with them.' })
  writtenWith!: Author | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => EntryToConfirm, {
    nullable: true,
    description:
      'A vision a team member wrote down with the participant, held beside (never over) their current one until they confirm it.',
  })
  waitingEntry!: EntryToConfirm | null;
}

@ObjectType({ description: 'The one shared plan of a participant, as the viewer may see it.' })
export class Plan {
  @Field(() => ID) participantId!: string;
  @Field(() => Vision, { nullable: true, description: 'Empty when general content is not shared with you.' })
  vision!: Vision | null;
  @Field(() => [Goal], { description: 'Goals you may see, the participant’s ranking first.' }) goals!: Goal[];
  @Field(() => [Step], { description: 'Steps not tied to a goal.' }) looseSteps!: Step[];
  @Field(() => [Strategy]) strategies!: Strategy[];
  @Field(() => [Offer]) offers!: Offer[];
  @Field(() => [EntryToConfirm], {
    description: 'What team members wrote down with the participant and is waiting for them (only what you may see).',
  })
  entriesWaiting!: EntryToConfirm[];
  @Field(() => Int, {
    nullable: true,
    description: 'The vision’s version: pass as expectedVersion to updateVision. Empty when you cannot see the vision.',
  })
  version!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Participant only: the ranking’s version, to pass as expectedVersion to rankGoals.',
  })
  rankingVersion!: number | null;
}

@ObjectType({ description: 'One change to the plan.' })
export class PlanEvent {
  @Field(() => ID) id!: string;
  @Field(() => PlanEventType) type!: PlanEventType;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => Int, { description: 'Gapless within this plan and label.' }) sequence!: number;
  @Field(() => ID, { nullable: true }) itemId!: string | null;
  @Field(() => Author, { nullable: true }) actor!: Author | null;
  @Field({ description: 'A one-line description in plain words.' }) summary!: string;
  @Field() occurredAt!: Date;
}

@ObjectType()
export class PlanEventEdge {
  @Field() cursor!: string;
  @Field(() => PlanEvent) node!: PlanEvent;
}

@ObjectType()
export class PageInfo {
  @Field({ description: 'Counted over what you may see only.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ description: 'The plan’s history, newest first.' })
export class Timeline {
  @Field(() => [PlanEventEdge]) edges!: PlanEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'What is waiting for the signed-in person to look at or answer.' })
export class WaitingForYou {
  @Field(() => [Goal], { description: 'Participant: goals staff proposed, to accept or decline.' })
  goalsToAnswer!: Goal[];
  @Field(() => [Offer], { description: 'Participant: offers to accept or decline.' }) offersToAnswer!: Offer[];
  @Field(() => [EntryToConfirm], {
    description:
      'Participant: what a team member wrote down as your words, presence or agreement, to confirm, change or decline (confirmWrittenWithYou).',
  })
  entriesToConfirm!: EntryToConfirm[];
  @Field(() => [Step], { description: 'Steps that are yours to do and not done yet.' }) stepsForYou!: Step[];
  @Field(() => [Strategy], {
    description:
      'Participant: strategies whose check-in rhythm has come round since your last check-in (or since you set the rhythm), to check in on when you are ready. Never a deadline; empty for staff.',
  })
  checkInsDue!: Strategy[];
}

/** The kinds of plan item whose label can be made stricter after they are written. */
export enum StricterItemKind {
  GOAL = 'GOAL',
  STEP = 'STEP',
  OFFER = 'OFFER',
}
registerEnumType(StricterItemKind, { name: 'StricterItemKind' });

@ObjectType({
  description:
    'A goal, step or offer just made stricter, as you see it now. What reveals a goal (its steps, offers, wins, metrics, agenda items) became at least as strict with it; read the plan again for them.',
})
export class StricterItem {
  @Field(() => ID) id!: string;
  @Field(() => StricterItemKind) kind!: StricterItemKind;
  @Field(() => SensitivityLabel) label!: SensitivityLabel;
  @Field(() => Int) version!: number;
}
