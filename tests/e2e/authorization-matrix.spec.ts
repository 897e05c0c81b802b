import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { AUTHORIZED_RULES, AuthorizationTrace } from '@roundtable/access';
import { PERMISSION_NAMES } from '@roundtable/contracts';
import { declaredOperations } from '@roundtable/server';
import {
  approveSetupCode,
  DEMO_PASSWORD,
  expressGoal,
  signIn,
  startTestApp,
  type GraphQLTestClient,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/**
 * Every role × every operation × their own participant and someone else's. "Allowed" means
 * the operation got past the access policy (it may still fail validation or version checks);
 * "denied" means UNAUTHENTICATED, FORBIDDEN or NOT_FOUND. Data-driven: an operation missing
 * from MATRIX fails the first test, so a new operation must be added here.
 *
 * Each call also runs under AuthorizationTrace (issue 15, "Trust II"): an operation whose
 * declared @Permission has a rule in authorize's table must check that permission, and no
 * other, whenever it lets the caller through or refuses them by that rule.
 */
const ROLES = ['anon', 'sam', 'cm', 'md', 'housing', 'peer', 'supervisor', 'admin', 'jo'] as const;
type Role = (typeof ROLES)[number];
type Target = 'own' | 'other';
const DENIALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

const SIGNED: Role[] = ['sam', 'cm', 'md', 'housing', 'peer', 'supervisor', 'admin', 'jo'];
const EVERYONE: Role[] = ['anon', ...SIGNED];
const READERS: Role[] = ['sam', 'cm', 'md', 'housing', 'peer', 'jo'];
const WRITERS: Role[] = ['sam', 'cm', 'md', 'housing', 'peer'];
const TEAM_STAFF: Role[] = ['cm', 'md', 'housing', 'peer'];
const SAM: Role[] = ['sam'];
/** Who scheduled (and so facilitates) Sam's matrix conferences. */
const FACILITATOR: Role[] = ['cm'];

interface Items {
  participantId: string;
  goalId: string;
  proposalId: string;
  declinableId: string;
  writtenGoalId: string;
  stepId: string;
  strategyId: string;
  offerId: string;
  metricId: string;
  /** A clinical measure the team records values on (a participant-defined one is theirs alone). */
  clinicalMetricId: string;
  winId: string;
  /** A win nobody hides in the matrix: the refusal of win.hide is judged on it. */
  keptWinId: string;
  setbackId: string;
  grantId: string;
  membershipId: string;
  emergencyId: string;
  conferenceId: string;
  closableConferenceId: string;
  closedConferenceId: string;
  agendaItemId: string;
  /** Item 1, the participant's update: nobody moves it. */
  participantUpdateId: string;
  decisionId: string;
  responseId: string;
  externalSharingId: string;
}

interface Call {
  query: string;
  variables?: Record<string, unknown>;
}

interface Context {
  items: Record<Target, Items>;
  tempAccountId: string;
  housingAccountId: string;
  refreshToken?: string;
  /** An invited staff account no supervisor has confirmed yet. */
  awaitingAccountId: string;
  /** A set-up code per target, asked for by that participant's case manager. */
  setupCodeIds: Record<Target, string>;
  /** A support person's account on each participant's team (switched off and on). */
  supportAccountIds: Record<Target, string>;
  /** The caller's own access token (endSession ends the caller's own sign-in by its id). */
  accessToken?: string;
}

/** The sign-in (session) id inside an access token: its `sid` claim. */
function sessionIdOf(accessToken: string | undefined): string {
  if (!accessToken) return '00000000-0000-4000-8000-000000000000';
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string };
  return payload.sid;
}

type Build = (c: Context, target: Target, role: Role) => Call;
interface Row {
  own: Role[];
  other: Role[];
  build: Build;
  /** Runs with a fresh session (the operation ends or consumes it). */
  freshSession?: boolean;
}

const both = (roles: Role[], build: Build, freshSession = false): Row => ({
  own: roles,
  other: roles,
  build,
  freshSession,
});
const own = (roles: Role[], build: Build, other: Role[] = []): Row => ({ own: roles, other, build });
const it_ = (c: Context, t: Target) => c.items[t];
const q = (query: string, variables?: Record<string, unknown>): Call => ({ query, variables });
const input = (query: string, value: Record<string, unknown>): Call => q(query, { input: value });

