import { errorCode, signIn, startTestApp, type TestApp } from '@roundtable/testing';

const WEB = { 'x-roundtable-client': 'web' };
const LOGIN_WEB = `mutation L($identifier: String!, $password: String!, $shared: Boolean) {
  login(identifier: $identifier, password: $password, sharedDevice: $shared) { accessToken refreshToken account { id } }
}`;
const REFRESH_FROM_COOKIE = 'mutation { refresh { accessToken refreshToken } }';
const MY_SESSIONS = '{ mySessions { id current sharedDevice device signedInAt lastUsedAt expiresAt } }';
const END_SESSION = 'mutation E($input: EndSessionInput!) { endSession(input: $input) }';

interface RawAnswer {
  setCookie: string[];
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}

/** A raw POST, so the test sees Set-Cookie exactly as a browser would. */
async function post(
  t: TestApp,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { setCookie: response.headers.getSetCookie(), body: (await response.json()) as RawAnswer['body'] };
}

function cookieValue(setCookie: string[]): string {
  const line = setCookie.find((c) => c.startsWith('rt_refresh='));
  if (!line) throw new Error('no rt_refresh cookie was set');
  return line.split(';')[0].slice('rt_refresh='.length);
}

describe('web sign-in: refresh token only in an HttpOnly cookie; shared devices; signed in on these devices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  });
  afterAll(() => t.close());

  it('gives the web client its refresh token only as an HttpOnly, SameSite=Strict cookie on /graphql', async () => {
    const answer = await post(t, LOGIN_WEB, { identifier: 'sam', password: 'roundtable-demo' }, WEB);
    const login = answer.body.data!.login as { refreshToken: string | null; accessToken: string };
    expect(login.refreshToken).toBeNull();
    expect(login.accessToken).toBeTruthy();
    const cookie = answer.setCookie.find((c) => c.startsWith('rt_refresh='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/graphql/);
    expect(cookie).toMatch(/Expires=/);
    expect(cookie).not.toMatch(/Secure/); // plain http on 127.0.0.1; Secure is added on https
  });

  it('refreshes from the cookie (rotating it), and a reused cookie ends the sign-in', async () => {
    const login = await post(t, LOGIN_WEB, { identifier: 'sam', password: 'roundtable-demo' }, WEB);
    const first = cookieValue(login.setCookie);
    const rotated = await post(t, REFRESH_FROM_COOKIE, {}, { ...WEB, cookie: `rt_refresh=${first}` });
    expect((rotated.body.data!.refresh as { refreshToken: string | null }).refreshToken).toBeNull();
    const second = cookieValue(rotated.setCookie);
    expect(second).not.toBe(first);
    const reuse = await post(t, REFRESH_FROM_COOKIE, {}, { ...WEB, cookie: `rt_refresh=${first}` });
    expect(reuse.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(reuse.setCookie.some((c) => c.startsWith('rt_refresh=;') && /Max-Age=0/.test(c))).toBe(true);
    const afterReuse = await post(t, REFRESH_FROM_COOKIE, {}, { ...WEB, cookie: `rt_refresh=${second}` });
    expect(afterReuse.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('never reads the cookie without the web client header (a cross-site form cannot send it)', async () => {
    const login = await post(t, LOGIN_WEB, { identifier: 'sam', password: 'roundtable-demo' }, WEB);
    const answer = await post(t, REFRESH_FROM_COOKIE, {}, { cookie: `rt_refresh=${cookieValue(login.setCookie)}` });
    expect(answer.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('issues no refresh token at all for a shared-device sign-in, web client or not', async () => {
    const web = await post(t, LOGIN_WEB, { identifier: 'sam', password: 'roundtable-demo', shared: true }, WEB);
    expect((web.body.data!.login as { refreshToken: string | null }).refreshToken).toBeNull();
    expect(web.setCookie.some((c) => c.startsWith('rt_refresh='))).toBe(false);
    const script = await post(t, LOGIN_WEB, { identifier: 'sam', password: 'roundtable-demo', shared: true }, {});
    expect((script.body.data!.login as { refreshToken: string | null }).refreshToken).toBeNull();
    const sessions = await t.gql.data<{ mySessions: { current: boolean; sharedDevice: boolean }[] }>(
      MY_SESSIONS,
      {},
      { token: (script.body.data!.login as { accessToken: string }).accessToken },
    );
    expect(sessions.mySessions.find((s) => s.current)!.sharedDevice).toBe(true);
  });

  it('keeps the refresh token in the answer for other clients (scripts, phones)', async () => {
    const session = await signIn(t.gql, 'peer@demo.test');
    expect(session.refreshToken).toMatch(/\./);
  });

  it('logout clears the cookie', async () => {
    const login = await post(t, LOGIN_WEB, { identifier: 'sam', password: 'roundtable-demo' }, WEB);
    const token = (login.body.data!.login as { accessToken: string }).accessToken;
    const out = await post(t, 'mutation { logout }', {}, { ...WEB, authorization: `Bearer ${token}` });
    expect(out.body.data!.logout).toBe(true);
    expect(out.setCookie.some((c) => c.startsWith('rt_refresh=;') && /Max-Age=0/.test(c))).toBe(true);
    const refresh = await post(
      t,
      REFRESH_FROM_COOKIE,
      {},
      { ...WEB, cookie: `rt_refresh=${cookieValue(login.setCookie)}` },
    );
    expect(refresh.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('lists my own sign-ins and ends one of them from another device', async () => {
    const phone = await post(
      t,
      LOGIN_WEB,
      { identifier: 'cm@demo.test', password: 'roundtable-demo' },
      { ...WEB, 'user-agent': 'Phone browser' },
    );
    const phoneToken = (phone.body.data!.login as { accessToken: string }).accessToken;
    const laptop = await signIn(t.gql, 'cm@demo.test');
    const listed = await t.gql.data<{ mySessions: { id: string; current: boolean; device: string | null }[] }>(
      MY_SESSIONS,
      {},
      { token: laptop.accessToken },
    );
    const phoneSession = listed.mySessions.find((s) => s.device === 'Phone browser')!;
    expect(phoneSession.current).toBe(false);
    expect(listed.mySessions.filter((s) => s.current)).toHaveLength(1);
    await t.gql.data(END_SESSION, { input: { sessionId: phoneSession.id } }, { token: laptop.accessToken });
    expect(errorCode(await t.gql.request('{ me { id } }', {}, { token: phoneToken }))).toBe('UNAUTHENTICATED');
    const refresh = await post(
      t,
      REFRESH_FROM_COOKIE,
      {},
      { ...WEB, cookie: `rt_refresh=${cookieValue(phone.setCookie)}` },
    );
    expect(refresh.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it("answers someone else's sign-in exactly like an unknown one, and leaves it working", async () => {
    const sam = await signIn(t.gql, 'sam');
    const alex = await signIn(t.gql, 'cm@demo.test');
    const alexSessions = await t.gql.data<{ mySessions: { id: string; current: boolean }[] }>(
      MY_SESSIONS,
      {},
      { token: alex.accessToken },
    );
    const alexCurrent = alexSessions.mySessions.find((s) => s.current)!.id;
    const theirs = await t.gql.request(END_SESSION, { input: { sessionId: alexCurrent } }, { token: sam.accessToken });
    const unknown = await t.gql.request(
      END_SESSION,
      { input: { sessionId: '00000000-0000-4000-8000-000000000000' } },
      { token: sam.accessToken },
    );
    expect(errorCode(theirs)).toBe('NOT_FOUND');
    expect(theirs.errors).toEqual(unknown.errors);
    expect(errorCode(await t.gql.request('{ me { id } }', {}, { token: alex.accessToken }))).toBeUndefined();
    const samSessions = await t.gql.data<{ mySessions: { id: string }[] }>(MY_SESSIONS, {}, { token: sam.accessToken });
    expect(samSessions.mySessions.map((s) => s.id)).not.toContain(alexCurrent);
  });
});
