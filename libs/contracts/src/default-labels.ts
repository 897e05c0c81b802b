import { GoalOption, LifeDomain, SensitivityLabel, strictestLabel } from './plan';

/**
 * The label a plan item gets when its author chooses none (PRODUCT.md rule 10: the default
 * follows what it is about; an author may only make it stricter). Shared by the API, which
 * stores it, and the web client, which shows who will see an item before it is saved.
 */

/** Options that reveal substance use: a goal choosing any of them is about substance use. */
export const SUBSTANCE_OPTIONS: ReadonlySet<GoalOption> = new Set([
  GoalOption.ABSTINENCE,
  GoalOption.MODERATION,
  GoalOption.MEDICATION,
  GoalOption.TAPER,
  GoalOption.TWELVE_STEP_SUPPORT,
  GoalOption.NON_TWELVE_STEP_SUPPORT,
  GoalOption.SAFER_USE,
]);

/**
 * Options that reduce or stop a behaviour someone may be using to cope. A staff proposal
 * with any of them must link a replacement strategy (PRODUCT.md rule 9), judged by what is
 * proposed, never by a flag the proposer sets themselves.
 */
export const REDUCING_OPTIONS: ReadonlySet<GoalOption> = new Set([
  GoalOption.ABSTINENCE,
  GoalOption.TAPER,
  GoalOption.MODERATION,
]);

const DOMAIN_LABEL: Partial<Record<LifeDomain, SensitivityLabel>> = {
  [LifeDomain.HOUSING]: SensitivityLabel.HOUSING,
  [LifeDomain.HEALTH]: SensitivityLabel.HEALTH,
  [LifeDomain.EMOTIONAL_WELLBEING]: SensitivityLabel.MENTAL_HEALTH,
  [LifeDomain.SUBSTANCE_USE]: SensitivityLabel.SUBSTANCE_USE,
};

/** The label of what is about a life domain (a goal, a metric): its domain's, else GENERAL. */
export function domainLabel(domain: LifeDomain): SensitivityLabel {
  return DOMAIN_LABEL[domain] ?? SensitivityLabel.GENERAL;
}

/** A goal reveals substance use when it names a substance or picks a substance-use option. */
export function defaultGoalLabel(
  domain: LifeDomain,
  options: readonly GoalOption[],
  substance?: string | null,
): SensitivityLabel {
  const revealsUse = Boolean(substance?.trim()) || options.some((option) => SUBSTANCE_OPTIONS.has(option));
  return strictestLabel(domainLabel(domain), revealsUse ? SensitivityLabel.SUBSTANCE_USE : SensitivityLabel.GENERAL);
}
