import type { SubjectCatalogue } from './permission-declaration';

const RESOLVER = 'libs/outcomes/src/outcomes.resolver.ts';
const DEFINITIONS = 'libs/outcomes/src/metric-definitions.service.ts';
const MEASUREMENTS = 'libs/outcomes/src/measurements.service.ts';
const PROGRESS = 'libs/outcomes/src/progress-reader.ts';
const WINS = 'libs/outcomes/src/wins.service.ts';
const POLICY = 'libs/access/src/policies/outcomes.policy.ts';

/** Success as the participant defines it, clinical measures beside it (PRODUCT.md rules 4-6). */
export const OUTCOMES_PERMISSIONS = {
  'outcomes.readClinicalCatalogue': {
    subject: 'outcomes',
    whoMay: 'Any signed-in account: the clinical measures to pick from, the same list for everyone.',
    rules: [4],
    enforcedIn: [{ file: RESOLVER, at: 'OutcomesResolver.clinicalCatalogue' }],
  },
  'outcomes.read': {
    subject: 'outcomes',
    whoMay:
      'Whoever may read the plan (plan.read): progress, wins and setbacks, under the labels they may see. Anyone else gets NOT_FOUND.',
    rules: [4, 5, 6, 10],
    enforcedIn: [
      { file: RESOLVER, at: 'OutcomesResolver.progress' },
      { file: RESOLVER, at: 'OutcomesResolver.wins' },
      { file: RESOLVER, at: 'OutcomesResolver.setbacks' },
      { file: 'libs/plan/src/plan-access.ts', at: 'PlanAccess.viewer' },
    ],
  },
  'metric.readMeasurements': {
    subject: 'outcomes',
    whoMay: 'The participant, and those on their care team who may see the metric’s label; anyone else gets NOT_FOUND.',
    rules: [10, 11],
    enforcedIn: [{ file: PROGRESS, at: 'ProgressReader.measurements' }],
  },
  'metric.define': {
    subject: 'outcomes',
    whoMay:
      'The participant, or a staff member on their care team. Tracking an amount of substance use is only ever the participant’s choice.',
    rules: [4, 10],
    enforcedIn: [
      { file: DEFINITIONS, at: 'MetricDefinitionsService.define' },
      { file: POLICY, at: 'OutcomesPolicy.defineMetric' },
    ],
  },
  'metric.recordMeasurement': {
    subject: 'outcomes',
    whoMay:
      'The participant (as a self-report) on any of their measures; a staff member on their care team who may see the metric’s label, on the team’s clinical measures only (a measure in the participant’s own words is theirs to fill in).',
    rules: [1, 4, 5],
    enforcedIn: [
      { file: MEASUREMENTS, at: 'MeasurementsService.record' },
      { file: POLICY, at: 'OutcomesPolicy.recordMeasurement' },
    ],
  },
  'win.propose': {
    subject: 'outcomes',
    whoMay:
      'The participant (their own counts at once), or a staff member on their care team (it waits for the participant).',
    rules: [5],
    enforcedIn: [{ file: WINS, at: 'WinsService.propose' }],
  },
  'win.confirm': {
    subject: 'outcomes',
    whoMay: 'The participant themself.',
    rules: [5],
    enforcedIn: [
      { file: WINS, at: 'WinsService.confirm' },
      { file: POLICY, at: 'OutcomesPolicy.ownWin' },
    ],
  },
  'win.hide': {
    subject: 'outcomes',
    whoMay: 'The participant themself; a hidden win stays hidden for everyone.',
    rules: [5],
    enforcedIn: [
      { file: WINS, at: 'WinsService.hide' },
      { file: POLICY, at: 'OutcomesPolicy.ownWin' },
    ],
  },
  'setback.record': {
    subject: 'outcomes',
    whoMay:
      'The participant, or a staff member on their care team with them (it waits for the participant unless they co-sign it). A return to use links only abstinence goals the participant took on themselves.',
    rules: [6],
    enforcedIn: [
      { file: POLICY, at: 'OutcomesPolicy.recordSetback' },
      {
        file: 'libs/access/src/policies/participant-voice.policy.ts',
        at: 'ParticipantVoicePolicy.assertReturnToUseLinks',
      },
    ],
  },
  'setback.answerPlanReview': {
    subject: 'outcomes',
    whoMay: 'The participant themself, who may always decline.',
    rules: [6],
    enforcedIn: [{ file: POLICY, at: 'OutcomesPolicy.answerPlanReview' }],
  },
} satisfies SubjectCatalogue;
