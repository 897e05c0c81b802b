import type { SubjectCatalogue } from './permission-declaration';

const AUTH_SERVICE = 'libs/identity/src/auth.service.ts';
const CREDENTIALS_SERVICE = 'libs/identity/src/credentials.service.ts';
const CREDENTIALS_POLICY = 'libs/access/src/policies/credentials.policy.ts';
const SETUP_CODES = 'libs/access/src/sign-in-setup.service.ts';
const SETUP_POLICY = 'libs/access/src/policies/sign-in-setup.policy.ts';

/**
 * Signing in, sessions and credentials (PRODUCT.md rule 1: participants sign in with a
 * username and passphrase set up with the team; helping set one up never lets a team member
 * become them; ARCHITECTURE.md "Separation of duties").
 */
export const SIGN_IN_PERMISSIONS = {
  'session.signIn': {
    subject: 'sign-in',
    whoMay:
      'Anyone, with their own email or username and password (participants: the username and passphrase set up with their team). Wrong details, unknown and switched-off accounts all answer alike; repeated failures are slowed.',
    rules: [1, 11],
    enforcedIn: [{ file: AUTH_SERVICE, at: 'AuthService.login' }],
  },
  'session.refresh': {
    subject: 'sign-in',
    whoMay:
      'Whoever holds a refresh token of a sign-in, once; reusing one ends that sign-in on every device. Failures all answer UNAUTHENTICATED.',
    rules: [11],
    enforcedIn: [{ file: 'libs/identity/src/sessions.ts', at: 'Sessions.refresh' }],
  },
  'session.refreshLive': {
    subject: 'sign-in',
    whoMay:
      'A connected socket, with a fresh access token of the same account. Anything else answers UNAUTHENTICATED, and the socket closes when its token ends.',
    rules: [10],
    enforcedIn: [
      { file: 'libs/realtime/src/socket-sign-in.ts', at: 'SocketSignIn.refresh' },
      { file: 'libs/access/src/policies/live-plan-room.policy.ts', at: 'LivePlanRoomPolicy.refreshLive' },
    ],
  },
  'session.endOwn': {
    subject: 'sign-in',
    whoMay:
      'The signed-in account, for its own sign-ins only: this one, all of them, or one device. Another account’s sign-in answers NOT_FOUND.',
    rules: [11],
    enforcedIn: [
      { file: AUTH_SERVICE, at: 'AuthService.logout' },
      { file: AUTH_SERVICE, at: 'AuthService.logoutEverywhere' },
      { file: 'libs/identity/src/device-sessions.service.ts', at: 'DeviceSessionsService.end' },
    ],
  },
  'session.listOwn': {
    subject: 'sign-in',
    whoMay: 'The signed-in account: its own sign-ins that still work.',
    rules: [11],
    enforcedIn: [{ file: 'libs/identity/src/device-sessions.service.ts', at: 'DeviceSessionsService.list' }],
  },
  'signIn.acceptStaffInvitation': {
    subject: 'sign-in',
    whoMay:
      'Anyone holding a staff invitation code, once. The account still acts only after a program supervisor other than the inviter confirms it.',
    rules: [1],
    enforcedIn: [{ file: AUTH_SERVICE, at: 'AuthService.acceptStaffInvitation' }],
  },
  'signIn.completeSetup': {
    subject: 'sign-in',
    whoMay:
      'Anyone holding a set-up code that a second staff member approved, once, before it expires. Unknown, unapproved, expired, replaced and used codes all answer alike.',
    rules: [1, 11],
    enforcedIn: [{ file: CREDENTIALS_SERVICE, at: 'CredentialsService.completeSignInSetup' }],
  },
  'signIn.resetWithRecoveryCode': {
    subject: 'sign-in',
    whoMay:
      'Anyone with the username and an unused recovery code of that account, no staff involved. Failures answer alike and are slowed; the participant sees the reset in their access log.',
    rules: [1, 12],
    enforcedIn: [{ file: CREDENTIALS_SERVICE, at: 'CredentialsService.resetWithRecoveryCode' }],
  },
  'signIn.regenerateRecoveryCodes': {
    subject: 'sign-in',
    whoMay:
      'Participants and support persons, for their own account, after typing their current passphrase again. Not staff.',
    rules: [1],
    enforcedIn: [
      { file: 'libs/access/src/policies/account.policy.ts', at: 'AccountPolicy.regenerateRecoveryCodes' },
      { file: CREDENTIALS_SERVICE, at: 'CredentialsService.regenerateRecoveryCodes' },
    ],
  },
  'signInSetup.request': {
    subject: 'sign-in',
    whoMay:
      'A staff member on the participant’s care team, sitting with them; never an administrator, a support person or the participant, never for their own account. The code stays inert until a second staff member approves it.',
    rules: [1],
    enforcedIn: [
      { file: CREDENTIALS_POLICY, at: 'CredentialsPolicy.assertMayRequestSetupCode' },
      { file: SETUP_POLICY, at: 'SignInSetupPolicy.requestSetupCode' },
      { file: SETUP_POLICY, at: 'SignInSetupPolicy.issueAwaitingApproval' },
    ],
  },
  'signInSetup.approve': {
    subject: 'sign-in',
    whoMay:
      'A second staff member, from their own account: a supervisor of the participant’s program or another staff member on their care team. Never the requester, the account being set up or an administrator; anyone else gets NOT_FOUND.',
    rules: [1, 11],
    enforcedIn: [
      { file: SETUP_POLICY, at: 'SignInSetupPolicy.approve' },
      { file: CREDENTIALS_POLICY, at: 'CredentialsPolicy.assertMayApprove' },
      { file: SETUP_POLICY, at: 'SignInSetupPolicy.approver' },
    ],
  },
  'signInSetup.listAwaitingApproval': {
    subject: 'sign-in',
    whoMay:
      'Any signed-in account, listing only the codes it may approve (supervisors: their program; staff: their care teams; never their own requests). Everyone else gets an empty list.',
    rules: [1, 11],
    enforcedIn: [{ file: SETUP_CODES, at: 'SignInSetupService.awaitingApproval' }],
  },
  'signInSetup.readHistory': {
    subject: 'sign-in',
    whoMay: 'The participant themself, and the staff on their care team.',
    rules: [1, 12],
    enforcedIn: [
      { file: CREDENTIALS_POLICY, at: 'CredentialsPolicy.assertMayReadSetupHistory' },
      { file: SETUP_POLICY, at: 'SignInSetupPolicy.readHistory' },
    ],
  },
} satisfies SubjectCatalogue;
