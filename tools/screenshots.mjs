// `npm run screenshots`: every participant screen, and the staff home, at 360 px and 1280 px
// into docs/screenshots/. Starts the built API on a throwaway database with the demo data
// (DATABASE_URL's server when set, otherwise the embedded PostgreSQL in a temporary folder),
// signs in as Sam (or Alex, the case manager, for staff screens) and visits each screen in
// Debian's Chromium. BASE_URL=http://… uses an API that is already running; SCREENS=a,b takes
// only those screens (e.g. SCREENS=caseload).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { goTo, signInOnScreen } from './chromium.mjs';
import { DEMO_PASSWORD, launchChromium, startDemoApi } from './web-tools.mjs';

// [file name, path, who is signed in (null: nobody)]
const ALL_SCREENS = [
  ['sign-in', '/', null],
  ['join', '/join', null],
  ['plan', '/plan', 'sam'],
  ['waiting', '/waiting', 'sam'],
  ['progress', '/progress', 'sam'],
  ['conferences', '/conferences', 'sam'],
  ['team', '/team', 'sam'],
  ['sharing', '/sharing', 'sam'],
  ['devices', '/devices', 'sam'],
  ['caseload', '/', 'cm@demo.test'],
  ['program', '/program', 'supervisor@demo.test'],
  ['accounts', '/accounts', 'admin@demo.test'],
  // Staff in Sam's plan and in the room: ":sam" and ":room" are read from the links on the page.
  ['staff-plan', '/people/:sam', 'cm@demo.test'],
  ['staff-progress', '/people/:sam/progress', 'cm@demo.test'],
  ['room', ':room', 'cm@demo.test'],
];
const only = process.env.SCREENS?.split(',').map((name) => name.trim());
const SCREENS = only ? ALL_SCREENS.filter(([name]) => only.includes(name)) : ALL_SCREENS;
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
    let context = null;
    let signedInAs = undefined;
    for (let [name, path, who] of SCREENS) {
      // A fresh context per person: nothing of one sign-in carries into the next.
      if (!context || who !== signedInAs) {
        await context?.close();
        context = await browser.newContext({ viewport: { width, height }, locale: 'en-CA' });
        signedInAs = who;
      }
      const page = context.pages()[0] ?? (await context.newPage());
      if (who && !(await page.getByRole('button', { name: 'Sign out' }).count())) {
        await signInOnScreen(page, api.url, who, DEMO_PASSWORD);
      }
      if (path.includes(':')) {
        path = await resolvePath(page, path);
      }
      if (who) {
        await goTo(page, path);
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
    await context?.close();
  }
} finally {
  await browser.close();
  await api.stop();
}

/** ":sam" is Sam's page as the caseload links it; ":room" the first meeting room Sam's page links to. */
async function resolvePath(page, path) {
  await goTo(page, '/');
  const sam = await page.getByRole('main').getByRole('link', { name: 'Sam', exact: true }).first().getAttribute('href');
  if (path !== ':room') return path.replace('/people/:sam', sam);
  await goTo(page, sam);
  const room = page.getByTestId('their-meetings').locator('a[href^="/conferences/"]').first();
  await room.waitFor();
  return room.getAttribute('href');
}