const MATRIX: Record<string, Row> = {
  // Queries
  serverInfo: both(EVERYONE, () => q('{ serverInfo { version } }')),
  me: both(SIGNED, () => q('{ me { id } }')),
  caseload: both(SIGNED, () => q('{ caseload { teamRole } }')),
  checkLanguage: both(SIGNED, () => q('{ checkLanguage(text: "clean", label: GENERAL) { suggestedLabel } }')),
  clinicalCatalogue: both(SIGNED, () => q('{ clinicalCatalogue { code } }')),
  waitingForYou: both(SIGNED, () => q('{ waitingForYou { stepsForYou { id } } }')),
  programAccounts: both(['admin'], () => q('{ programAccounts { id } }')),
  // Any staff member: their own program (participants and support persons: FORBIDDEN).
  program: both(['cm', 'md', 'housing', 'peer', 'supervisor', 'admin'], () => q('{ program { id name } }')),
  programRoster: both(['supervisor', 'admin'], () => q('{ programRoster { participantId } }')),
  participant: own(READERS, (c, t) =>
    q('query Q($id: ID!) { participant(id: $id) { id } }', { id: it_(c, t).participantId }),
  ),
  plan: own(READERS, (c, t) =>
    q('query Q($id: ID!) { plan(participantId: $id) { version } }', { id: it_(c, t).participantId }),
  ),
  timeline: own(READERS, (c, t) =>
    q('query Q($id: ID!) { timeline(participantId: $id, first: 5) { pageInfo { hasNextPage } } }', {
      id: it_(c, t).participantId,
    }),
  ),
  progress: own(READERS, (c, t) =>
    q('query Q($id: ID!) { progress(participantId: $id) { participantId } }', { id: it_(c, t).participantId }),
  ),
  wins: own(READERS, (c, t) =>
    q('query Q($id: ID!) { wins(participantId: $id, first: 5) { pageInfo { hasNextPage } } }', {
      id: it_(c, t).participantId,
    }),
  ),
  // Measurements of a general metric: a support person with no grant sees none.
  measurements: own(WRITERS, (c, t) =>
    q('query Q($id: ID!) { measurements(metricId: $id, first: 5) { pageInfo { hasNextPage } } }', {
      id: it_(c, t).metricId,
    }),
  ),
  setbacks: own(READERS, (c, t) =>
    q('query Q($id: ID!) { setbacks(participantId: $id) { id } }', { id: it_(c, t).participantId }),
  ),
  accessLog: own(SAM, (c, t) =>
    q('query Q($id: ID!) { accessLog(participantId: $id, first: 5) { pageInfo { hasNextPage } } }', {
      id: it_(c, t).participantId,
    }),
  ),
  consentGrants: own(SAM, (c, t) =>
    q('query Q($id: ID!) { consentGrants(participantId: $id) { id } }', { id: it_(c, t).participantId }),
  ),
  emergencyAccesses: own(SAM, (c, t) =>
    q('query Q($id: ID!) { emergencyAccesses(participantId: $id) { id } }', { id: it_(c, t).participantId }),
  ),
  whoSeesWhat: own(SAM, (c, t) =>
    q('query Q($id: ID!) { whoSeesWhat(participantId: $id) { labels { label } } }', { id: it_(c, t).participantId }),
  ),
  planAsSeenBy: own(SAM, (c, t) =>
    q('query Q($id: ID!, $a: ID!) { planAsSeenBy(participantId: $id, accountId: $a) { version } }', {
      id: it_(c, t).participantId,
      a: c.housingAccountId,
    }),
  ),

  // Sign-in and accounts
  login: both(EVERYONE, () =>
    q('mutation { login(identifier: "peer@demo.test", password: "roundtable-demo") { accessToken } }'),
  ),
  refresh: both(
    EVERYONE,
    (c) => q('mutation R($t: String!) { refresh(refreshToken: $t) { accessToken } }', { t: c.refreshToken }),
    true,
  ),
  logout: both(SIGNED, () => q('mutation { logout }'), true),
  logoutEverywhere: both(SIGNED, () => q('mutation { logoutEverywhere }'), true),
  mySessions: both(SIGNED, () => q('{ mySessions { id current } }')),
  // Anyone signed in may end their own sign-ins; another person's answers NOT_FOUND (web-sign-in.spec.ts).
  endSession: both(
    SIGNED,
    (c) =>
      input('mutation M($input: EndSessionInput!) { endSession(input: $input) }', {
        sessionId: sessionIdOf(c.accessToken),
      }),
    true,
  ),
  acceptStaffInvitation: both(EVERYONE, () =>
    input('mutation M($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { accessToken } }', {
      code: 'AAAA-BBBB-CCCC',
      password: 'long enough password',
    }),
  ),
  // Public like login; a malformed code gets past the (absent) access check to validation.
  resetPassphraseWithRecoveryCode: both(EVERYONE, () =>
    input(
      'mutation M($input: ResetPassphraseWithRecoveryCodeInput!) { resetPassphraseWithRecoveryCode(input: $input) { accessToken } }',
      { username: 'sam', recoveryCode: 'short', newPassphrase: 'long enough passphrase' },
    ),
  ),
  regenerateRecoveryCodes: both(['sam', 'jo'], () =>
    input('mutation M($input: RegenerateRecoveryCodesInput!) { regenerateRecoveryCodes(input: $input) }', {
      passphrase: DEMO_PASSWORD,
    }),
  ),
  // Supervisors only; the first call confirms, later ones answer BAD_USER_INPUT (already confirmed).
  confirmStaffAccount: both(['supervisor'], (c) =>
    input('mutation M($input: AccountIdInput!) { confirmStaffAccount(input: $input) { id } }', {
      accountId: c.awaitingAccountId,
    }),
  ),
  staffAwaitingConfirmation: both(SIGNED, () => q('{ staffAwaitingConfirmation { id } }')),
  completeSignInSetup: both(EVERYONE, () =>
    input('mutation M($input: CompleteSignInSetupInput!) { completeSignInSetup(input: $input) { accessToken } }', {
      code: 'AAAA-BBBB-CCCC',
      passphrase: 'long enough passphrase',
    }),
  ),
  inviteStaff: both(['admin'], (_c, t, r) =>
    input('mutation M($input: InviteStaffInput!) { inviteStaff(input: $input) { account { id } } }', {
      email: `m-${r}-${t}@demo.test`,
      displayName: 'X',
      discipline: 'NURSING',
      programRole: 'STAFF',
    }),
  ),
  renameProgram: both(['admin'], () =>
    input('mutation M($input: RenameProgramInput!) { renameProgram(input: $input) { id } }', {
      name: 'Demo program',
    }),
  ),
  // A support person's sign-in: the participant, their primary case manager or a program
  // supervisor (rule 12: never an administrator). Staff accounts: account-lifecycle.spec.ts.
  deactivateAccount: own(
    ['sam', 'cm', 'supervisor'],
    (c, t) =>
      input('mutation M($input: DeactivateAccountInput!) { deactivateAccount(input: $input) { id } }', {
        accountId: c.supportAccountIds[t],
        reason: 'Matrix reason',
      }),
    ['supervisor'],
  ),
  reactivateAccount: own(
    ['sam', 'cm', 'supervisor'],
    (c, t) =>
      input('mutation M($input: AccountIdInput!) { reactivateAccount(input: $input) { id } }', {
        accountId: c.supportAccountIds[t],
      }),
    ['supervisor'],
  ),

  // Participants and care teams
  createParticipant: both(['cm', 'md', 'housing', 'peer', 'supervisor', 'admin'], () =>
    input('mutation M($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }', {
      preferredName: 'Matrix',
    }),
  ),
  // Rule 10 / separation of duties: the primary case manager (cm for Sam) or a supervisor of
  // the program (Riley is in the same program); never other team members or an administrator.
  addCareTeamMember: own(
    ['cm', 'supervisor'],
    (c, t) =>
      input('mutation M($input: AddCareTeamMemberInput!) { addCareTeamMember(input: $input) { membershipId } }', {
        participantId: it_(c, t).participantId,
        accountId: c.tempAccountId,
      }),
    ['supervisor'],
  ),
  endCareTeamMembership: own(
    ['cm', 'supervisor'],
    (c, t) =>
      input(
        'mutation M($input: EndCareTeamMembershipInput!) { endCareTeamMembership(input: $input) { membershipId } }',
        { membershipId: it_(c, t).membershipId },
      ),
    ['supervisor'],
  ),
  careTeamChanges: own(READERS, (c, t) =>
    q('query Q($id: ID!) { careTeamChanges(participantId: $id) { id } }', { id: it_(c, t).participantId }),
  ),
  recordContact: own(TEAM_STAFF, (c, t) =>
    input('mutation M($input: RecordContactInput!) { recordContact(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      mode: 'PHONE',
    }),
  ),
  createSignInSetupCode: own(TEAM_STAFF, (c, t) =>
    input('mutation M($input: CreateSignInSetupCodeInput!) { createSignInSetupCode(input: $input) { expiresAt } }', {
      participantId: it_(c, t).participantId,
    }),
  ),
  // A second staff member: another on the team or a program supervisor; never the requester
  // (cm asked for Sam's), an administrator, the participant or a support person. Once approved
  // or replaced, later approvers get BAD_USER_INPUT: past the policy.
  approveSignInSetupCode: own(
    ['md', 'housing', 'peer', 'supervisor'],
    (c, t) =>
      input('mutation M($input: SetupCodeIdInput!) { approveSignInSetupCode(input: $input) { id } }', {
        setupCodeId: c.setupCodeIds[t],
      }),
    ['supervisor'],
  ),
  signInSetupCodesAwaitingApproval: both(SIGNED, () => q('{ signInSetupCodesAwaitingApproval { id } }')),
  signInSetupCodes: own(['sam', ...TEAM_STAFF], (c, t) =>
    q('query Q($id: ID!) { signInSetupCodes(participantId: $id) { id } }', { id: it_(c, t).participantId }),
  ),
  // Staff only with the participant's co-sign (rules 1, 10): without one, the participant alone.
  inviteSupportPerson: own(SAM, (c, t) =>
    input(
      'mutation M($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { member { membershipId } } }',
      { participantId: it_(c, t).participantId, displayName: 'Friend' },
    ),
  ),

  // The plan
  updateVision: own(WRITERS, (c, t) =>
    input('mutation M($input: UpdateVisionInput!) { updateVision(input: $input) { version } }', {
      participantId: it_(c, t).participantId,
      expectedVersion: 1,
      text: 'x',
      writtenWithParticipant: true,
    }),
  ),
  expressGoal: own(WRITERS, (c, t) =>
    input('mutation M($input: ExpressGoalInput!) { expressGoal(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      text: 'x',
      domain: 'OTHER',
      writtenWithParticipant: true,
    }),
  ),
  proposeGoal: own(TEAM_STAFF, (c, t) =>
    input('mutation M($input: ProposeGoalInput!) { proposeGoal(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      text: 'x',
      domain: 'OTHER',
    }),
  ),
  acceptGoal: own(SAM, (c, t) =>
    input('mutation M($input: GoalVersionInput!) { acceptGoal(input: $input) { id } }', {
      goalId: it_(c, t).proposalId,
      expectedVersion: 1,
    }),
  ),
  declineGoal: own(SAM, (c, t) =>
    input('mutation M($input: GoalVersionInput!) { declineGoal(input: $input) { id } }', {
      goalId: it_(c, t).declinableId,
      expectedVersion: 1,
    }),
  ),
  // Only the participant confirms what was written with them (rules 1, 3).
  confirmWrittenWithYou: own(SAM, (c, t) =>
    input('mutation M($input: ConfirmWrittenWithYouInput!) { confirmWrittenWithYou(input: $input) { id } }', {
      entryId: it_(c, t).writtenGoalId,
      expectedVersion: 1,
      accept: true,
    }),
  ),
  confirmGoal: own(SAM, (c, t) =>
    input('mutation M($input: GoalVersionInput!) { confirmGoal(input: $input) { id } }', {
      goalId: it_(c, t).writtenGoalId,
      expectedVersion: 1,
    }),
  ),
  updateGoal: own(SAM, (c, t) =>
    input('mutation M($input: UpdateGoalInput!) { updateGoal(input: $input) { id } }', {
      goalId: it_(c, t).goalId,
      expectedVersion: 1,
      text: 'reworded',
    }),
  ),
  setGoalLifecycle: own(SAM, (c, t) =>
    input('mutation M($input: SetGoalLifecycleInput!) { setGoalLifecycle(input: $input) { id } }', {
      goalId: it_(c, t).goalId,
      expectedVersion: 1,
      lifecycle: 'ON_HOLD',
    }),
  ),
  rankGoals: own(SAM, (c, t) =>
    input('mutation M($input: RankGoalsInput!) { rankGoals(input: $input) { version } }', {
      participantId: it_(c, t).participantId,
      expectedVersion: 1,
      goalIds: [it_(c, t).goalId],
    }),
  ),
  rateStage: own(WRITERS, (c, t) =>
    input('mutation M($input: RateStageInput!) { rateStage(input: $input) { id } }', {
      goalId: it_(c, t).goalId,
      stage: 'ACTION',
      expectedVersion: 1,
    }),
  ),
  addStep: own(WRITERS, (c, t) =>
    input('mutation M($input: AddStepInput!) { addStep(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      goalId: it_(c, t).goalId,
      text: 'x',
    }),
  ),
  setStepDone: own(WRITERS, (c, t) =>
    input('mutation M($input: SetStepDoneInput!) { setStepDone(input: $input) { id } }', {
      stepId: it_(c, t).stepId,
      expectedVersion: 1,
      done: true,
    }),
  ),
  addStrategy: own(WRITERS, (c, t) =>
    input('mutation M($input: AddStrategyInput!) { addStrategy(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      text: 'x',
    }),
  ),
  // The strategy is substance-use: the case manager and physician were granted it, housing and peer were not.
  updateStrategy: own(['sam', 'cm', 'md'], (c, t) =>
    input('mutation M($input: UpdateStrategyInput!) { updateStrategy(input: $input) { id } }', {
      strategyId: it_(c, t).strategyId,
      expectedVersion: 1,
      status: 'WORKING',
    }),
  ),
  // Participant only (ParticipantOnlyPolicy): the case manager and physician, who may see the
  // substance-use strategy, are refused; everyone else is answered as for an unknown id.
  checkInOnStrategy: own(SAM, (c, t) =>
    input('mutation M($input: CheckInOnStrategyInput!) { checkInOnStrategy(input: $input) { id } }', {
      strategyId: it_(c, t).strategyId,
      answer: 'WORKING',
    }),
  ),
  makeOffer: own(TEAM_STAFF, (c, t) =>
    input('mutation M($input: MakeOfferInput!) { makeOffer(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      text: 'x',
      kind: 'INFORMATION',
    }),
  ),
  recordWithheldResource: own(TEAM_STAFF, (c, t) =>
    input('mutation M($input: RecordWithheldResourceInput!) { recordWithheldResource(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      resource: 'x',
      reason: 'y',
    }),
  ),
  respondToOffer: own(SAM, (c, t) =>
    input('mutation M($input: RespondToOfferInput!) { respondToOffer(input: $input) { id } }', {
      offerId: it_(c, t).offerId,
      expectedVersion: 1,
      response: 'ACCEPT',
    }),
  ),
  hideOffer: own(SAM, (c, t) =>
    input('mutation M($input: HideOfferInput!) { hideOffer(input: $input) { id } }', { offerId: it_(c, t).offerId }),
  ),
  // Rule 10: the participant on any item, a team member only on one they wrote (cm made the
  // offer). The offer was answered above, so those allowed get CONFLICT: past the policy.
  makeItemStricter: own(['sam', 'cm'], (c, t) =>
    input('mutation M($input: MakeItemStricterInput!) { makeItemStricter(input: $input) { id } }', {
      itemId: it_(c, t).offerId,
      expectedVersion: 1,
      label: 'HEALTH',
    }),
  ),

  // Outcomes
  defineMetric: own(WRITERS, (c, t) =>
    input('mutation M($input: DefineMetricInput!) { defineMetric(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      kind: 'PARTICIPANT_DEFINED',
      name: 'x',
      domain: 'OTHER',
      scale: 'NUMBER',
      better: 'HIGHER',
    }),
  ),
  recordMeasurement: own(WRITERS, (c, t, r) =>
    input('mutation M($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }', {
      metricId: r === 'sam' ? it_(c, t).metricId : it_(c, t).clinicalMetricId,
      value: 1,
      source: r === 'sam' ? 'SELF_REPORT' : 'CLINICIAN',
    }),
  ),
  proposeWin: own(WRITERS, (c, t) =>
    input('mutation M($input: ProposeWinInput!) { proposeWin(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      text: 'x',
    }),
  ),
  confirmWin: own(SAM, (c, t) =>
    input('mutation M($input: WinVersionInput!) { confirmWin(input: $input) { id } }', {
      winId: it_(c, t).winId,
      expectedVersion: 1,
    }),
  ),
  hideWin: own(SAM, (c, t) => q('mutation M($id: ID!) { hideWin(winId: $id) }', { id: it_(c, t).winId })),
  recordSetback: own(WRITERS, (c, t) =>
    input('mutation M($input: RecordSetbackInput!) { recordSetback(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      withParticipant: true,
    }),
  ),
  answerPlanReview: own(SAM, (c, t) =>
    input('mutation M($input: AnswerPlanReviewInput!) { answerPlanReview(input: $input) { id } }', {
      setbackId: it_(c, t).setbackId,
      expectedVersion: 1,
      accept: false,
    }),
  ),

  // Consent and break-glass
  grantVisibility: own(SAM, (c, t) =>
    input('mutation M($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      label: 'GENERAL',
      discipline: 'PEER_SUPPORT',
      endEvent: 'until I say',
    }),
  ),
  revokeVisibility: own(SAM, (c, t) =>
    input('mutation M($input: GrantIdInput!) { revokeVisibility(input: $input) { id } }', {
      grantId: it_(c, t).grantId,
    }),
  ),
  allowExternalSharing: own(SAM, (c, t) =>
    input('mutation M($input: AllowExternalSharingInput!) { allowExternalSharing(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      label: 'HOUSING',
      endsAt: '2099-01-01T00:00:00.000Z',
    }),
  ),
  stopExternalSharing: own(SAM, (c, t) =>
    input('mutation M($input: StopExternalSharingInput!) { stopExternalSharing(input: $input) { id } }', {
      consentId: it_(c, t).externalSharingId,
    }),
  ),
  // Only the participant decides whether the team sees when they are here (off stays off).
  setPresenceSharing: own(SAM, (c, t) =>
    input('mutation M($input: SetPresenceSharingInput!) { setPresenceSharing(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      share: false,
    }),
  ),
  externalSharing: own(SAM, (c, t) =>
    q('query Q($id: ID!) { externalSharing(participantId: $id) { id } }', { id: it_(c, t).participantId }),
  ),
  requestEmergencyAccess: own(['md'], (c, t) =>
    input('mutation M($input: RequestEmergencyAccessInput!) { requestEmergencyAccess(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      reason: 'Emergency in the clinic',
    }),
  ),
  // A supervisor of the program, never the clinician (Riley's id names no emergency access).
  approveEmergencyAccess: own(['supervisor'], (c, t) =>
    input('mutation M($input: EmergencyAccessIdInput!) { approveEmergencyAccess(input: $input) { id } }', {
      emergencyAccessId: it_(c, t).emergencyId,
    }),
  ),
  reviewEmergencyAccess: own(['supervisor'], (c, t) =>
    input('mutation M($input: ReviewEmergencyAccessInput!) { reviewEmergencyAccess(input: $input) { id } }', {
      emergencyAccessId: it_(c, t).emergencyId,
      note: 'Matrix review',
    }),
  ),
  emergencyAccessesAwaitingReview: both(['supervisor'], () => q('{ emergencyAccessesAwaitingReview { id } }')),
  emergencyAccessesAwaitingApproval: both(['supervisor'], () => q('{ emergencyAccessesAwaitingApproval { id } }')),
  endEmergencyAccess: own(['md'], (c, t) =>
    input('mutation M($input: EmergencyAccessIdInput!) { endEmergencyAccess(input: $input) { id } }', {
      emergencyAccessId: it_(c, t).emergencyId,
    }),
  ),

  // Care conferences
  // The conference record is general content: Jo (nothing shared) gets NOT_FOUND, and an empty list.
  conference: own(WRITERS, (c, t) =>
    q('query Q($id: ID!) { conference(id: $id) { id } }', { id: it_(c, t).conferenceId }),
  ),
  conferences: own(READERS, (c, t) =>
    q('query Q($id: ID!) { conferences(participantId: $id) { id } }', { id: it_(c, t).participantId }),
  ),
  roundsSummary: both(SIGNED, () =>
    q('{ roundsSummary(date: "2026-12-03", timeZone: "America/Vancouver") { conference { id } } }'),
  ),
  scheduleConference: own(WRITERS, (c, t) =>
    input('mutation M($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { id } }', {
      participantId: it_(c, t).participantId,
      title: 'Matrix conference',
      scheduledFor: '2026-12-03T18:30:00Z',
      timeZone: 'America/Vancouver',
      participantAttends: true,
    }),
  ),
  inviteToConference: own(WRITERS, (c, t) =>
    input('mutation M($input: InviteToConferenceInput!) { inviteToConference(input: $input) { id } }', {
      conferenceId: it_(c, t).conferenceId,
      accountId: c.housingAccountId,
    }),
  ),
  setParticipantAttends: own(WRITERS, (c, t) =>
    input('mutation M($input: SetParticipantAttendsInput!) { setParticipantAttends(input: $input) { id } }', {
      conferenceId: it_(c, t).conferenceId,
      attends: true,
      expectedVersion: 1,
    }),
  ),
  recordParticipantUpdate: own(SAM, (c, t) =>
    input('mutation M($input: RecordParticipantUpdateInput!) { recordParticipantUpdate(input: $input) { id } }', {
      conferenceId: it_(c, t).conferenceId,
      text: 'My update',
      expectedVersion: 1,
    }),
  ),
  addAgendaItem: own(WRITERS, (c, t) =>
    input('mutation M($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }', {
      conferenceId: it_(c, t).conferenceId,
      title: 'Matrix topic',
    }),
  ),
  moveAgendaItem: own(WRITERS, (c, t) =>
    input('mutation M($input: MoveAgendaItemInput!) { moveAgendaItem(input: $input) { id } }', {
      agendaItemId: it_(c, t).agendaItemId,
      expectedVersion: 1,
    }),
  ),
  setNotWithoutParticipant: own(SAM, (c, t) =>
    input('mutation M($input: SetNotWithoutParticipantInput!) { setNotWithoutParticipant(input: $input) { id } }', {
      agendaItemId: it_(c, t).agendaItemId,
      notWithoutParticipant: false,
      expectedVersion: 1,
    }),
  ),
  // Issue 17: only the facilitator (cm scheduled Sam's matrix conferences) or the co-facilitator
  // they named runs the room; other writers who see it get FORBIDDEN (conference-facilitation.spec.ts).
  startConference: own(FACILITATOR, (c, t) =>
    input('mutation M($input: ConferenceStepInput!) { startConference(input: $input) { id } }', {
      conferenceId: it_(c, t).conferenceId,
      expectedVersion: 1,
    }),
  ),
  advanceConference: own(FACILITATOR, (c, t) =>
    input('mutation M($input: AdvanceConferenceInput!) { advanceConference(input: $input) { id } }', {
      conferenceId: it_(c, t).conferenceId,
      expectedVersion: 1,
    }),
  ),
  closeConference: own(FACILITATOR, (c, t) =>
    input('mutation M($input: ConferenceStepInput!) { closeConference(input: $input) { id } }', {
      conferenceId: it_(c, t).closableConferenceId,
      expectedVersion: 1,
    }),
  ),
  // The facilitator alone names one; Marcus is on Sam's team but not at this conference (BAD_USER_INPUT, allowed).
  nameCoFacilitator: own(FACILITATOR, (c, t) =>
    input('mutation M($input: NameCoFacilitatorInput!) { nameCoFacilitator(input: $input) { id } }', {
      conferenceId: it_(c, t).conferenceId,
      accountId: c.housingAccountId,
    }),
  ),
  addConferenceNote: own(WRITERS, (c, t) =>
    input('mutation M($input: AddConferenceNoteInput!) { addConferenceNote(input: $input) { id } }', {
      agendaItemId: it_(c, t).agendaItemId,
      text: 'Matrix note',
    }),
  ),
  recordPerspective: own(WRITERS, (c, t) =>
    input('mutation M($input: RecordPerspectiveInput!) { recordPerspective(input: $input) { id } }', {
      agendaItemId: it_(c, t).agendaItemId,
      text: 'Matrix view',
    }),
  ),
  proposeDecision: own(TEAM_STAFF, (c, t) =>
    input('mutation M($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id } }', {
      agendaItemId: it_(c, t).agendaItemId,
      summary: 'Matrix decision',
    }),
  ),
  answerDecision: own(SAM, (c, t) =>
    input('mutation M($input: AnswerDecisionInput!) { answerDecision(input: $input) { id } }', {
      decisionId: it_(c, t).decisionId,
      agree: true,
      expectedVersion: 1,
    }),
  ),
  addActionItem: own(WRITERS, (c, t) =>
    input('mutation M($input: AddActionItemInput!) { addActionItem(input: $input) { id } }', {
      agendaItemId: it_(c, t).agendaItemId,
      text: 'Matrix action',
    }),
  ),
  amendMinutes: own(WRITERS, (c, t) =>
    input('mutation M($input: AmendMinutesInput!) { amendMinutes(input: $input) { id } }', {
      conferenceId: it_(c, t).closedConferenceId,
      text: 'Matrix correction',
      reason: 'Matrix reason',
    }),
  ),
  respondToConference: own(SAM, (c, t) =>
    input('mutation M($input: RespondToConferenceInput!) { respondToConference(input: $input) { id } }', {
      conferenceId: it_(c, t).closedConferenceId,
      kind: 'FEEDBACK',
      text: 'Matrix feedback',
    }),
  ),
  answerParticipantResponse: own(TEAM_STAFF, (c, t) =>
    input('mutation M($input: AnswerParticipantResponseInput!) { answerParticipantResponse(input: $input) { id } }', {
      responseId: it_(c, t).responseId,
      answer: 'What we changed',
      expectedVersion: 1,
    }),
  ),
};

