import type { Actor } from '@roundtable/identity';
import { forbidden } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/**
 * Set-up codes: two people for every credential (docs/product-rules.md rule 1: helping
 * someone set up a sign-in never lets a team member become them; docs/credentials.md).
 * Who may ask and who may approve is CredentialsPolicy's; these are the separation-of-duties
 * refusals SignInSetupService makes at the same points as always.
 */
export class SignInSetupPolicy {
  /** Rule 1: nobody mints a credential for their own account. */
  static issueAwaitingApproval(actor: Pick<Actor, 'accountId'>, accountId: string): void {
    if (accountId === actor.accountId) throw forbidden('Nobody can create a set-up code for their own account');
  }

  /**
   * Rule 1: the requester never approves their own request. Checked after the code is found
   * (NOT_FOUND otherwise): the requester knows the code exists, so telling them why is no leak.
   */
  static approve(actor: Pick<Actor, 'accountId'>, code: { requestedBy: string | null }): void {
    if (code.requestedBy === actor.accountId)
      throw forbidden('You asked for this code: a second staff member must approve it from their own account');
  }
}

/**
 * Who may, per set-up code permission (authorize dispatches on these). A support person's
 * invitation issues a set-up code too, under the same rule.
 */
export const SIGN_IN_SETUP_RULES = {
  'signInSetup.request': SignInSetupPolicy.issueAwaitingApproval,
  'careTeam.inviteSupportPerson': SignInSetupPolicy.issueAwaitingApproval,
  'signInSetup.approve': SignInSetupPolicy.approve,
} as const satisfies RuleTable;
