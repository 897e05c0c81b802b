/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocket } from 'playwright-core';
import {
  createTestDatabase,
  DEMO_PASSWORD,
  GraphQLTestClient,
  startApiProcess,
  TEST_JWT_SECRET,
  type ApiProcess,
  type TestDatabase,
} from '@roundtable/testing';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WebHarness {
  api: ApiProcess;
  database: TestDatabase;
  browser: Browser;
  gql: GraphQLTestClient;
  close(): Promise<void>;
}

/** The built API (serving the built client) on a fresh database with the demo data, and Chromium. */
export async function startWebHarness(): Promise<WebHarness> {
  const database = await createTestDatabase();
  const api = await startApiProcess({
    DATABASE_URL: database.url,
    SEED_DEMO: 'true',
    JWT_SECRET: TEST_JWT_SECRET,
    // 'test', not 'development': development logs are pretty-printed, and the harness waits
    // for the JSON "ready" line.
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOGIN_RATE_LIMIT_PER_ADDRESS: '1000',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    api,
    database,
    browser,
    gql: new GraphQLTestClient(api.url),
    close: async () => {
      await browser.close();
      await api.kill();
      await database.drop();
    },
  };
}

export type Viewport = { width: number; height: number };
export const PHONE: Viewport = { width: 360, height: 640 };
export const DESKTOP: Viewport = { width: 1280, height: 800 };

export async function newPage(
  browser: Browser,
  viewport: Viewport = PHONE,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-CA' });
  const page = await context.newPage();
  return { context, page };
}

export async function signInAs(
  page: Page,
  baseUrl: string,
  identifier: string,
  options: { sharedDevice?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Username or email').fill(identifier);
  await page.getByLabel('Passphrase').fill(DEMO_PASSWORD);
  if (options.sharedDevice) await page.getByLabel(/This is a shared computer/).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('button', { name: 'Sign out' })
    .waitFor()
    .catch(async (error: unknown) => {
      // Say what the sign-in screen said (a refusal, a rate limit), not only that it timed out.
      const shown = await page
        .locator('main')
        .innerText()
        .catch(() => '');
      throw new Error(`signing in as ${identifier} did not finish; the screen said: ${shown}\n${String(error)}`);
    });
}

/**
 * Everything the page receives from now on, kept as text: every HTTP response body and every
 * websocket frame (for the canary checks: something hidden must reach none of them).
 */
export function recordReceived(page: Page): string[] {
  const received: string[] = [];
  page.on('response', (response) => {
    void response
      .text()
      .then((body) => received.push(body))
      .catch(() => undefined);
  });
  page.on('websocket', (socket: WebSocket) => {
    socket.on('framereceived', (frame) => received.push(String(frame.payload)));
  });
  return received;
}

/** Client-side navigation (as a click on the menu would), keeping the live connection. */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now (evaluated, so the CSP allows it). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Polls `read` until it returns `expected` (deep-equal), for state that settles asynchronously. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/**
 * Follows a link in the main menu (the page may also link to the same screen in its text),
 * in English or Spanish (the menu's own name is translated too).
 */
export async function menu(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: /^(Main|Principal)$/ })
    .getByRole('link', { name, exact: true })
    .click();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}