/**
 * Refusals the matrix's rows do not make (their input is one the caller may give): the case
 * manager, on Sam's plan, asking for what only the participant decides. Each is FORBIDDEN by the
 * operation's own rule, so the trace must end on its declared permission.
 */
const REFUSALS: Record<string, Build> = {
  updateVision: (c) =>
    input('mutation M($input: UpdateVisionInput!) { updateVision(input: $input) { version } }', {
      participantId: it_(c, 'own').participantId,
      expectedVersion: 1,
      text: 'Not in their words',
    }),
  expressGoal: (c) =>
    input('mutation M($input: ExpressGoalInput!) { expressGoal(input: $input) { id } }', {
      participantId: it_(c, 'own').participantId,
      text: 'Not in their words',
      domain: 'OTHER',
    }),
  updateStrategy: (c) =>
    input('mutation M($input: UpdateStrategyInput!) { updateStrategy(input: $input) { id } }', {
      strategyId: it_(c, 'own').strategyId,
      expectedVersion: 1,
      checkInRhythm: 'DAILY',
    }),
  defineMetric: (c) =>
    input('mutation M($input: DefineMetricInput!) { defineMetric(input: $input) { id } }', {
      participantId: it_(c, 'own').participantId,
      kind: 'PARTICIPANT_DEFINED',
      name: 'Drinks',
      domain: 'OTHER',
      scale: 'NUMBER',
      better: 'LOWER',
      tracksSubstanceAmount: true,
    }),
  recordMeasurement: (c) =>
    input('mutation M($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }', {
      metricId: it_(c, 'own').metricId,
      value: 1,
      source: 'CLINICIAN',
    }),
  recordSetback: (c) =>
    input('mutation M($input: RecordSetbackInput!) { recordSetback(input: $input) { id } }', {
      participantId: it_(c, 'own').participantId,
    }),
  inviteToConference: (c) =>
    input('mutation M($input: InviteToConferenceInput!) { inviteToConference(input: $input) { id } }', {
      conferenceId: it_(c, 'own').conferenceId,
      accountId: c.supportAccountIds.own,
    }),
  setParticipantAttends: (c) =>
    input('mutation M($input: SetParticipantAttendsInput!) { setParticipantAttends(input: $input) { id } }', {
      conferenceId: it_(c, 'own').closedConferenceId,
      attends: false,
      expectedVersion: 1,
    }),
  addAgendaItem: (c) =>
    input('mutation M($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }', {
      conferenceId: it_(c, 'own').conferenceId,
      title: 'Not without them',
      notWithoutParticipant: true,
    }),
  moveAgendaItem: (c) =>
    input('mutation M($input: MoveAgendaItemInput!) { moveAgendaItem(input: $input) { id } }', {
      agendaItemId: it_(c, 'own').participantUpdateId,
      expectedVersion: 1,
    }),
  hideWin: (c) => q('mutation M($id: ID!) { hideWin(winId: $id) }', { id: it_(c, 'own').keptWinId }),
};

