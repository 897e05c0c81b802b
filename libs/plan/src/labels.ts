import { GoalOption, LABEL_STRICTNESS, LifeDomain, SensitivityLabel, strictestLabel } from '@roundtable/contracts';
import { badUserInput } from '@roundtable/platform';
import type { PlanViewer } from './plan-access';

const SUBSTANCE_OPTIONS = new Set<GoalOption>([
  GoalOption.ABSTINENCE,
  GoalOption.MODERATION,
  GoalOption.MEDICATION,
  GoalOption.TAPER,
  GoalOption.TWELVE_STEP_SUPPORT,
  GoalOption.NON_TWELVE_STEP_SUPPORT,
  GoalOption.SAFER_USE,
]);

const DOMAIN_LABEL: Partial<Record<LifeDomain, SensitivityLabel>> = {
  [LifeDomain.HOUSING]: SensitivityLabel.HOUSING,
  [LifeDomain.HEALTH]: SensitivityLabel.HEALTH,
  [LifeDomain.EMOTIONAL_WELLBEING]: SensitivityLabel.MENTAL_HEALTH,
  [LifeDomain.SUBSTANCE_USE]: SensitivityLabel.SUBSTANCE_USE,
};

/** A goal reveals substance use when it names a substance or picks a substance-use option. */
export function defaultGoalLabel(
  domain: LifeDomain,
  options: readonly GoalOption[],
  substance?: string | null,
): SensitivityLabel {
  const revealsUse = Boolean(substance?.trim()) || options.some((option) => SUBSTANCE_OPTIONS.has(option));
  return strictestLabel(
    DOMAIN_LABEL[domain] ?? SensitivityLabel.GENERAL,
    revealsUse ? SensitivityLabel.SUBSTANCE_USE : SensitivityLabel.GENERAL,
  );
}

/**
 * The label to store: the default, or a stricter one the author chose. A writer may only
 * write under a label they can see (otherwise they could not read back what they wrote).
 */
export function chooseLabel(
  viewer: PlanViewer,
  defaultLabel: SensitivityLabel,
  requested?: SensitivityLabel,
): SensitivityLabel {
  if (requested && LABEL_STRICTNESS[requested] < LABEL_STRICTNESS[defaultLabel]) {
    throw badUserInput(
      'input.label',
      `input.label: this item needs at least ${defaultLabel}; a label can only be made stricter`,
    );
  }
  const label = requested ?? defaultLabel;
  if (!viewer.labels.has(label)) {
    throw badUserInput(
      'input.label',
      `input.label: this would be labelled ${label}, which the participant has not shared with you; ask them or a team member who can see it`,
    );
  }
  return label;
}
