// `npm run screenshots`: every participant screen at 360 px and 1280 px into docs/screenshots/.
// Starts the built API on a throwaway database with the demo data (DATABASE_URL's server when
// set, otherwise the embedded PostgreSQL in a temporary folder), signs in as Sam and visits
// each screen in Debian's Chromium. BASE_URL=http://… uses an API that is already running.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, startDemoApi } from './web-tools.mjs';

const SCREENS = [
  ['sign-in', '/', false],
  ['plan', '/plan', true],
  ['waiting', '/waiting', true],
  ['progress', '/progress', true],
  ['conferences', '/conferences', true],
  ['team', '/team', true],
  ['sharing', '/sharing', true],
  ['devices', '/devices', true],
];
const WIDTHS = [
  [360, 640],
  [1280, 800],
];

const api = await startDemoApi();
const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const browser = await launchChromium();
try {
  for (const [width, height] of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'en-CA' });
    const page = await context.newPage();
    for (const [name, path, signedIn] of SCREENS) {
      if (signedIn && !(await page.getByRole('button', { name: 'Sign out' }).count())) {
        await page.goto(`${api.url}/`);
        await page.getByLabel('Username or email').fill('sam');
        await page.getByLabel('Passphrase').fill(process.env.DEMO_PASSWORD ?? 'roundtable-demo');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'My plan' }).waitFor();
      }
      if (signedIn) {
        await page.evaluate((to) => {
          window.history.pushState(null, '', to);
          window.dispatchEvent(new PopStateEvent('popstate'));
        }, path);
      } else {
        await page.goto(`${api.url}${path}`);
      }
      await page.locator('main h1').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
      console.log(`wrote ${out}/${name}-${width}.png`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await api.stop();
}
