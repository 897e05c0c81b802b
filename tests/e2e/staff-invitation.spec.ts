import { errorCode, inviteStaffMember, signIn, startTestApp, type SignedIn, type TestApp } from '@roundtable/testing';

const INVITE = `mutation Invite($input: InviteStaffInput!) {
  inviteStaff(input: $input) { account { id email status } invitation { code expiresAt } }
}`;
const ACCEPT = `mutation Accept($input: AcceptStaffInvitationInput!) {
  acceptStaffInvitation(input: $input) { accessToken refreshToken account { id awaitingConfirmation } }
}`;
const DAY = 86_400_000;

interface Invited {
  inviteStaff: { account: { id: string; email: string; status: string }; invitation: { code: string } };
}
interface Accepted {
  acceptStaffInvitation: { accessToken: string; refreshToken: string; account: { id: string } };
}

describe('staff invitations: a lost answer can be asked for again, and codes cannot be guessed at', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  });
  beforeEach(async () => {
    // Each test starts a fresh throttle window, and fresh tokens after the clock moved.
    t.clock.advance((t.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS + 1) * 1000);
    admin = await signIn(t.gql, 'admin@demo.test');
  });
  afterAll(() => t.close());

  const person = (email: string) => ({
    email,
    displayName: 'Jordan Reyes',
    discipline: 'NURSING',
    programRole: 'STAFF',
  });
  const invite = (input: Record<string, unknown>, token = admin.accessToken) =>
    t.gql.request<Invited>(INVITE, { input }, { token });
  const accept = (code: string, password = 'a long new password') =>
    t.gql.request<Accepted>(ACCEPT, { input: { code, password } });

  it('the same administrator retrying with the same key gets the same account and a code that replaces the lost one', async () => {
    const input = { ...person('retry@demo.test'), idempotencyKey: 'invite-retry-0001' };
    const first = (await invite(input)).data!.inviteStaff;
    const retries = [(await invite(input)).data!.inviteStaff, (await invite(input)).data!.inviteStaff];
    for (const retry of retries) expect(retry.account).toEqual(first.account);
    // Codes are kept only hashed: the lost answer's code cannot be shown again, so each
    // answer carries a fresh one and only the latest works (never one code handed out twice).
    const codes = [first, ...retries].map((answer) => answer.invitation.code);
    expect(new Set(codes).size).toBe(3);
    const { programAccounts } = await t.gql.data<{ programAccounts: { email: string }[] }>(
      '{ programAccounts { email } }',
      {},
      { token: admin.accessToken },
    );
    expect(programAccounts.filter((account) => account.email === 'retry@demo.test')).toHaveLength(1);

    expect(errorCode(await accept(codes[0]))).toBe('BAD_USER_INPUT');
    expect(errorCode(await accept(codes[1]))).toBe('BAD_USER_INPUT');
    expect((await accept(codes[2])).errors).toBeUndefined();

    // Accepted: nothing is left to hand over, and no code is made.
    const late = await invite(input);
    expect(late.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    expect(late.data).toBeNull();
  });

  it('the key binds to its first input, and another administrator with the same key gets nothing of the first', async () => {
    const input = { ...person('bound@demo.test'), idempotencyKey: 'invite-bound-0001' };
    const first = (await invite(input)).data!.inviteStaff;
    const other = await invite({ ...input, email: 'someone-else@demo.test' });
    expect(other.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });

    // Keys are per actor: a second administrator's same key is a new request of theirs,
    // refused because the email has an account, and it never sees the first answer.
    const second = await inviteStaffMember(t.gql, admin.accessToken, {
      email: 'second-admin@demo.test',
      discipline: 'NURSING',
      programRole: 'ADMINISTRATOR',
    });
    const theirs = await invite(input, second.accessToken);
    expect(theirs.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.email' });
    expect(JSON.stringify(theirs)).not.toContain(first.account.id);
  });

  it('unknown, used and expired codes answer alike, and guesses are throttled with failed sign-ins', async () => {
    const expiring = (await invite(person('expiring@demo.test'))).data!.inviteStaff;
    const used = (await invite(person('used@demo.test'))).data!.inviteStaff;
    expect((await accept(used.invitation.code)).errors).toBeUndefined();
    t.clock.advance((t.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS + 1) * 1000);

    const answers = [await accept('AAAA-BBBB-CCCC'), await accept(used.invitation.code)];
    t.clock.advance(8 * DAY);
    answers.push(await accept(expiring.invitation.code));
    // Rule 11: one error, one message, one field, whether the code ever existed or not.
    for (const answer of answers) expect(answer.errors![0]).toEqual(answers[0].errors![0]);
    expect(answers[0].errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.code' });

    // A fresh window: wrong guesses count against this address only (a code names no account,
    // so more than a person's limit of them locks no one else at the address out), and once the
    // address's limit is used up even the right code waits.
    t.clock.advance((t.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS + 1) * 1000);
    const fresh = (
      await invite(person('guessed-again@demo.test'), (await signIn(t.gql, 'admin@demo.test')).accessToken)
    ).data!.inviteStaff;
    expect(t.config.LOGIN_RATE_LIMIT_PER_ADDRESS).toBeGreaterThan(t.config.LOGIN_RATE_LIMIT_PER_ACCOUNT);
    for (let i = 0; i < t.config.LOGIN_RATE_LIMIT_PER_ADDRESS; i += 1) {
      expect(errorCode(await accept(`ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '0')}`))).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await accept(fresh.invitation.code))).toBe('RATE_LIMITED');
    t.clock.advance((t.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS + 1) * 1000);
    // The refused attempt checked nothing, so it did not spend the code.
    expect((await accept(fresh.invitation.code)).errors).toBeUndefined();
  });

  it('an account awaiting confirmation can sign out, and nothing else, in the same request or any other', async () => {
    const { inviteStaff } = (await invite(person('waiting@demo.test'))).data!;
    const accepted = (await accept(inviteStaff.invitation.code)).data!.acceptStaffInvitation;
    const token = { token: accepted.accessToken };
    expect(errorCode(await t.gql.request('{ me { id } }', {}, token))).toBe('FORBIDDEN');
    expect((await t.gql.request('mutation { logout }', {}, token)).data).toEqual({ logout: true });
    expect(errorCode(await t.gql.request('{ me { id } }', {}, token))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(
        await t.gql.request('mutation R($t: String!) { refresh(refreshToken: $t) { accessToken } }', {
          t: accepted.refreshToken,
        }),
      ),
    ).toBe('UNAUTHENTICATED');

    // Signing out is allowed alone: a field beside it is still refused with the reason.
    const again = await signIn(t.gql, 'waiting@demo.test', 'a long new password');
    const mixed = await t.gql.request(
      'mutation { logout createParticipant(input: { preferredName: "X" }) { id } }',
      {},
      {
        token: again.accessToken,
      },
    );
    expect(mixed.errors!.map((error) => error.extensions)).toContainEqual({
      code: 'FORBIDDEN',
      reason: 'ACCOUNT_AWAITING_CONFIRMATION',
    });
    expect(JSON.stringify(mixed.data)).not.toContain('"id"');
  });
});
