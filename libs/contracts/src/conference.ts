/** A care conference's life: scheduled, in progress (live room), closed (minutes locked). */
export enum ConferenceStatus {
  SCHEDULED = 'SCHEDULED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}

/** Item 1 is always the participant's own update; everything else is a topic. */
export enum AgendaItemKind {
  PARTICIPANT_UPDATE = 'PARTICIPANT_UPDATE',
  TOPIC = 'TOPIC',
}

export enum AttendeeKind {
  TEAM_MEMBER = 'TEAM_MEMBER',
  /** Invited by the participant; sees exactly what the participant shares with them. */
  SUPPORT_PERSON = 'SUPPORT_PERSON',
}

/** A decision waits for the participant; declining is an answer, not a failure. */
export enum DecisionStatus {
  WAITING_FOR_PARTICIPANT = 'WAITING_FOR_PARTICIPANT',
  AGREED = 'AGREED',
  DECLINED = 'DECLINED',
}

/** What a decision changes in the plan once the participant agrees. */
export enum DecisionChangeKind {
  /** Recorded and agreed, with no automatic change to the plan. */
  RECORD_ONLY = 'RECORD_ONLY',
  ADD_GOAL = 'ADD_GOAL',
  SET_GOAL_LIFECYCLE = 'SET_GOAL_LIFECYCLE',
}

export enum ParticipantResponseKind {
  CORRECTION_REQUEST = 'CORRECTION_REQUEST',
  FEEDBACK = 'FEEDBACK',
}
