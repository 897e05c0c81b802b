import { ACCOUNT_RULES } from './account.policy';
import { BREAK_GLASS_RULES } from './break-glass.rules';
import { CARE_TEAM_RULES } from './care-team.rules';
import { COMPARTMENT_RULES } from './compartment.rules';
import { CONFERENCE_RULES } from './conference.policy';
import { CONSENT_RULES } from './consent.rules';
import { EXPORT_RULES } from './export.policy';
import { GOAL_RULES } from './goal.policy';
import { LIVE_PLAN_ROOM_RULES } from './live-plan-room.policy';
import { OUTCOMES_RULES } from './outcomes.policy';
import { PARTICIPANT_ONLY_RULES } from './participant-only.rules';
import { PARTICIPANT_VOICE_RULES } from './participant-voice.rules';
import { PARTICIPANTS_RULES } from './participants.policy';
import { PLAN_RULES } from './plan.policy';
import type { RuleName, RuleTable } from './rule-table';
import { SIGN_IN_SETUP_RULES } from './sign-in-setup.policy';

/**
 * Every rule `authorize` can check, assembled from the table each policy file exports next to
 * the class that decides (one file per subject: GOAL_RULES in goal.policy.ts, and so on).
 * Subjects whose facts come from the database keep their rules in `*.rules.ts` (or a pure
 * `*.policy.ts`) apart from the injectable that loads the facts and calls `authorize`, so that
 * this file never imports a module that imports it.
 */
export const AUTHORIZATION_RULES = {
  ...PLAN_RULES,
  ...GOAL_RULES,
  ...OUTCOMES_RULES,
  ...CONFERENCE_RULES,
  ...CONSENT_RULES,
  ...ACCOUNT_RULES,
  ...PARTICIPANTS_RULES,
  ...SIGN_IN_SETUP_RULES,
  ...COMPARTMENT_RULES,
  ...CARE_TEAM_RULES,
  ...BREAK_GLASS_RULES,
  ...PARTICIPANT_ONLY_RULES,
  ...PARTICIPANT_VOICE_RULES,
  ...LIVE_PLAN_ROOM_RULES,
  ...EXPORT_RULES,
} as const satisfies RuleTable;

type Rules = typeof AUTHORIZATION_RULES;

/** A rule `authorize` knows: a permission name (PermissionName), a stage of one, or a shared rule. */
export type AuthorizedRule = keyof Rules;

/** What each rule is asked about (who is asking, the row or input it judges), in its order. */
export type RuleFacts = { [K in AuthorizedRule]: Parameters<Rules[K]> };

/** What each rule answers when it allows: nothing, or what it proved (e.g. the caller's program id). */
export type RuleOutcome = { [K in AuthorizedRule]: ReturnType<Rules[K]> };

// The same table seen through the two maps above, so that one generic call below type-checks
// for every rule (TypeScript relates `TABLE[rule]` to `RuleFacts[K]` through the mapped type).
const TABLE: { [K in AuthorizedRule]: (...facts: RuleFacts[K]) => RuleOutcome[K] } = AUTHORIZATION_RULES;

/** Every name in the table: what the trace test runs the operations against. */
export const AUTHORIZED_RULES: readonly string[] = Object.keys(AUTHORIZATION_RULES);

/**
 * A record of every rule `authorize` was asked to check, for tests to read: the runtime proof
 * that an operation checks the permission it declares with @Permission (issue 15, "Trust II").
 * Off unless a test starts it; when off, `authorize` pays one null check.
 */
export class AuthorizationTrace {
  private static checked: RuleName[] | null = null;

  /** Starts (or restarts) recording, from empty. */
  static start(): void {
    AuthorizationTrace.checked = [];
  }

  /** Stops recording and returns what was checked since start, in order. */
  static stop(): RuleName[] {
    const checked = AuthorizationTrace.checked ?? [];
    AuthorizationTrace.checked = null;
    return checked;
  }

  static record(rule: RuleName): void {
    AuthorizationTrace.checked?.push(rule);
  }
}

/**
 * The one entry point for "may they?" (issue 15, "Trust II"): every operation calls it with
 * the permission it declares (@Permission), at the place its check has always stood, with the
 * facts the rule judges. It throws the rule's refusal (FORBIDDEN, or NOT_FOUND where a
 * refusal would leak), or returns what the rule proved. A permission checked at two moments
 * names its later check `permission:stage`; checks many operations share are `shared:…`.
 */
export function authorize<K extends AuthorizedRule>(rule: K, ...facts: RuleFacts[K]): RuleOutcome[K] {
  AuthorizationTrace.record(rule);
  return TABLE[rule](...facts);
}