/**
 * Permissions whose own rule no call can be refused by, and why (the rule is still checked on
 * every call let through, which the matrix holds).
 */
const NEVER_REFUSED: Record<string, string> = {
  // SignInSetupPolicy.issueAwaitingApproval (rule 1: nobody mints a credential for their own
  // account) is defence in depth: the code is always for another account, here a support
  // person's created a moment before. (signInSetup.request is refused by its first rule, the
  // care team, so its own-account stage needs no entry.)
  'careTeam.inviteSupportPerson': 'the code is for the support person just created',
};

async function data<T>(
  gql: GraphQLTestClient,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  return gql.data<T>(query, variables, { token });
}

/** The permission a traced rule belongs to: `goal.update:state` is goal.update's; shared rules none. */
function permissionOfRule(rule: string): string | undefined {
  const permission = rule.split(':')[0];
  return (PERMISSION_NAMES as readonly string[]).includes(permission) ? permission : undefined;
}
const TABLED = new Set(AUTHORIZED_RULES.map(permissionOfRule).filter((name) => name !== undefined));

/**
 * What the trace says is wrong with one call: a permission checked that the operation does not
 * declare (its call site names another), or its own not checked although the caller was let
 * through, or refused by a permission rule other than its own (a dropped or misnamed authorize).
 */
