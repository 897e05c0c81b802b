import { approveSetupCode, errorCode, signIn, startTestApp, type SignedIn, type TestApp } from '@roundtable/testing';

const INVITE = `mutation Invite($input: InviteStaffInput!) {
  inviteStaff(input: $input) { account { id status email } invitation { code expiresAt } }
}`;
const ACCEPT = `mutation Accept($input: AcceptStaffInvitationInput!) {
  acceptStaffInvitation(input: $input) { accessToken account { id status displayName } }
}`;
const SETUP_CODE =
  'mutation S($input: CreateSignInSetupCodeInput!) { createSignInSetupCode(input: $input) { id code expiresAt } }';
const DEACTIVATE = 'mutation D($input: DeactivateAccountInput!) { deactivateAccount(input: $input) { status } }';
const CONFIRM =
  'mutation C($input: AccountIdInput!) { confirmStaffAccount(input: $input) { id awaitingConfirmation } }';
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
      DEACTIVATE,
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
    const { createSignInSetupCode } = await t.gql.data<{ createSignInSetupCode: { id: string; code: string } }>(
      SETUP_CODE,
      { input: { participantId } },
      { token: caseManager.accessToken },
    );
    // Rule 1: a second staff member approves from their own session.
    const md = await signIn(t.gql, 'md@demo.test');
    await approveSetupCode(t.gql, md.accessToken, createSignInSetupCode.id);
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
    const supervisor = await signIn(t.gql, 'supervisor@demo.test');
    const { createSignInSetupCode } = await t.gql.data<{ createSignInSetupCode: { id: string; code: string } }>(
      SETUP_CODE,
      { input: { participantId } },
      { token: caseManager.accessToken },
    );
    await approveSetupCode(t.gql, supervisor.accessToken, createSignInSetupCode.id);
    const noUsername = await t.gql.request(COMPLETE_SETUP, {
      input: { code: createSignInSetupCode.code, passphrase: 'blue kettle garden' },
    });
    expect(noUsername.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.username' });

    const second = await t.gql.data<{ createSignInSetupCode: { id: string; code: string } }>(
      SETUP_CODE,
      { input: { participantId } },
      { token: caseManager.accessToken },
    );
    await approveSetupCode(t.gql, supervisor.accessToken, second.createSignInSetupCode.id);
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
  it('finding 4, account half: an administrator cannot mint an account and use it; a supervisor other than the inviter confirms', async () => {
    const { inviteStaff } = await invite('minted@demo.test');
    // The administrator accepts their own invitation code...
    const accepted = await t.gql.data<{ acceptStaffInvitation: { accessToken: string } }>(ACCEPT, {
      input: { code: inviteStaff.invitation.code, password: 'the admin knows this' },
    });
    const minted = accepted.acceptStaffInvitation.accessToken;
    // ...but the account cannot act at all, with a clear reason.
    for (const query of [
      ME,
      '{ caseload { teamRole } }',
      'mutation { createParticipant(input: { preferredName: "X" }) { id } }',
    ]) {
      const refused = await t.gql.request(query, {}, { token: minted });
      expect(refused.errors![0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'ACCOUNT_AWAITING_CONFIRMATION' });
    }
    const again = await signIn(t.gql, 'minted@demo.test', 'the admin knows this');
    expect(errorCode(await t.gql.request(ME, {}, { token: again.accessToken }))).toBe('FORBIDDEN');
    // Nobody can put it on a care team while it waits.
    const caseload = await t.gql.data<{ caseload: { participant: { id: string } }[] }>(
      '{ caseload { participant { id } } }',
      {},
      { token: caseManager.accessToken },
    );
    const participantId = caseload.caseload[0].participant.id;
    const added = await t.gql.request(
      'mutation A($input: AddCareTeamMemberInput!) { addCareTeamMember(input: $input) { membershipId } }',
      { input: { participantId, accountId: inviteStaff.account.id } },
      { token: caseManager.accessToken },
    );
    expect(added.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.accountId' });
    // The administrator and other staff cannot confirm it.
    expect(
      errorCode(
        await t.gql.request(CONFIRM, { input: { accountId: inviteStaff.account.id } }, { token: admin.accessToken }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await t.gql.request(
          CONFIRM,
          { input: { accountId: inviteStaff.account.id } },
          { token: caseManager.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');

    const supervisor = await signIn(t.gql, 'supervisor@demo.test');
    const waiting = await t.gql.data<{ staffAwaitingConfirmation: { id: string }[] }>(
      '{ staffAwaitingConfirmation { id } }',
      {},
      { token: supervisor.accessToken },
    );
    expect(waiting.staffAwaitingConfirmation.map((a) => a.id)).toContain(inviteStaff.account.id);
    const confirmed = await t.gql.data<{ confirmStaffAccount: { awaitingConfirmation: boolean } }>(
      CONFIRM,
      { input: { accountId: inviteStaff.account.id } },
      { token: supervisor.accessToken },
    );
    expect(confirmed.confirmStaffAccount.awaitingConfirmation).toBe(false);
    await t.gql.data(ME, {}, { token: minted });
    const twice = await t.gql.request(
      CONFIRM,
      { input: { accountId: inviteStaff.account.id } },
      { token: supervisor.accessToken },
    );
    expect(twice.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.accountId' });
  });

  it("deactivating a participant's sign-in needs their primary case manager or a supervisor, and a reason Sam sees", async () => {
    const sam = await signIn(t.gql, 'sam', 'river stone morning');
    const samAccount = sam.account.id;
    const housing = await signIn(t.gql, 'housing@demo.test');
    // Finding 12, account half: the administrator can no longer do it, nor a team member who is not their case manager.
    for (const [who, refused] of [
      ['admin', admin],
      ['housing', housing],
    ] as const) {
      const answer = await t.gql.request(
        DEACTIVATE,
        { input: { accountId: samAccount, reason: `${who} says so` } },
        { token: refused.accessToken },
      );
      expect({ who, code: errorCode(answer) }).toEqual({ who, code: 'FORBIDDEN' });
    }
    for (const reason of [undefined, '', '   ']) {
      const missing = await t.gql.request(
        DEACTIVATE,
        { input: { accountId: samAccount, reason } },
        { token: caseManager.accessToken },
      );
      expect(missing.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    }
    await t.gql.data(ME, {}, { token: sam.accessToken });

    const reason = 'Phone reported lost; we will set up a new sign-in together';
    const off = await t.gql.data<{ deactivateAccount: { status: string } }>(
      DEACTIVATE,
      { input: { accountId: samAccount, reason } },
      { token: caseManager.accessToken },
    );
    expect(off.deactivateAccount.status).toBe('DEACTIVATED');
    expect(errorCode(await t.gql.request(ME, {}, { token: sam.accessToken }))).toBe('UNAUTHENTICATED');

    const supervisor = await signIn(t.gql, 'supervisor@demo.test');
    await t.gql.data(
      'mutation D($input: AccountIdInput!) { reactivateAccount(input: $input) { status } }',
      { input: { accountId: samAccount } },
      { token: supervisor.accessToken },
    );
    const back = await signIn(t.gql, 'sam', 'river stone morning');
    const seen = await t.gql.data<{
      me: { deactivationReason: string };
      participant: { signIn: { status: string; deactivationReason: string } };
      accessLog: { edges: { node: { action: string; reason: string; actor: { displayName: string } } }[] };
    }>(
      `query S($id: ID!) {
        me { deactivationReason }
        participant(id: $id) { signIn { status deactivationReason } }
        accessLog(participantId: $id, first: 50) { edges { node { action reason actor { displayName } } } }
      }`,
      { id: back.account.participantId },
      { token: back.accessToken },
    );
    expect(seen.me.deactivationReason).toBe(reason);
    expect(seen.participant.signIn).toEqual({ status: 'ACTIVE', deactivationReason: reason });
    const logged = seen.accessLog.edges.find((edge) => edge.node.action === 'accountDeactivated')!.node;
    expect(logged.actor.displayName).toBe('Alex Rivera');
    expect(logged.reason).toContain(reason);
    expect(seen.accessLog.edges.map((edge) => edge.node.action)).toContain('accountReactivated');
  });
});
