import argon2 from 'argon2';
import {
  connectRealtime,
  DEMO_EMAILS,
  errorCode,
  LOGIN,
  signIn,
  startTestApp,
  type TestApp,
} from '@roundtable/testing';

const ME = '{ me { id displayName } }';
const REFRESH = 'mutation R($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }';

describe('sign-in, sessions and refresh-token rotation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it.each([...DEMO_EMAILS, 'sam'])('demo account %s signs in', async (identifier) => {
    const session = await signIn(t.gql, identifier);
    const me = await t.gql.data<{ me: { id: string } }>(ME, {}, { token: session.accessToken });
    expect(me.me.id).toBe(session.account.id);
  });

  it('accepts the identifier in any case and with surrounding spaces', async () => {
    await expect(signIn(t.gql, '  CM@Demo.Test ')).resolves.toBeTruthy();
  });

  it('answers an unknown identifier exactly like a wrong password, after the same argon2 verification', async () => {
    const verify = jest.spyOn(argon2, 'verify');
    try {
      const address = { 'x-forwarded-for': '203.0.113.50' };
      const wrongPassword = await t.gql.request(
        LOGIN,
        { identifier: 'cm@demo.test', password: 'not-the-password' },
        { headers: address },
      );
      expect(verify).toHaveBeenCalledTimes(1);
      const unknown = await t.gql.request(
        LOGIN,
        { identifier: 'nobody@demo.test', password: 'not-the-password' },
        { headers: address },
      );
      expect(verify).toHaveBeenCalledTimes(2);
      expect(unknown.errors).toEqual(wrongPassword.errors);
      expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
      expect(unknown.data).toEqual(wrongPassword.data);
    } finally {
      verify.mockRestore();
    }
  });

  it('refuses a malformed identifier with BAD_USER_INPUT', async () => {
    const response = await t.gql.request(LOGIN, { identifier: ' ', password: 'x' });
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'identifier' });
  });

  it('rotates refresh tokens; reusing an old one ends the whole sign-in', async () => {
    const first = await signIn(t.gql, 'md@demo.test');
    const rotated = (
      await t.gql.data<{ refresh: { accessToken: string; refreshToken: string } }>(REFRESH, { t: first.refreshToken })
    ).refresh;
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect((await t.gql.request(ME, {}, { token: rotated.accessToken })).data).toBeTruthy();

    const reuse = await t.gql.request(REFRESH, { t: first.refreshToken });
    expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
    // The family is revoked: the newer tokens stop working too.
    expect(errorCode(await t.gql.request(REFRESH, { t: rotated.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql.request(ME, {}, { token: rotated.accessToken }))).toBe('UNAUTHENTICATED');
    // Other sign-ins of the same account are untouched.
    const other = await signIn(t.gql, 'md@demo.test');
    expect((await t.gql.request(ME, {}, { token: other.accessToken })).data).toBeTruthy();
  });

  it('refuses garbage refresh tokens the same way', async () => {
    for (const token of [
      '',
      'abc',
      '00000000-0000-0000-0000-000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(errorCode(await t.gql.request(REFRESH, { t: token }))).toBe('UNAUTHENTICATED');
    }
  });

  it('logout ends this sign-in only; logoutEverywhere ends all of them', async () => {
    const a = await signIn(t.gql, 'peer@demo.test');
    const b = await signIn(t.gql, 'peer@demo.test');
    await t.gql.data('mutation { logout }', {}, { token: a.accessToken });
    expect(errorCode(await t.gql.request(ME, {}, { token: a.accessToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql.request(REFRESH, { t: a.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await t.gql.request(ME, {}, { token: b.accessToken })).data).toBeTruthy();

    const c = await signIn(t.gql, 'peer@demo.test');
    await t.gql.data('mutation { logoutEverywhere }', {}, { token: c.accessToken });
    for (const session of [b, c]) {
      expect(errorCode(await t.gql.request(ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql.request(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    }
  });

  it('expires access tokens by the clock, and refresh still works', async () => {
    const session = await signIn(t.gql, 'housing@demo.test');
    // Used once first, so the expiry is judged on a token the server has already verified.
    expect((await t.gql.request(ME, {}, { token: session.accessToken })).data).toBeTruthy();
    t.clock.advance((t.config.ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    expect(errorCode(await t.gql.request(ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
    const rotated = await t.gql.data<{ refresh: { accessToken: string } }>(REFRESH, { t: session.refreshToken });
    expect((await t.gql.request(ME, {}, { token: rotated.refresh.accessToken })).data).toBeTruthy();
  });

  it('refuses tokens signed with another secret or tampered with', async () => {
    const session = await signIn(t.gql, 'cm@demo.test');
    expect((await t.gql.request(ME, {}, { token: session.accessToken })).data).toBeTruthy();
    const [header, payload, signature] = session.accessToken.split('.');
    const tampered = `${header}.${payload}.${signature.slice(0, -2)}AA`;
    expect(errorCode(await t.gql.request(ME, {}, { token: tampered }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql.request(ME, {}, { headers: { authorization: 'Basic abc' } }))).toBe('UNAUTHENTICATED');
  });

  it('an invited account awaiting confirmation signs in but can act nowhere until a supervisor confirms it', async () => {
    const admin = await signIn(t.gql, 'admin@demo.test');
    const invited = await t.gql.data<{ inviteStaff: { account: { id: string }; invitation: { code: string } } }>(
      'mutation I($input: InviteStaffInput!) { inviteStaff(input: $input) { account { id } invitation { code } } }',
      { input: { email: 'waiting@demo.test', displayName: 'Waiting', discipline: 'NURSING', programRole: 'STAFF' } },
      { token: admin.accessToken },
    );
    await t.gql.data(
      'mutation A($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { accessToken } }',
      { input: { code: invited.inviteStaff.invitation.code, password: 'waiting for my supervisor' } },
    );
    const session = await signIn(t.gql, 'waiting@demo.test', 'waiting for my supervisor');
    const refused = await t.gql.request(ME, {}, { token: session.accessToken });
    expect(refused.errors![0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'ACCOUNT_AWAITING_CONFIRMATION' });
    await expect(connectRealtime(t.url, session.accessToken)).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });

    const supervisor = await signIn(t.gql, 'supervisor@demo.test');
    await t.gql.data(
      'mutation C($input: AccountIdInput!) { confirmStaffAccount(input: $input) { id } }',
      { input: { accountId: invited.inviteStaff.account.id } },
      { token: supervisor.accessToken },
    );
    await t.gql.data(ME, {}, { token: session.accessToken });
    const socket = await connectRealtime(t.url, session.accessToken);
    socket.disconnect();
  });
});

describe('sign-in rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      seedDemo: true,
      env: {
        TRUST_PROXY: 'true',
        LOGIN_RATE_LIMIT_PER_ACCOUNT: '3',
        LOGIN_RATE_LIMIT_PER_ADDRESS: '8',
        LOGIN_RATE_LIMIT_WINDOW_SECONDS: '60',
      },
    });
  });
  afterAll(() => t.close());

  const from = (address: string) => ({ 'x-forwarded-for': address });
  const attempt = (identifier: string, password: string, address: string) =>
    t.gql.request(LOGIN, { identifier, password }, { headers: from(address) });

  it('limits failures per account and address, without locking the person out elsewhere or for long', async () => {
    for (let i = 0; i < 3; i++)
      expect(errorCode(await attempt('cm@demo.test', 'wrong-password', '198.51.100.1'))).toBe('UNAUTHENTICATED');
    const limited = await attempt('cm@demo.test', 'roundtable-demo', '198.51.100.1');
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0].extensions!.retryAfterSeconds).toBe(60);

    // The person themselves, from their own device, still gets in.
    await expect(signIn(t.gql, 'cm@demo.test', 'roundtable-demo', from('198.51.100.2'))).resolves.toBeTruthy();

    // The lock-out ends with the window (injectable clock, no sleeping).
    t.clock.advance(61_000);
    await expect(signIn(t.gql, 'cm@demo.test', 'roundtable-demo', from('198.51.100.1'))).resolves.toBeTruthy();
  });

  it('limits unknown identifiers exactly like known ones', async () => {
    for (let i = 0; i < 3; i++) await attempt('ghost@demo.test', 'wrong-password', '198.51.100.3');
    expect(errorCode(await attempt('ghost@demo.test', 'wrong-password', '198.51.100.3'))).toBe('RATE_LIMITED');
  });

  it('limits failures from one address across accounts, but not successful sign-ins', async () => {
    const address = '198.51.100.4';
    for (let i = 0; i < 10; i++) await signIn(t.gql, 'housing@demo.test', 'roundtable-demo', from(address));
    const identifiers = [
      'a@x.test',
      'b@x.test',
      'c@x.test',
      'd@x.test',
      'e@x.test',
      'f@x.test',
      'g@x.test',
      'h@x.test',
    ];
    for (const identifier of identifiers)
      expect(errorCode(await attempt(identifier, 'wrong-password', address))).toBe('UNAUTHENTICATED');
    expect(errorCode(await attempt('md@demo.test', 'roundtable-demo', address))).toBe('RATE_LIMITED');
  });

  it('guesses sent all at once get no more checks than the limit: the attempt is counted before the passphrase is checked', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt('peer@demo.test', `guess ${i}`, '198.51.100.40')),
    );
    const codes = burst.map((answer) => errorCode(answer));
    // Limit 3 per account and address: at most three guesses are checked (fewer when the burst's
    // rows all land before any is counted); every other one is refused unchecked.
    const checked = codes.filter((code) => code === 'UNAUTHENTICATED').length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(12 - checked);
    // Refused attempts checked nothing and are not counted, so guesses one after another get
    // exactly the rest of the limit: never more than three checks in the window in all.
    let after = 0;
    while (
      after < 5 &&
      errorCode(await attempt('peer@demo.test', `later ${after}`, '198.51.100.40')) === 'UNAUTHENTICATED'
    )
      after++;
    expect(checked + after).toBe(3);
    expect(errorCode(await attempt('peer@demo.test', 'roundtable-demo', '198.51.100.40'))).toBe('RATE_LIMITED');
  });
});
