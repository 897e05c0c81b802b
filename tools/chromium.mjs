// Debian's Chromium and the steps every script drives it through: shared by the browser tests
// (tests/web/browser.ts) and `npm run screenshots` / `npm run bench:web` (tools/web-tools.mjs),
// so the flags, the sign-in and the in-app navigation they rely on are written once.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium at CHROMIUM_PATH, headless, without the background traffic that would skew timings. */
export function startChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Signs in on the sign-in screen at `baseUrl` and waits until the signed-in page shows. */
export async function signInOnScreen(page, baseUrl, identifier, password, options = {}) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Username or email').fill(identifier);
  await page.getByLabel('Passphrase').fill(password);
  if (options.sharedDevice) await page.getByLabel(/This is a shared computer/).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('button', { name: 'Sign out' })
    .waitFor()
    .catch(async (error) => {
      // Say what the sign-in screen said (a refusal, a rate limit), not only that it timed out.
      const shown = await page
        .locator('main')
        .innerText()
        .catch(() => '');
      throw new Error(`signing in as ${identifier} did not finish; the screen said: ${shown}\n${String(error)}`);
    });
}

/** Client-side navigation (as a click on the menu would), keeping the live connection. */
export async function goTo(page, path) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}
