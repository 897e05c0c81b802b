/// <reference lib="dom" />
import type { Browser, BrowserContext, Locator, Page, WebSocket } from 'playwright-core';
import {
  createTestDatabase,
  DEMO_PASSWORD,
  GraphQLTestClient,
  startApiProcess,
  TEST_JWT_SECRET,
  signIn,
  type ApiProcess,
  type SignedIn,
  type TestDatabase,
} from '@roundtable/testing';
import { goTo, signInOnScreen, startChromium } from '../../tools/chromium.mjs';

export { goTo };

export type Viewport = { width: number; height: number };
export const PHONE: Viewport = { width: 360, height: 640 };
export const DESKTOP: Viewport = { width: 1280, height: 800 };

export interface WebHarness {
  api: ApiProcess;
  database: TestDatabase;
  browser: Browser;
  gql: GraphQLTestClient;
  /** A new window of that size (a phone unless said) where `identifier` has signed in on the sign-in screen. */
  openSignedIn(
    identifier: string,
    viewport?: Viewport,
    options?: { sharedDevice?: boolean },
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** As openSignedIn, keeping everything the page receives from before signing in on (recordReceived). */
  openSignedInRecording(
    identifier: string,
    viewport?: Viewport,
  ): Promise<{ context: BrowserContext; page: Page; received: string[] }>;
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
  const browser = await startChromium();
  return {
    api,
    database,
    browser,
    gql: new GraphQLTestClient(api.url),
    openSignedIn: async (identifier, viewport = PHONE, options = {}) => {
      const opened = await newPage(browser, viewport);
      await signInAs(opened.page, api.url, identifier, options);
      return opened;
    },
    openSignedInRecording: async (identifier, viewport = PHONE) => {
      const opened = await newPage(browser, viewport);
      const received = recordReceived(opened.page);
      await signInAs(opened.page, api.url, identifier);
      return { ...opened, received };
    },
    close: async () => {
      await browser.close();
      await api.kill();
      await database.drop();
    },
  };
}

/** The harness, and Sam signed in over the API (for the spec's own reads and set-up beside the screens). */
export async function startWebHarnessWithSam(): Promise<{ h: WebHarness; sam: SignedIn; samId: string }> {
  const h = await startWebHarness();
  const sam = await signIn(h.gql, 'sam');
  return { h, sam, samId: sam.account.participantId! };
}

/** As startWebHarnessWithSam, and Alex (Sam's case manager) signed in over the API too. */
export async function startWebHarnessWithSamAndAlex(): Promise<{
  h: WebHarness;
  sam: SignedIn;
  samId: string;
  alex: SignedIn;
}> {
  const withSam = await startWebHarnessWithSam();
  return { ...withSam, alex: await signIn(withSam.h.gql, 'cm@demo.test') };
}

export async function newPage(
  browser: Browser,
  viewport: Viewport = PHONE,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-CA' });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in with the demo passphrase on the sign-in screen, as a person would. */
export function signInAs(
  page: Page,
  baseUrl: string,
  identifier: string,
  options: { sharedDevice?: boolean } = {},
): Promise<void> {
  return signInOnScreen(page, baseUrl, identifier, DEMO_PASSWORD, options);
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

/**
 * None of `texts` is in the page's DOM or in anything it received (recordReceived): the canary
 * check for what a viewer may not see. The page must have received something, so an empty
 * record cannot pass for a clean one.
 */
export async function expectNeverReached(page: Page, received: string[], texts: readonly string[]): Promise<void> {
  const dom = await page.content();
  expect(received.length).toBeGreaterThan(3);
  for (const text of texts) {
    expect({ text, inDom: dom.includes(text) }).toEqual({ text, inDom: false });
    expect({ text, received: received.filter((body) => body.includes(text)).length }).toEqual({ text, received: 0 });
  }
}

/** An agenda item in the conference room or a meeting, by (part of) its title. */
export function agendaItem(page: Page, title: string): Locator {
  return page.getByTestId('agenda-item').filter({ hasText: title });
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
