/**
 * Every plan item carries one. Ordered here from least to most restricted by default
 * (see `LABEL_STRICTNESS`); derived items carry the strictest label of what they reveal.
 */
export enum SensitivityLabel {
  GENERAL = 'GENERAL',
  HOUSING = 'HOUSING',
  HEALTH = 'HEALTH',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  LEGAL = 'LEGAL',
  SUBSTANCE_USE = 'SUBSTANCE_USE',
}

/** Rank by how few people see a label by default (substance use: nobody without a grant). */
export const LABEL_STRICTNESS: Record<SensitivityLabel, number> = {
  [SensitivityLabel.GENERAL]: 0,
  [SensitivityLabel.HOUSING]: 1,
  [SensitivityLabel.HEALTH]: 2,
  [SensitivityLabel.MENTAL_HEALTH]: 3,
  [SensitivityLabel.LEGAL]: 4,
  [SensitivityLabel.SUBSTANCE_USE]: 5,
};

export function strictestLabel(...labels: SensitivityLabel[]): SensitivityLabel {
  return labels.reduce((a, b) => (LABEL_STRICTNESS[b] > LABEL_STRICTNESS[a] ? b : a), SensitivityLabel.GENERAL);
}

export enum LifeDomain {
  QUALITY_OF_LIFE = 'QUALITY_OF_LIFE',
  HEALTH = 'HEALTH',
  SAFETY = 'SAFETY',
  HOUSING = 'HOUSING',
  INCOME = 'INCOME',
  RELATIONSHIPS_AND_SUPPORT = 'RELATIONSHIPS_AND_SUPPORT',
  EMOTIONAL_WELLBEING = 'EMOTIONAL_WELLBEING',
  SUBSTANCE_USE = 'SUBSTANCE_USE',
  OTHER = 'OTHER',
}

/** A goal's life cycle. There is deliberately no failed, overdue or discharged state. */
export enum GoalLifecycle {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  ON_HOLD = 'ON_HOLD',
  ACHIEVED = 'ACHIEVED',
  RETIRED = 'RETIRED',
}

/** The menu of approaches, all equal; a goal may combine several and none is required. */
export enum GoalOption {
  ABSTINENCE = 'ABSTINENCE',
  MODERATION = 'MODERATION',
  MEDICATION = 'MEDICATION',
  TAPER = 'TAPER',
  TWELVE_STEP_SUPPORT = 'TWELVE_STEP_SUPPORT',
  NON_TWELVE_STEP_SUPPORT = 'NON_TWELVE_STEP_SUPPORT',
  SAFER_USE = 'SAFER_USE',
  NO_CHANGE_RIGHT_NOW = 'NO_CHANGE_RIGHT_NOW',
  OTHER = 'OTHER',
}

/** Stages of change; there is no relapse stage, and a goal may move backwards. */
export enum StageOfChange {
  PRECONTEMPLATION = 'PRECONTEMPLATION',
  CONTEMPLATION = 'CONTEMPLATION',
  PREPARATION = 'PREPARATION',
  ACTION = 'ACTION',
  MAINTENANCE = 'MAINTENANCE',
}

export const STAGE_ORDER: Record<StageOfChange, number> = {
  [StageOfChange.PRECONTEMPLATION]: 0,
  [StageOfChange.CONTEMPLATION]: 1,
  [StageOfChange.PREPARATION]: 2,
  [StageOfChange.ACTION]: 3,
  [StageOfChange.MAINTENANCE]: 4,
};

export enum Horizon {
  RIGHT_NOW = 'RIGHT_NOW',
  LONGER_TERM = 'LONGER_TERM',
}

export enum StrategyStatus {
  ALREADY_DOING = 'ALREADY_DOING',
  WANT_TO_TRY = 'WANT_TO_TRY',
  WORKING = 'WORKING',
  NOT_FOR_ME = 'NOT_FOR_ME',
}

export enum CheckInRhythm {
  NONE = 'NONE',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  FORTNIGHTLY = 'FORTNIGHTLY',
  MONTHLY = 'MONTHLY',
}

/**
 * The participant's answer to "how is this working for you?" on a safer-use strategy
 * (PRODUCT.md rule 8). Plain choices, all equal: none of them is a failure (rule 6).
 */
export enum CheckInAnswer {
  WORKING = 'WORKING',
  SOMEWHAT = 'SOMEWHAT',
  NOT_WORKING = 'NOT_WORKING',
}

/**
 * How long after the last check-in (or after the rhythm was set) a strategy shows in the
 * participant's "check-ins, when you're ready" list. Never a deadline: nothing is overdue (rule 6).
 */
export const CHECK_IN_INTERVAL_DAYS: Record<Exclude<CheckInRhythm, CheckInRhythm.NONE>, number> = {
  [CheckInRhythm.DAILY]: 1,
  [CheckInRhythm.WEEKLY]: 7,
  [CheckInRhythm.FORTNIGHTLY]: 14,
  [CheckInRhythm.MONTHLY]: 30,
};

export enum OfferKind {
  INFORMATION = 'INFORMATION',
  RESOURCE = 'RESOURCE',
  REFERRAL = 'REFERRAL',
}

export enum OfferStatus {
  OFFERED = 'OFFERED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  /** A resource the team decided not to offer; the reason is recorded and visible. */
  WITHHELD = 'WITHHELD',
}

