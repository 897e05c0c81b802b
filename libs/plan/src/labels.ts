import { LABEL_STRICTNESS, SensitivityLabel } from '@roundtable/contracts';
import { badUserInput } from '@roundtable/platform';
import type { PlanViewer } from './plan-access';

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

/**
 * The label an existing item is made stricter to (PRODUCT.md rule 10: a label only ever
 * tightens). Strictly stricter than `current` (the same label changes nothing and is refused,
 * so a client never mistakes it for a change), and one the writer can see, as in chooseLabel.
 */
export function stricterLabel(
  viewer: PlanViewer,
  current: SensitivityLabel,
  requested: SensitivityLabel,
): SensitivityLabel {
  if (LABEL_STRICTNESS[requested] <= LABEL_STRICTNESS[current]) {
    throw badUserInput(
      'input.label',
      `input.label: this item is already ${current}; a label can only be made stricter, never looser`,
    );
  }
  return chooseLabel(viewer, current, requested);
}
