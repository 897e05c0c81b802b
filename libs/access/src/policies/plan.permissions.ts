import type { SubjectCatalogue } from './permission-declaration';

const PLAN_ACCESS = 'libs/plan/src/plan-access.ts';
const ITEMS = 'libs/plan/src/plan-items.service.ts';
const PLAN_RESOLVER = 'libs/plan/src/plan.resolver.ts';
const PLAN_POLICY = 'libs/access/src/policies/plan.policy.ts';

/**
 * The participant's plan: reading it, the vision, steps, safer-use strategies and offers.
 * Reads go through PlanAccess.viewer (the compartment, then the labels: PRODUCT.md rules
 * 10, 11); writes through PlanAccess.writer / itemWriter (the participant, or staff on the
 * care team; support persons only read).
 */
export const PLAN_PERMISSIONS = {
  'plan.read': {
    subject: 'plan',
    whoMay:
      'The participant themself, and everyone on their care team now (staff, and the support persons they invited), each under the labels they may see: their discipline’s defaults, the participant’s grants and any open emergency access. Anyone else gets NOT_FOUND. Audited.',
    rules: [10, 11, 12],
    enforcedIn: [
      { file: PLAN_ACCESS, at: 'PlanAccess.viewer' },
      { file: 'libs/access/src/visibility.policy.ts', at: 'VisibilityPolicy.requireVisibleLabels' },
    ],
  },
  'plan.readWaitingForYou': {
    subject: 'plan',
    whoMay:
      'Any signed-in account, about themselves only: the participant gets what waits for them in their own plan; staff get the steps assigned to them in plans they may still read.',
    rules: [1, 10],
    enforcedIn: [
      { file: PLAN_RESOLVER, at: 'PlanResolver.waitingForYou' },
      { file: 'libs/access/src/policies/compartment.policy.ts', at: 'CompartmentPolicy.readableParticipantIds' },
    ],
  },
  'plan.updateVision': {
    subject: 'plan',
    whoMay:
      'The participant themself. A staff member on their care team only writing it with them: it waits beside their own words until they confirm it, unless they co-sign it there.',
    rules: [1],
    enforcedIn: [
      { file: 'libs/access/src/policies/goal.policy.ts', at: 'GoalPolicy.updateVision' },
      { file: 'libs/access/src/policies/participant-voice.policy.ts', at: 'ParticipantVoicePolicy.voice' },
    ],
  },
  'writtenWithYou.answer': {
    subject: 'plan',
    whoMay:
      'The participant themself, on their own device: confirm, change or decline what a team member wrote down as their words, presence or agreement. Staff who can see the entry still cannot answer it.',
    rules: [1, 2, 3],
    enforcedIn: [
      { file: 'libs/plan/src/written-with-you.service.ts', at: 'WrittenWithYouService.answer' },
      { file: 'libs/access/src/policies/participant-voice.policy.ts', at: 'ParticipantVoicePolicy.assertConfirmer' },
      {
        file: 'libs/access/src/policies/participant-voice.rules.ts',
        at: 'ParticipantVoiceRules.confirmWrittenWithYou',
      },
    ],
  },
  'step.add': {
    subject: 'plan',
    whoMay:
      'The participant, or a staff member on their care team (support persons only read). A step is at least as protected as its goal.',
    rules: [10],
    enforcedIn: [
      { file: ITEMS, at: 'PlanItemsService.addStep' },
      { file: PLAN_ACCESS, at: 'PlanAccess.writer' },
      { file: PLAN_POLICY, at: 'PlanPolicy.writer' },
    ],
  },
  'step.setDone': {
    subject: 'plan',
    whoMay: 'The participant, or a staff member on their care team who may see the step’s label.',
    rules: [5, 10],
    enforcedIn: [
      { file: ITEMS, at: 'PlanItemsService.setStepDone' },
      { file: PLAN_ACCESS, at: 'PlanAccess.itemWriter' },
      { file: PLAN_POLICY, at: 'PlanPolicy.writer' },
    ],
  },
  'strategy.add': {
    subject: 'plan',
    whoMay:
      'The participant, or a staff member on their care team. A strategy is labelled substance use unless the writer chooses a label they may see.',
    rules: [8, 10],
    enforcedIn: [{ file: ITEMS, at: 'PlanItemsService.addStrategy' }],
  },
  'strategy.update': {
    subject: 'plan',
    whoMay:
      'The participant, or a staff member on their care team who may see the strategy’s label; only the participant sets its check-in rhythm and reminders.',
    rules: [8, 10],
    enforcedIn: [
      { file: ITEMS, at: 'PlanItemsService.updateStrategy' },
      { file: PLAN_POLICY, at: 'PlanPolicy.updateStrategy' },
    ],
  },
  'strategy.checkIn': {
    subject: 'plan',
    whoMay:
      'The participant themself, on a strategy they may see; staff who may see it get FORBIDDEN, anyone else NOT_FOUND. The answer shows as the strategy’s last check-in to whoever may see the strategy.',
    rules: [1, 10],
    enforcedIn: [
      { file: 'libs/access/src/policies/participant-only.policy.ts', at: 'ParticipantOnlyPolicy.authorize' },
      { file: 'libs/access/src/policies/participant-only.rules.ts', at: 'ParticipantOnlyRules.checkInOnStrategy' },
      { file: ITEMS, at: 'PlanItemsService.checkInOnStrategy' },
    ],
  },
  'offer.make': {
    subject: 'plan',
    whoMay: 'A staff member on the participant’s care team (not the participant, not support persons).',
    rules: [1],
    enforcedIn: [
      { file: ITEMS, at: 'PlanItemsService.makeOffer' },
      { file: PLAN_POLICY, at: 'PlanPolicy.makeOffer' },
    ],
  },
  'offer.recordWithheld': {
    subject: 'plan',
    whoMay:
      'A staff member on the participant’s care team. The participant reads it; a reason citing drug use is labelled substance use.',
    rules: [2, 10, 14],
    enforcedIn: [
      { file: ITEMS, at: 'PlanItemsService.recordWithheld' },
      { file: PLAN_POLICY, at: 'PlanPolicy.makeOffer' },
    ],
  },
  'offer.respond': {
    subject: 'plan',
    whoMay: 'The participant themself, for exactly the version they read.',
    rules: [1],
    enforcedIn: [{ file: PLAN_POLICY, at: 'PlanPolicy.respondToOffer' }],
  },
  'offer.hide': {
    subject: 'plan',
    whoMay: 'The participant themself, from their own view; the team still sees it was made.',
    rules: [1],
    enforcedIn: [{ file: PLAN_POLICY, at: 'PlanPolicy.hideOffer' }],
  },
  'plan.makeItemStricter': {
    subject: 'plan',
    whoMay:
      'The participant, on any goal, step or offer of their plan; a staff member on their care team only on one they wrote (a goal while it is still their proposal, a step or offer they added), and only where nobody on the team would gain sight of it (labels are compartments, not rungs). Only to a stricter label the writer may see; never looser. What reveals a goal becomes as strict with it, what waits for the participant included, and those who may no longer see the item lose it from their open screens at once.',
    rules: [10, 11, 14],
    enforcedIn: [
      { file: PLAN_POLICY, at: 'PlanPolicy.makeItemStricter' },
      { file: PLAN_ACCESS, at: 'PlanAccess.itemWriter' },
      { file: 'libs/plan/src/labels.ts', at: 'stricterLabel' },
      { file: 'libs/plan/src/stricter-label.guard.ts', at: 'StricterLabelGuard.assertNobodyGainsSight' },
    ],
  },
  'language.check': {
    subject: 'plan',
    whoMay:
      'Any signed-in account: advisory hints for text they are about to write. Nothing stored is read, and saving is never blocked.',
    rules: [14],
    enforcedIn: [{ file: PLAN_RESOLVER, at: 'PlanResolver.checkLanguage' }],
  },
} satisfies SubjectCatalogue;