/** Who expressed a goal: the participant (possibly written with a team member) or staff. */
export enum ExpressedByKind {
  PARTICIPANT = 'PARTICIPANT',
  TEAM_MEMBER = 'TEAM_MEMBER',
}

export enum PlanEventType {
  VISION_UPDATED = 'VISION_UPDATED',
  GOAL_EXPRESSED = 'GOAL_EXPRESSED',
  GOAL_PROPOSED = 'GOAL_PROPOSED',
  GOAL_ACCEPTED = 'GOAL_ACCEPTED',
  GOAL_DECLINED = 'GOAL_DECLINED',
  GOAL_CONFIRMED = 'GOAL_CONFIRMED',
  GOAL_UPDATED = 'GOAL_UPDATED',
  GOAL_LIFECYCLE_CHANGED = 'GOAL_LIFECYCLE_CHANGED',
  GOALS_RANKED = 'GOALS_RANKED',
  STAGE_RATED = 'STAGE_RATED',
  STEP_ADDED = 'STEP_ADDED',
  STEP_DONE = 'STEP_DONE',
  STEP_REOPENED = 'STEP_REOPENED',
  STRATEGY_ADDED = 'STRATEGY_ADDED',
  STRATEGY_UPDATED = 'STRATEGY_UPDATED',
  /**
   * The participant answered "how is this working for you?" on a strategy (rule 8). Labelled
   * like the strategy: nobody who may not see the strategy learns a check-in happened.
   */
  STRATEGY_CHECKED_IN = 'STRATEGY_CHECKED_IN',
  OFFER_MADE = 'OFFER_MADE',
  OFFER_ACCEPTED = 'OFFER_ACCEPTED',
  OFFER_DECLINED = 'OFFER_DECLINED',
  /**
   * The participant put an offer out of their own view. Labelled like the offer: those who
   * see the offer already see that it was hidden (the team still sees it was made).
   */
  OFFER_HIDDEN = 'OFFER_HIDDEN',
  RESOURCE_WITHHELD = 'RESOURCE_WITHHELD',
  METRIC_DEFINED = 'METRIC_DEFINED',
  MEASUREMENT_RECORDED = 'MEASUREMENT_RECORDED',
  WIN_RECORDED = 'WIN_RECORDED',
  WIN_CONFIRMED = 'WIN_CONFIRMED',
  /**
   * The participant hid a win they don't count (PRODUCT.md rule 5). Labelled like the win, so
   * open screens drop it at once; like the win's other events it never shows in a timeline
   * or a replay afterwards (hidden_plan_item).
   */
  WIN_HIDDEN = 'WIN_HIDDEN',
  /**
   * A step or an offer made stricter (PRODUCT.md rule 10: the participant, or its author, may
   * only ever tighten a label). Labelled with the NEW label: only those who may still see the
   * item learn what it now is. A goal made stricter is a GOAL_UPDATED carrying its label.
   */
  ITEM_LABEL_TIGHTENED = 'ITEM_LABEL_TIGHTENED',
  /**
   * The notice for those who saw an item under its OLD label: it was made more private (no
   * text, no new label: rule 11). Open screens refetch, so the item leaves the page of anyone
   * who may no longer see it at once; its later events carry the new label and never reach them.
   */
  ITEM_RESTRICTED = 'ITEM_RESTRICTED',
  SETBACK_RECORDED = 'SETBACK_RECORDED',
  PLAN_REVIEW_ANSWERED = 'PLAN_REVIEW_ANSWERED',
  CONFERENCE_SCHEDULED = 'CONFERENCE_SCHEDULED',
  CONFERENCE_CHANGED = 'CONFERENCE_CHANGED',
  PARTICIPANT_UPDATE_RECORDED = 'PARTICIPANT_UPDATE_RECORDED',
  AGENDA_ITEM_ADDED = 'AGENDA_ITEM_ADDED',
  AGENDA_ITEM_MOVED = 'AGENDA_ITEM_MOVED',
  CONFERENCE_STARTED = 'CONFERENCE_STARTED',
  /** The live room moved to this agenda item (labelled like the item). */
  AGENDA_ADVANCED = 'AGENDA_ADVANCED',
  CONFERENCE_NOTE_ADDED = 'CONFERENCE_NOTE_ADDED',
  PERSPECTIVE_RECORDED = 'PERSPECTIVE_RECORDED',
  DECISION_PROPOSED = 'DECISION_PROPOSED',
  DECISION_ANSWERED = 'DECISION_ANSWERED',
  ACTION_ITEM_ADDED = 'ACTION_ITEM_ADDED',
  CONFERENCE_CLOSED = 'CONFERENCE_CLOSED',
  MINUTES_AMENDED = 'MINUTES_AMENDED',
  PARTICIPANT_RESPONDED = 'PARTICIPANT_RESPONDED',
  RESPONSE_ANSWERED = 'RESPONSE_ANSWERED',
  /** Someone joined or left the care team (general: the team and the participant see it live). */
  CARE_TEAM_CHANGED = 'CARE_TEAM_CHANGED',
  /** A team member wrote something down as the participant's; it waits for them (rules 1, 3). */
  WRITTEN_WITH_YOU_WAITING = 'WRITTEN_WITH_YOU_WAITING',
  /** The participant confirmed, changed or declined what was written with them. */
  WRITTEN_WITH_YOU_ANSWERED = 'WRITTEN_WITH_YOU_ANSWERED',
}
