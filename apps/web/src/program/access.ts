import type { SignedInAccount } from '../auth/session';

/** The staff screens one account may use: the menu offers only these, and the router shows only these. */
export interface StaffScreens {
  /**
   * My people (the caseload) and, on it, set-up codes waiting for their approval. Support
   * persons keep the home they had (the API answers them an empty caseload).
   */
  caseload: boolean;
  /** Supervisors: the program roster and what waits for a supervisor. */
  program: boolean;
  /** Administrators: staff accounts. */
  accounts: boolean;
  /** Add a person and ask for their sign-in set-up code. */
  addPerson: boolean;
}

/**
 * Administrators manage accounts and see no plan content, and are never on a care team
 * through that role (PRODUCT.md "Who does what"): they get the accounts screen and nothing
 * about participants. Every other staff member works with people; supervisors also get the
 * program screen. Participants and support persons get none of the program screens.
 */
export function staffScreens(account: Pick<SignedInAccount, 'kind' | 'programRole'>): StaffScreens {
  const staff = account.kind === 'STAFF';
  const administrator = staff && account.programRole === 'ADMINISTRATOR';
  return {
    caseload: account.kind !== 'PARTICIPANT' && !administrator,
    program: staff && account.programRole === 'SUPERVISOR',
    accounts: administrator,
    addPerson: staff && !administrator,
  };
}

/**
 * Which program screen a path opens for this account, if any. An administrator has no other
 * screen but their devices (handled before this): every other address, "/" and "/plan" after
 * sign-in included, opens the staff accounts, so no participant's page is ever asked for.
 */
export function programScreenAt(
  path: string,
  account: Pick<SignedInAccount, 'kind' | 'programRole'>,
): 'program' | 'accounts' | 'addPerson' | null {
  const may = staffScreens(account);
  if (may.accounts) return 'accounts';
  if (may.program && path === '/program') return 'program';
  if (may.addPerson && path === '/people/new') return 'addPerson';
  return null;
}
