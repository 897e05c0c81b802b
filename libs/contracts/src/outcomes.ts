export enum MetricKind {
  /** In the participant's words, on their scale. Shown first. */
  PARTICIPANT_DEFINED = 'PARTICIPANT_DEFINED',
  CLINICAL = 'CLINICAL',
}

export enum ScaleType {
  NUMBER = 'NUMBER',
  YES_NO = 'YES_NO',
  COUNT = 'COUNT',
  ORDERED_LABELS = 'ORDERED_LABELS',
  /** Goal attainment scaling, -2..+2. */
  GOAL_ATTAINMENT = 'GOAL_ATTAINMENT',
}

export enum BetterDirection {
  HIGHER = 'HIGHER',
  LOWER = 'LOWER',
}

export enum MeasurementSource {
  SELF_REPORT = 'SELF_REPORT',
  CLINICIAN = 'CLINICIAN',
  LAB = 'LAB',
  PROGRAM_RECORD = 'PROGRAM_RECORD',
}

/** A trend read in the metric's own better direction. */
export enum Trend {
  TOWARD_BETTER = 'TOWARD_BETTER',
  UNCHANGED = 'UNCHANGED',
  AWAY_FROM_BETTER = 'AWAY_FROM_BETTER',
  NOT_ENOUGH_DATA = 'NOT_ENOUGH_DATA',
}

export enum WinSource {
  MEASUREMENT = 'MEASUREMENT',
  STEP_DONE = 'STEP_DONE',
  STAGE_FORWARD = 'STAGE_FORWARD',
  PROPOSED = 'PROPOSED',
}
