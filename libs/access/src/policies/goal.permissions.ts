import type { SubjectCatalogue } from './permission-declaration';

const GOALS = 'libs/plan/src/goals.service.ts';
const STAGE_RATINGS = 'libs/plan/src/stage-ratings.service.ts';
const POLICY = 'libs/access/src/policies/goal.policy.ts';
const VOICE = 'libs/access/src/policies/participant-voice.policy.ts';

/**
 * Goals: the agenda belongs to the participant (PRODUCT.md rule 1). Every goal check starts
 * in GoalsService.goalFor (visibility, then the right to write), then who may act.
 */
export const GOAL_PERMISSIONS = {
  'goal.express': {
    subject: 'goal',
    whoMay:
      'The participant themself. A staff member on their care team only writing with them: it waits for the participant to confirm it unless they co-sign it there, and until then an option that reduces a way of coping needs a replacement strategy.',
    rules: [1, 9],
    enforcedIn: [
      { file: POLICY, at: 'GoalPolicy.expressGoal' },
      { file: VOICE, at: 'ParticipantVoicePolicy.voice' },
    ],
  },
  'goal.propose': {
    subject: 'goal',
    whoMay:
      'A staff member on the participant’s care team. The goal becomes active only when the participant accepts it; a proposal that reduces a way of coping links a replacement strategy.',
    rules: [1, 9],
    enforcedIn: [
      { file: POLICY, at: 'GoalPolicy.proposeGoal' },
      { file: VOICE, at: 'ParticipantVoicePolicy.assertReplacement' },
    ],
  },
  'goal.answerProposal': {
    subject: 'goal',
    whoMay: 'The participant themself, accepting or declining exactly the version they read.',
    rules: [1, 3],
    enforcedIn: [{ file: POLICY, at: 'GoalPolicy.answerProposal' }],
  },
  'goal.confirm': {
    subject: 'goal',
    whoMay: 'The participant themself: a goal a team member wrote down with them.',
    rules: [1],
    enforcedIn: [{ file: POLICY, at: 'GoalPolicy.confirmGoal' }],
  },
  'goal.update': {
    subject: 'goal',
    whoMay:
      'The participant, for their goals; a staff member only their own proposal while it is still open. Both must see the goal’s label, and an edit never loosens it.',
    rules: [1, 9, 10],
    enforcedIn: [
      { file: POLICY, at: 'GoalPolicy.updateGoalAuthor' },
      { file: POLICY, at: 'GoalPolicy.updateGoalState' },
      { file: GOALS, at: 'GoalsService.goalFor' },
    ],
  },
  'goal.setLifecycle': {
    subject: 'goal',
    whoMay: 'The participant themself: on hold, achieved, retired or active again. Nothing ends a goal by itself.',
    rules: [1, 6],
    enforcedIn: [{ file: POLICY, at: 'GoalPolicy.setLifecycle' }],
  },
  'goal.rank': {
    subject: 'goal',
    whoMay: 'The participant themself.',
    rules: [1, 11],
    enforcedIn: [{ file: POLICY, at: 'GoalPolicy.rankGoals' }],
  },
  'goal.rateStage': {
    subject: 'goal',
    whoMay:
      'The participant (their rating is the goal’s stage), and staff on their care team who may see the goal’s label (their ratings are kept beside it).',
    rules: [7, 10],
    enforcedIn: [
      { file: STAGE_RATINGS, at: 'StageRatingsService.rateStage' },
      { file: GOALS, at: 'GoalsService.goalFor' },
    ],
  },
} satisfies SubjectCatalogue;
