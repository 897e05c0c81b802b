import type { PermissionName } from '@roundtable/contracts';

/**
 * A second check of one permission, made at a later moment of the same operation (e.g.
 * `goal.update:state`, on the row found after the version check): named after the
 * permission, so the trace and a reader see whose check it is.
 */
export type StageRuleName = `${PermissionName}:${string}`;

/**
 * A check every operation of a kind makes through one helper (the right to write to a plan,
 * minutes still open, "not without me", the participant's own consent), whatever permission
 * the operation declares.
 */
export type SharedRuleName = `shared:${string}`;

/** What `authorize` is asked to check: a permission, one of its later stages, or a shared rule. */
export type RuleName = PermissionName | StageRuleName | SharedRuleName;

/**
 * One subject's rules (exported by its *.policy.ts): a name above, and the policy method that
 * decides it (it throws the refusal, or returns what it proved, e.g. the caller's program).
 */
export type RuleTable = Partial<Record<RuleName, (...facts: never[]) => unknown>>;
