/// <reference lib="dom" />
import { menu, newPage, PHONE, signInAs, startWebHarness, type WebHarness } from './browser';

/**
 * Screens after the plan load as their own files (a smaller first screen on a slow phone).
 * Once the plan is shown they are fetched in the background, so losing the connection
 * afterwards never leaves a screen that cannot open.
 */
describe('later screens open offline once the plan has been shown', () => {
  let h: WebHarness;
  beforeAll(async () => (h = await startWebHarness()));
  afterAll(() => h?.close());

  it('loads the plan without the other screens’ code, then opens every screen with the network off', async () => {
    const { context, page } = await newPage(h.browser, PHONE);
    // The scripts loaded by the time the plan is asked for: what the first screen waits for.
    const scripts: string[] = [];
    let beforePlan: string[] | undefined;
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      if (!beforePlan && /query Plan\b/.test(request.postData() ?? '')) beforePlan = [...scripts];
    });
    await signInAs(page, h.api.url, 'sam');
    await page.getByText('Get my own place where Biscuit can live with me').waitFor();
    expect(beforePlan!.some((path) => /^\/assets\/index-/.test(path))).toBe(true);
    expect(beforePlan!.filter((path) => /Progress|Conferences|Team|Sharing|Devices/.test(path))).toEqual([]);

    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((entry) => /ProgressScreen/.test(entry.name)),
    );
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    for (const [item, heading] of [
      ['How things are going', 'How things are going'],
      ['My meetings', 'My meetings'],
      ['My team', 'My team'],
      ['Who sees what', 'Who sees what'],
      ['My devices', 'Signed in on these devices'],
    ]) {
      await menu(page, item);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    await context.close();
  });
});
