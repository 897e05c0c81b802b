/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { signIn, type SignedIn } from '@roundtable/testing';
import {
  DESKTOP,
  eventually,
  expectNeverReached,
  goTo,
  menu,
  newPage,
  PHONE,
  signInAs,
  startWebHarnessWithSam,
  type WebHarness,
} from './browser';
import { seriousAccessibilityViolations } from './accessibility';

const PLAN_ITEMS = `query P($id: ID!) { plan(participantId: $id) {
  goals { id text label rank substance steps { text label } }
  strategies { id text label } offers { text label } } }`;
const MEASUREMENTS = 'query M($id: ID!) { measurements(metricId: $id, first: 100) { edges { node { value } } } }';
const PROGRESS = `query G($id: ID!) { progress(participantId: $id) { domains { participantDefined { metric { id name } } } } }`;

interface PlanItems {
  plan: {
    goals: {
      id: string;
      text: string;
      label: string;
      rank: number | null;
      substance: string | null;
      steps: { text: string; label: string }[];
    }[];
    strategies: { id: string; text: string; label: string }[];
    offers: { text: string; label: string }[];
  };
}

describe('the participant web client in Chromium, against the real API and PostgreSQL', () => {
  let h: WebHarness, sam: SignedIn, samId: string;
  beforeAll(async () => ({ h, sam, samId } = await startWebHarnessWithSam()));
  afterAll(() => h?.close());

  const planAsSam = () => h.gql.data<PlanItems>(PLAN_ITEMS, { id: samId }, { token: sam.accessToken });

  it('Sam signs in, reorders goals, accepts a proposal, marks a step done and sees the win, records a value and sees the summary change', async () => {
    const { context, page } = await h.openSignedIn('sam');
    await page.getByRole('heading', { name: 'My plan' }).waitFor();
    const goals = page.getByTestId('goals').locator(':scope > li h3');
    await page.getByText('Get my own place where Biscuit can live with me').waitFor();
    const before = await goals.allInnerTexts();

    // Reorder with the keyboard: focus "move down" on the first goal and press Enter.
    const first = before[0].replace(/^\d+\s*/, '');
    await page.getByRole('button', { name: `Move down: ${first}` }).focus();
    await page.keyboard.press('Enter');
    await eventually(async () => (await goals.allInnerTexts())[1]?.replace(/^\d+\s*/, ''), first);
    await eventually(async () => (await planAsSam()).plan.goals.find((g) => g.text === first)?.rank, 2);

    // Accept the proposal waiting for Sam.
    await menu(page, 'Waiting for you');
    const proposal = page.getByTestId('proposal').filter({ hasText: 'Apply for disability income support' });
    await proposal.getByText('Suggested by Alex Rivera').waitFor();
    await proposal.getByRole('button', { name: 'Add to my plan' }).click();
    await page.getByText('Added to your plan: Apply for disability income support').waitFor();
    await menu(page, 'My plan');
    await page.getByTestId('goals').getByText('Apply for disability income support').waitFor();

    // Mark a step done: the win appears.
    await page.getByLabel('Get a copy of my ID from the registry office').check();
    await page.getByTestId('wins').getByText('Done: Get a copy of my ID from the registry office').waitFor();

    // Record a value for one of Sam's own metrics: the chart's summary changes.
    await menu(page, 'How things are going');
    const card = page.getByTestId('metric').filter({ hasText: 'How life is going, 0 to 10' });
    const summary = card.getByTestId('metric-summary');
    await summary.waitFor();
    const summaryBefore = await summary.innerText();
    await card.getByLabel("Today's value").fill('10');
    await card.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => /to 10 since/.test(await summary.innerText()), true);
    expect(await summary.innerText()).not.toBe(summaryBefore);
    await context.close();
  });

  it('shows two people each other live: presence, and an edit without reload', async () => {
    const samSide = await h.openSignedIn('sam', DESKTOP);
    const alexSide = await h.openSignedIn('cm@demo.test');
    await goTo(alexSide.page, `/people/${samId}`);
    await alexSide.page.getByText('Their goals, in their order').waitFor();
    await samSide.page.getByText('Alex Rivera is looking at your plan').waitFor();

    await samSide.page.getByRole('button', { name: 'Change my vision' }).click();
    const vision = 'A home with Biscuit, and friends on Thursdays.';
    await samSide.page.getByLabel('Your vision, in your own words').fill(vision);
    await samSide.page.getByRole('button', { name: 'Save my vision' }).click();
    await alexSide.page.getByTestId('vision-text').getByText(vision).waitFor();
    await samSide.context.close();
    await alexSide.context.close();
  });

  it("removes substance-use content from Alex's open page the moment Sam revokes the grant", async () => {
    const alexSide = await h.openSignedIn('cm@demo.test', DESKTOP);
    await goTo(alexSide.page, `/people/${samId}`);
    await alexSide.page.getByText('Never use alone').waitFor();

    const samSide = await h.openSignedIn('sam', DESKTOP);
    await menu(samSide.page, 'Who sees what');
    await samSide.page.getByRole('button', { name: 'Stop sharing Substance use with Alex Rivera' }).click();
    await samSide.page.getByText('Alex Rivera can no longer see Substance use.').waitFor();

    await alexSide.page.getByText('Never use alone').waitFor({ state: 'detached', timeout: 5000 });
    expect(await alexSide.page.locator('main').innerText()).not.toContain('fentanyl');
    await samSide.context.close();
    await alexSide.context.close();
  });

  it("never lets a housing worker's page receive substance-use content: DOM, every HTTP response, every websocket frame", async () => {
    const canary = `Canary strategy ${Date.now().toString(36)} for the bridge`;
    const { context, page, received } = await h.openSignedInRecording('housing@demo.test');
    await goTo(page, `/people/${samId}`);
    await page.getByText('Get my own place where Biscuit can live with me').waitFor();

    // While Marcus watches, Sam adds a substance-use strategy and changes a general one.
    await h.gql.data(
      'mutation A($input: AddStrategyInput!) { addStrategy(input: $input) { id } }',
      { input: { participantId: samId, text: canary, label: 'SUBSTANCE_USE', status: 'WANT_TO_TRY' } },
      { token: sam.accessToken },
    );
    const home = (await planAsSam()).plan.goals.find(
      (g) => g.text === 'Get my own place where Biscuit can live with me',
    )!;
    await h.gql.data(
      'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }',
      { input: { participantId: samId, goalId: home.id, text: 'Call my sister on Sundays' } },
      { token: sam.accessToken },
    );
    await page.getByText('Call my sister on Sundays').waitFor();
    await page.waitForLoadState('networkidle');

    const items = (await planAsSam()).plan;
    const canaries = [
      canary,
      ...items.goals.filter((g) => g.label === 'SUBSTANCE_USE').flatMap((g) => [g.text, g.substance ?? '']),
      ...items.goals
        .flatMap((g) => g.steps)
        .filter((s) => s.label === 'SUBSTANCE_USE')
        .map((s) => s.text),
      ...items.strategies.filter((s) => s.label === 'SUBSTANCE_USE').map((s) => s.text),
      ...items.offers.filter((o) => o.label === 'SUBSTANCE_USE').map((o) => o.text),
    ].filter((text) => text.length > 0);
    expect(canaries).toEqual(expect.arrayContaining([canary, 'Never use alone', 'fentanyl']));

    expect(received.some((body) => body.includes('Call my sister on Sundays'))).toBe(true);
    await expectNeverReached(page, received, canaries);
    await context.close();
  });

  it('queues a change made offline and saves it exactly once when back online', async () => {
    const { context, page } = await h.openSignedIn('sam');
    await menu(page, 'How things are going');
    const card = page.getByTestId('metric').filter({ hasText: 'Days I felt safe this week' });
    await card.waitFor();
    const progress = await h.gql.data<{
      progress: { domains: { participantDefined: { metric: { id: string; name: string } }[] }[] };
    }>(PROGRESS, { id: samId }, { token: sam.accessToken });
    const metricId = progress.progress.domains
      .flatMap((d) => d.participantDefined)
      .find((s) => s.metric.name === 'Days I felt safe this week')!.metric.id;
    const count = async () =>
      (
        await h.gql.data<{ measurements: { edges: { node: { value: number } }[] } }>(
          MEASUREMENTS,
          { id: metricId },
          { token: sam.accessToken },
        )
      ).measurements.edges.length;
    const before = await count();

    await context.setOffline(true);
    await page.getByText('You are offline').waitFor();
    // A plan event's reload that no longer gets through (the signal went just as it arrived)
    // keeps what the screens showed: the plan and the progress stay, never "could not load".
    const reloadFailed = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/graphql'));
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('roundtable:plan-changed')));
    await reloadFailed;
    // Two frames: React has rendered what the failed reload left.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await page.getByText('We could not load this').count()).toBe(0);
    await card.getByLabel("Today's value").fill('6');
    await card.getByRole('button', { name: 'Save' }).click();
    await page.getByText('1 change is not saved yet').waitFor();
    await page.getByRole('status').getByText('Days I felt safe this week: 6').waitFor();

    await context.setOffline(false);
    await page.getByText('1 change is not saved yet').waitFor({ state: 'detached' });
    await eventually(count, before + 1);
    await page.waitForLoadState('networkidle');
    expect(await count()).toBe(before + 1);
    await context.close();
  });

  it('hands Sam their plan as a PDF and their whole record, fetched with a header, never a token in the URL', async () => {
    const { context, page } = await newPage(h.browser, PHONE);
    const exportUrls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/exports/')) exportUrls.push(request.url());
    });
    await signInAs(page, h.api.url, 'sam');
    await page.getByText('Get my own place where Biscuit can live with me').waitFor();
    const [plan] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Print my plan (PDF)' }).click(),
    ]);
    expect(plan.suggestedFilename()).toBe('my-plan.pdf');
    const { readFile } = await import('node:fs/promises');
    expect((await readFile((await plan.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

    await goTo(page, '/sharing');
    const [record] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my whole record (data file)' }).click(),
    ]);
    const body = JSON.parse(await readFile((await record.path())!, 'utf8')) as { participant: { id: string } };
    expect(body.participant.id).toBe(samId);
    expect(exportUrls.length).toBe(2);
    for (const url of exportUrls) expect(url).not.toMatch(/token|bearer|jwt/i);
    await context.close();
  });

  it('leaves nothing in any storage after a shared-device sign-in and sign-out', async () => {
    const { context, page } = await h.openSignedIn('sam', PHONE, { sharedDevice: true });
    await page.getByText('Shared computer').waitFor();
    await page.getByText('Get my own place where Biscuit can live with me').waitFor();
    await goTo(page, '/progress');
    await goTo(page, '/sharing');
    expect(await context.cookies()).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const stored = await page.evaluate(async () => ({
      local: window.localStorage.length,
      session: window.sessionStorage.length,
      indexedDb: (await indexedDB.databases()).length,
      caches: 'caches' in window ? (await caches.keys()).length : 0,
    }));
    expect(stored).toEqual({ local: 0, session: 0, indexedDb: 0, caches: 0 });
    expect(await context.cookies()).toEqual([]);
    // Reloading does not bring the sign-in back.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await context.close();
  });

  it("clears Dr. Natarajan's open progress screen when Sam's case manager ends her membership (rule 10)", async () => {
    const md = await h.openSignedIn('md@demo.test', DESKTOP);
    await goTo(md.page, `/people/${samId}/progress`);
    await md.page.getByTestId('metric').first().waitFor();

    const team = await h.gql.data<{ participant: { careTeam: { displayName: string; membershipId: string }[] } }>(
      'query T($id: ID!) { participant(id: $id) { careTeam { displayName membershipId } } }',
      { id: samId },
      { token: sam.accessToken },
    );
    const membership = team.participant.careTeam.find((member) => member.displayName === 'Dr. Priya Natarajan');
    if (!membership) throw new Error('Dr. Natarajan is not on Sam’s team');
    await h.gql.data(
      'mutation E($input: EndCareTeamMembershipInput!) { endCareTeamMembership(input: $input) { membershipId } }',
      { input: { membershipId: membership.membershipId } },
      // Alex, Sam's primary case manager, changes the team.
      { token: (await signIn(h.gql, 'cm@demo.test')).accessToken },
    );

    // Her open screen stops showing Sam's measures (rule 10), although the screens keep what they
    // showed through a reload lost to the network (the offline test above).
    await md.page.getByTestId('metric').first().waitFor({ state: 'detached', timeout: 10_000 });
    expect(await md.page.getByTestId('metric').count()).toBe(0);
    await md.context.close();
  });

  // The third column: something only the loaded screen shows, so axe checks it with its data.
  it.each<[string, string | null, string | null]>([
    ['sign-in', null, null],
    ['set-up', '/setup', null],
    ['my plan', '/plan', null],
    ['waiting for you', '/waiting', null],
    ['how things are going', '/progress', null],
    ['my meetings', '/conferences', '[data-testid="past-meeting"]'],
    ['my team', '/team', '[data-testid="team-change"]'],
    ['who sees what', '/sharing', null],
    ['my devices', '/devices', null],
  ])('has no serious or critical accessibility findings on %s at 360 and 1280 px', async (_name, path, loaded) => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await newPage(h.browser, viewport);
      if (path === null || path === '/setup') {
        await page.goto(`${h.api.url}${path ?? '/'}`);
        await page.locator('main h1').waitFor();
      } else {
        await signInAs(page, h.api.url, 'sam');
        await goTo(page, path);
        await page.locator('main h1').first().waitFor();
        if (loaded) await page.locator(loaded).first().waitFor();
        // What is folded away (the minutes, the tables) is checked too.
        await page.locator('details').evaluateAll((all) => all.forEach((details) => details.setAttribute('open', '')));
      }
      const violations = await seriousAccessibilityViolations(page);
      expect({ viewport: viewport.width, violations }).toEqual({ viewport: viewport.width, violations: [] });
      await context.close();
    }
  });
});

export type { Page };
