import { loadConfig, ManualClock } from '@roundtable/platform';
import { AccessTokenService } from './access-token.service';

/**
 * Access tokens: a verified token is remembered (issue 18), so these hold the remembered
 * path to the same answers as a first verification: expiry by the clock to the second, and
 * nothing but the exact signed bytes.
 */
describe('AccessTokenService', () => {
  const env = { NODE_ENV: 'test', DATABASE_URL: 'postgres://unused/none', JWT_SECRET: 's'.repeat(40) };
  const config = loadConfig(env);
  const claims = {
    accountId: '0b5d3c1e-8a4f-4f6e-9a31-0f2b8c7d6e5a',
    sessionId: '7c2e4b1a-3d5f-4e6a-8b9c-1d2e3f4a5b6c',
  };

  it('answers a token until the second it expires, whether verified before or not', async () => {
    const clock = new ManualClock('2026-11-30T09:00:00.000Z');
    const tokens = new AccessTokenService(config, clock);
    const { token, expiresAt } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);

    clock.set(new Date(expiresAt.getTime() - 1));
    expect(await tokens.verify(token)).toEqual(claims);
    expect(await new AccessTokenService(config, clock).verify(token)).toEqual(claims);

    clock.set(expiresAt);
    expect(await tokens.verify(token)).toBeUndefined();
    expect(await new AccessTokenService(config, clock).verify(token)).toBeUndefined();
  });

  it('remembers only the exact token: another signature, payload or secret is checked and refused', async () => {
    const clock = new ManualClock('2026-11-30T09:00:00.000Z');
    const tokens = new AccessTokenService(config, clock);
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);

    const [header, payload, signature] = token.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'someone-else' }),
    ).toString('base64url');
    expect(await tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`)).toBeUndefined();
    expect(await tokens.verify(`${header}.${otherPayload}.${signature}`)).toBeUndefined();

    const otherSecret = new AccessTokenService(loadConfig({ ...env, JWT_SECRET: 't'.repeat(40) }), clock);
    expect(await otherSecret.verify(token)).toBeUndefined();
  });
});
