import type { PermissionName } from '@roundtable/contracts';

/**
 * A numbered rule of PRODUCT.md (docs/product-rules.md), or `roles` for its "Who does what"
 * section: the few permissions about running a program follow from roles, not from a rule.
 */
export type ProductRule = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 'roles';

/** Where a permission is checked today. */
export interface Enforcement {
  /** From the repository root. */
  file: string;
  /** `Class.method` (or a line of configuration); every dot-separated part appears in `file`. */
  at: string;
}

/** What docs/permissions.md groups permissions by: one catalogue file each. */
export type PermissionSubject =
  | 'server'
  | 'sign-in'
  | 'account'
  | 'care team'
  | 'consent'
  | 'break-glass'
  | 'plan'
  | 'goal'
  | 'live plan room'
  | 'outcomes'
  | 'conference'
  | 'export';

/** One permission as data: what a newcomer needs to know about it, and what a test can hold true. */
export interface PermissionDeclaration {
  subject: PermissionSubject;
  /** Who may, in plain words (and what everyone else is answered, where that matters). */
  whoMay: string;
  /** The PRODUCT.md rules this permission keeps. */
  rules: readonly ProductRule[];
  /**
   * The policy or service method that decides today; declarations do not move checks. Where
   * the permission has a rule in authorize's table (authorize.ts), this names that policy
   * method, and each later stage's (tests/e2e/permission-declarations.spec.ts holds it).
   */
  enforcedIn: readonly Enforcement[];
}

/** A subject's catalogue: names from libs/contracts/src/permissions.ts, each declared once. */
export type SubjectCatalogue = Partial<Record<PermissionName, PermissionDeclaration>>;

/** The whole catalogue: every name, nothing else. */
export type PermissionCatalogue = Record<PermissionName, PermissionDeclaration>;
