import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '@roundtable/testing';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';

describe('the API serves the web client at /', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    // A stand-in build, so this test needs no bundler and no browser (npm test stays browser-free).
    dist = mkdtempSync(join(tmpdir(), 'roundtable-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-AbC123.js'), 'console.log("app")');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers / with index.html, never cached, under a strict Content-Security-Policy', async () => {
    const response = await fetch(`${t.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
  });

  it.each(['/plan', '/progress/metric/1', '/sharing'])('answers the client route %s with index.html', async (path) => {
    const response = await fetch(`${t.url}${path}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
  });

  it('caches hashed assets for a year, immutable', async () => {
    const response = await fetch(`${t.url}/assets/index-AbC123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('console.log("app")');
  });

  it('answers a missing asset 404, not index.html', async () => {
    const response = await fetch(`${t.url}/assets/missing-123.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<div id="root">');
  });

  it('serves other top-level files uncached', async () => {
    const response = await fetch(`${t.url}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it.each(['/graphql', '/realtime/', '/health', '/health/ready', '/metrics', '/exports/x', '/fhir/R4/Patient/x'])(
    'never answers the API path %s with the web client',
    async (path) => {
      const response = await fetch(`${t.url}${path}`, { headers: { accept: 'text/html' } });
      expect(await response.text()).not.toContain('<div id="root">');
    },
  );

  it('still answers GraphQL at /graphql', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverInfo { time } }' }),
    });
    expect(response.status).toBe(200);
  });
});
