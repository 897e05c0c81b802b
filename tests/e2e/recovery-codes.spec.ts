import {
  approvedSetupCode,
  COMPLETE_SETUP,
  errorCode,
  signIn,
  startDemoApp,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/**
 * PRODUCT.md rule 1: at set-up the participant keeps recovery codes (printed or written
 * down) for a later reset without staff. Each works once, the reset ends every other
 * sign-in, is throttled like login and shows in the participant's access log.
 */
const RESET = `mutation R($input: ResetPassphraseWithRecoveryCodeInput!) {
  resetPassphraseWithRecoveryCode(input: $input) { accessToken account { username participantId } }
}`;
const REGENERATE = 'mutation G($input: RegenerateRecoveryCodesInput!) { regenerateRecoveryCodes(input: $input) }';
const ME = '{ me { id } }';

describe('recovery codes: a passphrase reset without staff (rule 1)', () => {
  let t: TestApp, as: Record<string, SignedIn>, samId: string;
  let codes: string[];
  let passphrase = 'first chosen passphrase';

  beforeAll(async () => {
    // A high per-account limit here; the throttle test below uses its own app.
    const env = { LOGIN_RATE_LIMIT_PER_ACCOUNT: '50' };
    ({ t, as, participantId: samId } = await startDemoApp(['cm', 'md', 'sam'], { env }));
    const code = await approvedSetupCode(t.gql, as.cm.accessToken, as.md.accessToken, samId);
    const done = await t.gql.data<{ completeSignInSetup: { recoveryCodes: string[] } }>(COMPLETE_SETUP, {
      input: { code, passphrase },
    });
    codes = done.completeSignInSetup.recoveryCodes;
    // Generous: argon2 for the sign-ins and eight recovery codes, on a shared CPU.
  }, 120_000);
  afterAll(() => t.close());

  const reset = (recoveryCode: string, newPassphrase: string, username = 'sam') =>
    t.gql.request<{ resetPassphraseWithRecoveryCode: { accessToken: string } }>(RESET, {
      input: { username, recoveryCode, newPassphrase },
    });

  it('gives eight distinct codes, stored only as argon2 hashes', async () => {
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const rows = await client.query<{ secret_hash: string }>(
        'SELECT secret_hash FROM recovery_code WHERE used_at IS NULL AND revoked_at IS NULL',
      );
      expect(rows.rows).toHaveLength(8);
      for (const row of rows.rows) {
        expect(row.secret_hash.startsWith('$argon2id$')).toBe(true);
        for (const code of codes) expect(row.secret_hash).not.toContain(code.replaceAll('-', ''));
      }
    } finally {
      await client.end();
    }
  });

  it('resets the passphrase once per code, ends other sign-ins, and tells Sam', async () => {
    const before = await signIn(t.gql, 'sam', passphrase);
    const done = await reset(codes[0].toLowerCase(), 'passphrase after recovery');
    expect(done.errors).toBeUndefined();
    passphrase = 'passphrase after recovery';
    expect(errorCode(await t.gql.request(ME, {}, { token: before.accessToken }))).toBe('UNAUTHENTICATED');
    await t.gql.data(ME, {}, { token: done.data!.resetPassphraseWithRecoveryCode.accessToken });
    await expect(signIn(t.gql, 'sam', passphrase)).resolves.toBeTruthy();

    // The same code again answers exactly like a made-up code or an unknown username.
    const twice = await reset(codes[0], 'someone else tries');
    const madeUp = await reset('ZZZZ-ZZZZ-ZZZZ', 'someone else tries');
    const nobody = await reset(codes[1], 'someone else tries', 'nobody-here');
    expect(errorCode(twice)).toBe('UNAUTHENTICATED');
    expect(twice.errors).toEqual(madeUp.errors);
    expect(twice.errors).toEqual(nobody.errors);
    await expect(signIn(t.gql, 'sam', passphrase)).resolves.toBeTruthy();

    const sam = await signIn(t.gql, 'sam', passphrase);
    const log = await t.gql.data<{ accessLog: { edges: { node: { action: string; reason: string | null } }[] } }>(
      'query L($id: ID!) { accessLog(participantId: $id, first: 50) { edges { node { action reason } } } }',
      { id: samId },
      { token: sam.accessToken },
    );
    const row = log.accessLog.edges.find((edge) => edge.node.action === 'passphraseResetWithRecoveryCode')!.node;
    expect(row.reason).toContain('recovery code');
    expect(row.reason).toContain('7 recovery codes left');
  });

  it('regenerating asks for the passphrase and retires every earlier code', async () => {
    const sam = await signIn(t.gql, 'sam', passphrase);
    const wrong = await t.gql.request(
      REGENERATE,
      { input: { passphrase: 'not my passphrase' } },
      { token: sam.accessToken },
    );
    expect(wrong.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.passphrase' });
    const fresh = await t.gql.data<{ regenerateRecoveryCodes: string[] }>(
      REGENERATE,
      { input: { passphrase } },
      { token: sam.accessToken },
    );
    expect(fresh.regenerateRecoveryCodes).toHaveLength(8);
    expect(errorCode(await reset(codes[3], 'old code after regenerate'))).toBe('UNAUTHENTICATED');
    expect((await reset(fresh.regenerateRecoveryCodes[0], 'new code after regenerate')).errors).toBeUndefined();
    passphrase = 'new code after regenerate';
    // Staff have no recovery codes: their accounts are managed by an administrator.
    const staff = await t.gql.request(
      REGENERATE,
      { input: { passphrase: 'roundtable-demo' } },
      { token: as.cm.accessToken },
    );
    expect(errorCode(staff)).toBe('FORBIDDEN');
    codes = fresh.regenerateRecoveryCodes;
  });

  it('a deactivated sign-in cannot be brought back with a recovery code', async () => {
    const sam = await signIn(t.gql, 'sam', passphrase);
    const cm = await signIn(t.gql, 'cm@demo.test');
    await t.gql.data(
      'mutation D($input: DeactivateAccountInput!) { deactivateAccount(input: $input) { status } }',
      { input: { accountId: sam.account.id, reason: 'Testing that recovery respects deactivation' } },
      { token: cm.accessToken },
    );
    expect(errorCode(await reset(codes[1], 'sneaking back in'))).toBe('UNAUTHENTICATED');
    await t.gql.data(
      'mutation R($input: AccountIdInput!) { reactivateAccount(input: $input) { status } }',
      { input: { accountId: sam.account.id } },
      { token: cm.accessToken },
    );
    // The refused attempt did not spend the code.
    expect((await reset(codes[1], 'back after reactivation')).errors).toBeUndefined();
  });
});

describe('recovery codes are throttled like login', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  }, 120_000);
  afterAll(() => t.close());

  it('repeated wrong codes answer RATE_LIMITED, and count with failed sign-ins', async () => {
    const limit = t.config.LOGIN_RATE_LIMIT_PER_ACCOUNT;
    const attempt = () =>
      t.gql.request(RESET, {
        input: { username: 'sam', recoveryCode: 'AAAA-BBBB-CCCC', newPassphrase: 'guessing passphrase' },
      });
    // One failed login and limit-1 wrong codes use up the same allowance.
    await t.gql.request('mutation { login(identifier: "sam", password: "wrong wrong wrong") { accessToken } }');
    for (let i = 1; i < limit; i++) expect(errorCode(await attempt())).toBe('UNAUTHENTICATED');
    expect(errorCode(await attempt())).toBe('RATE_LIMITED');
  });
});
