import { errorCode, signIn, startTestApp, type SignedIn, type TestApp } from '@roundtable/testing';

const INVITE = `mutation Invite($input: InviteStaffInput!) {
  inviteStaff(input: $input) { account { id status email } invitation { code expiresAt } }
}`;
const ACCEPT = `mutation Accept($input: AcceptStaffInvitationInput!) {
  acceptStaffInvitation(input: $input) { accessToken account { id status displayName } }
}`;
const SETUP_CODE =
  'mutation S($input: ParticipantIdInput!) { createSignInSetupCode(input: $input) { code expiresAt } }';
const COMPLETE_SETUP = `mutation C($input: CompleteSignInSetupInput!) {
  completeSignInSetup(input: $input) { accessToken refreshToken account { username participantId } }
}`;
const ME = '{ me { id status } }';
const DAY = 86_400_000;

describe('account lifecycle without an email service', () => {
  let t: TestApp;
  let admin: SignedIn;
  let caseManager: SignedIn;
  let participant: SignedIn;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  });
  // Fresh sign-ins each time: some tests move the clock past the access-token lifetime.
  beforeEach(async () => {
    admin = await signIn(t.gql, 'admin@demo.test');
    caseManager = await signIn(t.gql, 'cm@demo.test');
  });
  afterAll(() => t.close());

  const invite = (email: string) =>
    t.gql.data<{ inviteStaff: { account: { id: string; status: string }; invitation: { code: string } } }>(
      INVITE,
      { input: { email, displayName: 'Casey Morgan', discipline: 'NURSING', programRole: 'STAFF' } },
      { token: admin.accessToken },
    );

  it('an administrator invites staff; the invitation code works once', async () => {
    const { inviteStaff } = await invite('nurse@demo.test');
    expect(inviteStaff.account.status).toBe('PENDING');
    expect(inviteStaff.invitation.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // Typed by hand: lower case and without dashes still works.
    const typed = inviteStaff.invitation.code.toLowerCase().replaceAll('-', ' ');
    const accepted = await t.gql.data<{ acceptStaffInvitation: { account: { status: string } } }>(ACCEPT, {
      input: { code: typed, password: 'a long new password' },
    });
    expect(accepted.acceptStaffInvitation.account.status).toBe('ACTIVE');
    await expect(signIn(t.gql, 'nurse@demo.test', 'a long new password')).resolves.toBeTruthy();

    const again = await t.gql.request(ACCEPT, {
      input: { code: inviteStaff.invitation.code, password: 'another long password' },
    });
    expect(again.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.code' });
    await expect(signIn(t.gql, 'nurse@demo.test', 'a long new password')).resolves.toBeTruthy();
  });

  it('an invitation code expires', async () => {
    const { inviteStaff } = await invite('late@demo.test');
    t.clock.advance(8 * DAY);
    const late = await t.gql.request(ACCEPT, {
      input: { code: inviteStaff.invitation.code, password: 'a long new password' },
    });
    expect(errorCode(late)).toBe('BAD_USER_INPUT');
  });

  it('only administrators invite staff, and refuse short passwords', async () => {
    const byStaff = await t.gql.request(
      INVITE,
      { input: { email: 'x@demo.test', displayName: 'X', discipline: 'NURSING', programRole: 'STAFF' } },
      { token: caseManager.accessToken },
    );
    expect(errorCode(byStaff)).toBe('FORBIDDEN');
    const short = await t.gql.request(ACCEPT, { input: { code: 'AAAA-BBBB-CCCC', password: 'short' } });
    expect(short.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.password' });
  });

  it('deactivation cuts access at once: tokens, refresh and sign-in all stop', async () => {
    const peer = await signIn(t.gql, 'peer@demo.test');
    await t.gql.data(ME, {}, { token: peer.accessToken });
    const deactivated = await t.gql.data<{ deactivateAccount: { status: string } }>(
      'mutation D($input: AccountIdInput!) { deactivateAccount(input: $input) { status } }',
      { input: { accountId: peer.account.id } },
      { token: admin.accessToken },
    );
    expect(deactivated.deactivateAccount.status).toBe('DEACTIVATED');

    expect(errorCode(await t.gql.request(ME, {}, { token: peer.accessToken }))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(
        await t.gql.request('mutation R($t: String!) { refresh(refreshToken: $t) { accessToken } }', {
          t: peer.refreshToken,
        }),
      ),
    ).toBe('UNAUTHENTICATED');
    const login = await t.gql.request(
      'mutation { login(identifier: "peer@demo.test", password: "roundtable-demo") { accessToken } }',
    );
    const unknown = await t.gql.request(
      'mutation { login(identifier: "nobody@demo.test", password: "roundtable-demo") { accessToken } }',
    );
    expect(login.errors).toEqual(unknown.errors);

    await t.gql.data(
      'mutation D($input: AccountIdInput!) { reactivateAccount(input: $input) { status } }',
      { input: { accountId: peer.account.id } },
      { token: admin.accessToken },
    );
    await expect(signIn(t.gql, 'peer@demo.test')).resolves.toBeTruthy();
  });

  it('a team member sets up a participant sign-in reset with a one-time code; old sign-ins end', async () => {
    participant = await signIn(t.gql, 'participant@demo.test');
    const participantId = participant.account.participantId!;
    const { createSignInSetupCode } = await t.gql.data<{ createSignInSetupCode: { code: string } }>(
      SETUP_CODE,
      { input: { participantId } },
      { token: caseManager.accessToken },
    );
    const done = await t.gql.data<{ completeSignInSetup: { account: { username: string; participantId: string } } }>(
      COMPLETE_SETUP,
      {
        input: { code: createSignInSetupCode.code, passphrase: 'river stone morning' },
      },
    );
    expect(done.completeSignInSetup.account).toEqual({ username: 'sam', participantId });
    expect(errorCode(await t.gql.request(ME, {}, { token: participant.accessToken }))).toBe('UNAUTHENTICATED');
    await expect(signIn(t.gql, 'sam', 'river stone morning')).resolves.toBeTruthy();
    await expect(signIn(t.gql, 'sam', 'roundtable-demo').catch(() => 'refused')).resolves.toBe('refused');

    const reuse = await t.gql.request(COMPLETE_SETUP, {
      input: { code: createSignInSetupCode.code, passphrase: 'another passphrase here' },
    });
    expect(errorCode(reuse)).toBe('BAD_USER_INPUT');
  });

  it('a new participant signs in with a username and passphrase, no email', async () => {
    const created = await t.gql.data<{ createParticipant: { id: string } }>(
      'mutation P($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }',
      { input: { preferredName: 'Riley', pronouns: 'she/her' } },
      { token: caseManager.accessToken },
    );
    const participantId = created.createParticipant.id;
    const { createSignInSetupCode } = await t.gql.data<{ createSignInSetupCode: { code: string } }>(
      SETUP_CODE,
      { input: { participantId } },
      { token: caseManager.accessToken },
    );
    const noUsername = await t.gql.request(COMPLETE_SETUP, {
      input: { code: createSignInSetupCode.code, passphrase: 'blue kettle garden' },
    });
    expect(noUsername.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.username' });

    const second = await t.gql.data<{ createSignInSetupCode: { code: string } }>(
      SETUP_CODE,
      { input: { participantId } },
      { token: caseManager.accessToken },
    );
    // A newer code replaces the earlier one.
    const stale = await t.gql.request(COMPLETE_SETUP, {
      input: { code: createSignInSetupCode.code, username: 'riley', passphrase: 'blue kettle garden' },
    });
    expect(errorCode(stale)).toBe('BAD_USER_INPUT');
    await t.gql.data(COMPLETE_SETUP, {
      input: { code: second.createSignInSetupCode.code, username: 'Riley', passphrase: 'blue kettle garden' },
    });
    const riley = await signIn(t.gql, 'riley', 'blue kettle garden');
    expect(riley.account.participantId).toBe(participantId);
  });

  it('staff not on the team cannot set up a participant sign-in', async () => {
    const supervisor = await signIn(t.gql, 'supervisor@demo.test');
    const response = await t.gql.request(
      SETUP_CODE,
      { input: { participantId: participant.account.participantId } },
      { token: supervisor.accessToken },
    );
    expect(errorCode(response)).toBe('NOT_FOUND');
  });
});
