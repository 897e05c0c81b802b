import { ACCOUNT_PERMISSIONS } from './account.permissions';
import { BREAK_GLASS_PERMISSIONS } from './break-glass.permissions';
import { CARE_TEAM_PERMISSIONS } from './care-team.permissions';
import { CONFERENCE_PERMISSIONS } from './conference.permissions';
import { CONSENT_PERMISSIONS } from './consent.permissions';
import { EXPORT_PERMISSIONS } from './export.permissions';
import { GOAL_PERMISSIONS } from './goal.permissions';
import { LIVE_PLAN_ROOM_PERMISSIONS } from './live-plan-room.permissions';
import { OUTCOMES_PERMISSIONS } from './outcomes.permissions';
import type { PermissionCatalogue, SubjectCatalogue } from './permission-declaration';
import { PLAN_PERMISSIONS } from './plan.permissions';
import { SERVER_PERMISSIONS } from './server.permissions';
import { SIGN_IN_PERMISSIONS } from './sign-in.permissions';

/** One catalogue per subject, in the order docs/permissions.md lists them. */
export const SUBJECT_CATALOGUES: readonly SubjectCatalogue[] = [
  PLAN_PERMISSIONS,
  GOAL_PERMISSIONS,
  OUTCOMES_PERMISSIONS,
  CONFERENCE_PERMISSIONS,
  CONSENT_PERMISSIONS,
  BREAK_GLASS_PERMISSIONS,
  CARE_TEAM_PERMISSIONS,
  ACCOUNT_PERMISSIONS,
  SIGN_IN_PERMISSIONS,
  LIVE_PLAN_ROOM_PERMISSIONS,
  EXPORT_PERMISSIONS,
  SERVER_PERMISSIONS,
];

/**
 * Every permission as data (Medplum style): who may, the PRODUCT.md rules it keeps, and where
 * it is checked. Typed as the whole catalogue, so a name added to PERMISSION_NAMES without a
 * declaration (or declared under a name not in the list) does not compile.
 */
export const PERMISSIONS: PermissionCatalogue = {
  ...PLAN_PERMISSIONS,
  ...GOAL_PERMISSIONS,
  ...OUTCOMES_PERMISSIONS,
  ...CONFERENCE_PERMISSIONS,
  ...CONSENT_PERMISSIONS,
  ...BREAK_GLASS_PERMISSIONS,
  ...CARE_TEAM_PERMISSIONS,
  ...ACCOUNT_PERMISSIONS,
  ...SIGN_IN_PERMISSIONS,
  ...LIVE_PLAN_ROOM_PERMISSIONS,
  ...EXPORT_PERMISSIONS,
  ...SERVER_PERMISSIONS,
};