function traceProblems(declared: string, checked: readonly string[], code: string): string[] {
  if (!TABLED.has(declared)) return [];
  const permissions = checked.map(permissionOfRule).filter((name) => name !== undefined);
  const problems = [...new Set(permissions.filter((permission) => permission !== declared))].map(
    (other) => `checked ${other}`,
  );
  if (!DENIALS.has(code) && !permissions.includes(declared)) problems.push(`allowed without checking ${declared}`);
  const last = checked.at(-1);
  if (code === 'FORBIDDEN' && last && permissionOfRule(last) && !permissions.includes(declared)) {
    problems.push(`refused by ${last}, not by ${declared}`);
  }
  return problems;
}

describe('authorization matrix: every role × every operation × own and other participant', () => {
  let t: TestApp;
  /** Operation name → its declared permission, from the running app's own metadata. */
  let permissionOf: Map<string, string | undefined>;
  /** Per permission with a rule: whether some call was let through, and refused, having checked it. */
  const traced = new Map<string, { allowed: number; refused: number }>();
  const sessions = {} as Record<Exclude<Role, 'anon'>, SignedIn>;
  const context = {} as Context;
  const schema = buildSchema(readFileSync('schema/schema.graphql', 'utf8'));
  const operations = [
    ...Object.keys(schema.getQueryType()!.getFields()),
    ...Object.keys(schema.getMutationType()!.getFields()),
  ];

  /** Builds the items an operation acts on, in a plan whose team is `writer`'s, with `participant` as the person. */
  async function items(participant: SignedIn, writer: SignedIn, clinician?: SignedIn): Promise<Items> {
    const participantId = participant.account.participantId!;
    const p = participant.accessToken;
    const w = writer.accessToken;
    const goal = await expressGoal(t.gql, p, { participantId, text: 'Matrix goal', domain: 'OTHER' });
    const propose = (text: string) =>
      data<{ proposeGoal: { id: string } }>(
        t.gql,
        w,
        'mutation M($input: ProposeGoalInput!) { proposeGoal(input: $input) { id } }',
        { input: { participantId, text, domain: 'OTHER' } },
      ).then((d) => d.proposeGoal.id);
    const written = await expressGoal(t.gql, w, {
      participantId,
      text: 'Written with them',
      domain: 'OTHER',
      writtenWithParticipant: true,
    });
    const step = await data<{ addStep: { id: string } }>(
      t.gql,
      p,
      'mutation M($input: AddStepInput!) { addStep(input: $input) { id } }',
      { input: { participantId, goalId: goal.id, text: 'Matrix step' } },
    );
    const strategy = await data<{ addStrategy: { id: string } }>(
      t.gql,
      p,
      'mutation M($input: AddStrategyInput!) { addStrategy(input: $input) { id } }',
      { input: { participantId, text: 'Matrix strategy' } },
    );
    const offer = await data<{ makeOffer: { id: string } }>(
      t.gql,
      w,
      'mutation M($input: MakeOfferInput!) { makeOffer(input: $input) { id } }',
      { input: { participantId, text: 'Matrix offer', kind: 'INFORMATION' } },
    );
    const metric = await data<{ defineMetric: { id: string } }>(
      t.gql,
      p,
      'mutation M($input: DefineMetricInput!) { defineMetric(input: $input) { id } }',
      {
        input: {
          participantId,
          kind: 'PARTICIPANT_DEFINED',
          name: 'Matrix metric',
          domain: 'OTHER',
          scale: 'NUMBER',
          better: 'HIGHER',
        },
      },
    );
    const clinical = await data<{ defineMetric: { id: string } }>(
      t.gql,
      w,
      'mutation M($input: DefineMetricInput!) { defineMetric(input: $input) { id } }',
      { input: { participantId, kind: 'CLINICAL', catalogueCode: 'NIGHTS_HOUSED' } },
    );
    const win = await data<{ proposeWin: { id: string } }>(
      t.gql,
      w,
      'mutation M($input: ProposeWinInput!) { proposeWin(input: $input) { id } }',
      { input: { participantId, text: 'Matrix win' } },
    );
    const abstinence = await expressGoal(t.gql, p, {
      participantId,
      text: 'Matrix abstinence',
      domain: 'SUBSTANCE_USE',
      options: ['ABSTINENCE'],
    });
    const setback = await data<{ recordSetback: { id: string } }>(
      t.gql,
      p,
      'mutation M($input: RecordSetbackInput!) { recordSetback(input: $input) { id } }',
      { input: { participantId, returnToUse: true, goalIds: [abstinence.id] } },
    );
    const grant = await data<{ grantVisibility: { id: string } }>(
      t.gql,
      p,
      'mutation M($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      { input: { participantId, label: 'HEALTH', discipline: 'HOUSING', endEvent: 'matrix end' } },
    );
    const member = await data<{ addCareTeamMember: { membershipId: string } }>(
      t.gql,
      w,
      'mutation M($input: AddCareTeamMemberInput!) { addCareTeamMember(input: $input) { membershipId } }',
      { input: { participantId, accountId: context.tempAccountId } },
    );
    const emergency = clinician
      ? (
          await data<{ requestEmergencyAccess: { id: string } }>(
            t.gql,
            clinician.accessToken,
            'mutation M($input: RequestEmergencyAccessInput!) { requestEmergencyAccess(input: $input) { id } }',
            { input: { participantId, reason: 'Matrix emergency reason' } },
          )
        ).requestEmergencyAccess.id
      : '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
    const conference = (title: string) =>
      data<{ scheduleConference: { id: string } }>(
        t.gql,
        w,
        'mutation M($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { id } }',
        {
          input: {
            participantId,
            title,
            scheduledFor: '2026-12-03T18:30:00Z',
            timeZone: 'America/Vancouver',
            participantAttends: false,
          },
        },
      ).then((d) => d.scheduleConference.id);
    const conferenceId = await conference('Matrix conference');
    const agenda = await data<{ addAgendaItem: { agenda: { id: string; kind: string }[] } }>(
      t.gql,
      w,
      'mutation M($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { agenda { id kind } } }',
      { input: { conferenceId, title: 'Matrix item' } },
    );
    const agendaItemId = agenda.addAgendaItem.agenda.find((item) => item.kind === 'TOPIC')!.id;
    const participantUpdateId = agenda.addAgendaItem.agenda.find((item) => item.kind === 'PARTICIPANT_UPDATE')!.id;
    const decision = await data<{ proposeDecision: { id: string } }>(
      t.gql,
      w,
      'mutation M($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id } }',
      { input: { agendaItemId, summary: 'Matrix decision to answer' } },
    );
    const closedConferenceId = await conference('Matrix closed conference');
    await data(t.gql, w, 'mutation M($input: ConferenceStepInput!) { closeConference(input: $input) { id } }', {
      input: { conferenceId: closedConferenceId, expectedVersion: 1 },
    });
    const response = await data<{ respondToConference: { responses: { id: string }[] } }>(
      t.gql,
      p,
      'mutation M($input: RespondToConferenceInput!) { respondToConference(input: $input) { responses { id } } }',
      { input: { conferenceId: closedConferenceId, kind: 'FEEDBACK', text: 'Matrix feedback to answer' } },
    );
    return {
      participantId,
      goalId: goal.id,
      proposalId: await propose('Matrix proposal'),
      declinableId: await propose('Matrix proposal to decline'),
      writtenGoalId: written.id,
      stepId: step.addStep.id,
      strategyId: strategy.addStrategy.id,
      offerId: offer.makeOffer.id,
      metricId: metric.defineMetric.id,
      clinicalMetricId: clinical.defineMetric.id,
      winId: win.proposeWin.id,
      keptWinId: (
        await data<{ proposeWin: { id: string } }>(
          t.gql,
          w,
          'mutation M($input: ProposeWinInput!) { proposeWin(input: $input) { id } }',
          { input: { participantId, text: 'Matrix win nobody hides' } },
        )
      ).proposeWin.id,
      setbackId: setback.recordSetback.id,
      grantId: grant.grantVisibility.id,
      membershipId: member.addCareTeamMember.membershipId,
      emergencyId: emergency,
      conferenceId,
      closableConferenceId: await conference('Matrix conference to close'),
      closedConferenceId,
      agendaItemId,
      participantUpdateId,
      decisionId: decision.proposeDecision.id,
      responseId: response.respondToConference.responses[0].id,
      externalSharingId: (
        await data<{ allowExternalSharing: { id: string } }>(
          t.gql,
          p,
          'mutation M($input: AllowExternalSharingInput!) { allowExternalSharing(input: $input) { id } }',
          { input: { participantId, label: 'GENERAL', endsAt: '2099-01-01T00:00:00.000Z' } },
        )
      ).allowExternalSharing.id,
    };
  }

  const identifierOf = (role: Exclude<Role, 'anon'>) =>
    role === 'sam' ? 'participant@demo.test' : role === 'jo' ? 'jo' : `${role}@demo.test`;
  async function signInEveryone(): Promise<void> {
    for (const role of SIGNED as Exclude<Role, 'anon'>[]) {
      if (role !== 'jo' || sessions.jo) sessions[role] = await signIn(t.gql, identifierOf(role));
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    await signInEveryone();
    context.housingAccountId = sessions.housing.account.id;

    // Staff accounts for this test: a spare team member, and Riley's own case manager.
    const newStaff = async (email: string, discipline: string) => {
      const { inviteStaff } = await data<{ inviteStaff: { account: { id: string }; invitation: { code: string } } }>(
        t.gql,
        sessions.admin.accessToken,
        'mutation I($input: InviteStaffInput!) { inviteStaff(input: $input) { account { id } invitation { code } } }',
        { input: { email, displayName: email, discipline, programRole: 'STAFF' } },
      );
      await t.gql.data(
        'mutation A($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { accessToken } }',
        { input: { code: inviteStaff.invitation.code, password: DEMO_PASSWORD } },
      );
      // Rule 1: a supervisor other than the inviting administrator confirms the person.
      await data(
        t.gql,
        sessions.supervisor.accessToken,
        'mutation C($input: AccountIdInput!) { confirmStaffAccount(input: $input) { id } }',
        { input: { accountId: inviteStaff.account.id } },
      );
      return signIn(t.gql, email);
    };
    const awaiting = await data<{ inviteStaff: { account: { id: string } } }>(
      t.gql,
      sessions.admin.accessToken,
      'mutation I($input: InviteStaffInput!) { inviteStaff(input: $input) { account { id } } }',
      { input: { email: 'awaiting@demo.test', displayName: 'Awaiting', discipline: 'NURSING', programRole: 'STAFF' } },
    );
    context.awaitingAccountId = awaiting.inviteStaff.account.id;
    context.tempAccountId = (await newStaff('spare@demo.test', 'NURSING')).account.id;
    const rileysWorker = await newStaff('riley-cm@demo.test', 'CASE_MANAGEMENT');

    // Riley: a participant none of the matrix roles works with.
    const riley = await data<{ createParticipant: { id: string } }>(
      t.gql,
      rileysWorker.accessToken,
      'mutation { createParticipant(input: { preferredName: "Riley" }) { id } }',
    );
    const code = await data<{ createSignInSetupCode: { id: string; code: string } }>(
      t.gql,
      rileysWorker.accessToken,
      'mutation C($input: CreateSignInSetupCodeInput!) { createSignInSetupCode(input: $input) { id code } }',
      { input: { participantId: riley.createParticipant.id } },
    );
    await approveSetupCode(t.gql, sessions.supervisor.accessToken, code.createSignInSetupCode.id);
    await t.gql.data(
      'mutation S($input: CompleteSignInSetupInput!) { completeSignInSetup(input: $input) { accessToken } }',
      { input: { code: code.createSignInSetupCode.code, username: 'riley', passphrase: DEMO_PASSWORD } },
    );
    const rileySession = await signIn(t.gql, 'riley');

    // Jo: a support person on Sam's team, granted nothing.
    const jo = await data<{ inviteSupportPerson: { setup: { code: string }; setupCodeId: string } }>(
      t.gql,
      sessions.sam.accessToken,
      'mutation I($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { setup { code } setupCodeId } }',
      { input: { participantId: sessions.sam.account.participantId, displayName: 'Jo' } },
    );
    await approveSetupCode(t.gql, sessions.cm.accessToken, jo.inviteSupportPerson.setupCodeId);
    await t.gql.data(
      'mutation S($input: CompleteSignInSetupInput!) { completeSignInSetup(input: $input) { accessToken } }',
      { input: { code: jo.inviteSupportPerson.setup.code, username: 'jo', passphrase: DEMO_PASSWORD } },
    );
    sessions.jo = await signIn(t.gql, 'jo');

    // A support person on each team (never signed in), and a set-up code waiting on each.
    const supportPerson = async (token: string, participantId: string, displayName: string) =>
      (
        await data<{ inviteSupportPerson: { member: { accountId: string } } }>(
          t.gql,
          token,
          'mutation I($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { member { accountId } } }',
          { input: { participantId, displayName } },
        )
      ).inviteSupportPerson.member.accountId;
    context.supportAccountIds = {
      own: await supportPerson(sessions.sam.accessToken, sessions.sam.account.participantId!, 'Kim'),
      other: await supportPerson(rileySession.accessToken, riley.createParticipant.id, 'Pat'),
    };
    const setupCode = async (token: string, participantId: string) =>
      (
        await data<{ createSignInSetupCode: { id: string } }>(
          t.gql,
          token,
          'mutation C($input: CreateSignInSetupCodeInput!) { createSignInSetupCode(input: $input) { id } }',
          { input: { participantId } },
        )
      ).createSignInSetupCode.id;
    context.setupCodeIds = {
      own: await setupCode(sessions.cm.accessToken, sessions.sam.account.participantId!),
      other: await setupCode(rileysWorker.accessToken, riley.createParticipant.id),
    };

    context.items = {
      own: await items(sessions.sam, sessions.cm, sessions.md),
      other: await items(rileySession, rileysWorker),
    };
    permissionOf = new Map(
      declaredOperations(t.app)
        .filter((operation) => operation.kind === 'Query' || operation.kind === 'Mutation')
        .map((operation) => [operation.name, operation.permission]),
    );
    // Generous: it builds two plans, confirms staff and hashes recovery codes on a shared CPU.
  }, 120_000);
  afterAll(() => t.close());

  it('lists every operation in the schema, and nothing else', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...operations].sort());
  });

  // Tied to the permission catalogue (docs/permissions.md): every row's operation declares a
  // permission, and a permission means one rule, so operations sharing it admit the same callers.
  it('every operation declares a permission, and operations sharing one are allowed to exactly the same callers', () => {
    expect(Object.keys(MATRIX).filter((operation) => !permissionOf.get(operation))).toEqual([]);
    const callers = (operation: string) =>
      `${operation} own=[${[...MATRIX[operation].own].sort()}] other=[${[...MATRIX[operation].other].sort()}]`;
    const sharing = new Map<string, string[]>();
    for (const operation of Object.keys(MATRIX)) {
      const permission = permissionOf.get(operation)!;
      sharing.set(permission, [...(sharing.get(permission) ?? []), operation]);
    }
    const disagreeing = [...sharing]
      .filter(([, shared]) => new Set(shared.map((operation) => callers(operation).replace(operation, ''))).size > 1)
      .map(([permission, shared]) => `${permission}: ${shared.map(callers).join(' ≠ ')}`);
    expect(disagreeing).toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s', async (operation) => {
    const row = MATRIX[operation];
    const observed: string[] = [];
    const expected: string[] = [];
    const declared = permissionOf.get(operation) ?? '';
    const wrongChecks: string[] = [];
    for (const target of ['own', 'other'] as const) {
      for (const role of ROLES) {
        let token: string | undefined;
        let checked: string[] = [];
        if (role !== 'anon') {
          const session = row.freshSession ? await signIn(t.gql, identifierOf(role)) : sessions[role];
          token = session.accessToken;
          context.refreshToken = session.refreshToken;
          context.accessToken = session.accessToken;
        } else if (row.freshSession) {
          context.accessToken = undefined;
          context.refreshToken = (await signIn(t.gql, 'peer@demo.test')).refreshToken;
        }
        const call = row.build(context, target, role);
        AuthorizationTrace.start();
        const response = await t.gql.request(call.query, call.variables ?? {}, { token }).finally(() => {
          checked = AuthorizationTrace.stop();
        });
        const code = String(response.errors?.[0]?.extensions?.code ?? 'OK');
        for (const problem of traceProblems(declared, checked, code)) {
          wrongChecks.push(
            `${operation} as ${role} on ${target} (${code}, checked [${checked.join(', ')}]): ${problem}`,
          );
        }
        if (TABLED.has(declared) && checked.some((rule) => permissionOfRule(rule) === declared)) {
          const counts = traced.get(declared) ?? { allowed: 0, refused: 0 };
          counts[DENIALS.has(code) ? 'refused' : 'allowed'] += 1;
          traced.set(declared, counts);
        }
        if (code === 'INTERNAL_SERVER_ERROR' || code === 'GRAPHQL_VALIDATION_FAILED') {
          throw new Error(`${operation} as ${role} on ${target}: ${JSON.stringify(response.errors)}`);
        }
        const allowed = (target === 'own' ? row.own : row.other).includes(role);
        observed.push(`${target}:${role}:${DENIALS.has(code) ? 'denied' : 'allowed'}`);
        expected.push(`${target}:${role}:${allowed ? 'allowed' : 'denied'}`);
      }
    }
    // Signing out everywhere also ended the shared sessions: start them again.
    if (row.freshSession) await signInEveryone();
    // Who is let through, and that the operation checks the permission it declares
    // (@Permission) and only that one: together, so a dropped check shows both ways.
    expect({ observed, wrongChecks }).toEqual({ observed: expected, wrongChecks: [] });
  });

  it.each(Object.keys(REFUSALS))('%s, refused by its own rule', async (operation) => {
    const call = REFUSALS[operation](context, 'own', 'cm');
    const declared = permissionOf.get(operation) ?? '';
    let checked: string[] = [];
    AuthorizationTrace.start();
    const response = await t.gql
      .request(call.query, call.variables ?? {}, { token: sessions.cm.accessToken })
      .finally(() => (checked = AuthorizationTrace.stop()));
    const code = String(response.errors?.[0]?.extensions?.code ?? 'OK');
    const counts = traced.get(declared) ?? { allowed: 0, refused: 0 };
    if (checked.some((rule) => permissionOfRule(rule) === declared)) counts.refused += 1;
    traced.set(declared, counts);
    expect({
      code,
      lastChecked: permissionOfRule(checked.at(-1) ?? ''),
      problems: traceProblems(declared, checked, code),
    }).toEqual({
      code: 'FORBIDDEN',
      lastChecked: declared,
      problems: [],
    });
  });

  it('every permission with a rule in authorize’s table was checked by an operation declaring it, letting someone through and refusing someone', () => {
    // GraphQL's permissions; those of socket events and exports are traced by
    // tests/e2e/authorization-trace-live.spec.ts, with a real socket and real HTTP requests.
    const declaredHere = new Set(permissionOf.values());
    const unchecked = [...TABLED]
      .filter((permission) => declaredHere.has(permission))
      .flatMap((permission) => {
        const counts = traced.get(permission) ?? { allowed: 0, refused: 0 };
        return [
          ...(counts.allowed ? [] : [`${permission}: never checked on a call it let through`]),
          ...(counts.refused || permission in NEVER_REFUSED ? [] : [`${permission}: never checked on a refusal`]),
        ];
      })
      .sort();
    expect(unchecked).toEqual([]);
  });
});
