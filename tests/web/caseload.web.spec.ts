/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { signIn, type SignedIn } from '@roundtable/testing';
import { DESKTOP, eventually, expectNeverReached, goTo, PHONE, startWebHarness, type WebHarness } from './browser';
import { seriousAccessibilityViolations } from './accessibility';

const PDFTOTEXT = '/usr/bin/pdftotext';
const GOAL = 'Get my own place where Biscuit can live with me';
const MINUTES_NOTE = 'Two units in range; one allows pets.';

/** The text of each caseload row's name, in the order shown. */
const names = (page: Page) => page.getByTestId('caseload-entry').locator('h3 a').allInnerTexts();

/** Whether the element the keyboard is on shows a focus ring (styles.css :focus-visible). */
const focusRing = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return { visible: element.matches(':focus-visible'), outline: style.outlineStyle !== 'none' };
  });

/** Presses Tab until the keyboard is on `selector`, as someone without a mouse would (at most `limit` times). */
async function tabTo(page: Page, selector: string, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return presses;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Every element of a kind that takes up room on the page as it is rendered now (print media included). */
const shownCount = (page: Page, selector: string) =>
  page.evaluate(
    (wanted) =>
      Array.from(document.querySelectorAll(wanted)).filter(
        (element) => (element as HTMLElement).getClientRects().length > 0,
      ).length,
    selector,
  );

/** The page printed to PDF by Chromium, as plain text (pdftotext from poppler). */
async function printedText(page: Page): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'roundtable-print-'));
  try {
    const pdf = join(folder, 'page.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: false }));
    return execFileSync(PDFTOTEXT, ['-layout', pdf, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The day as the print heading says it ("29 November 2026"), in the browser's zone. */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { day: 'numeric', month: 'long', year: 'numeric' })
    .formatToParts(new Date())
    .filter((part) => part.type !== 'literal')
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});

describe('The staff caseload and printing, in Chromium against the real API and PostgreSQL', () => {
  let h: WebHarness;
  let alex: SignedIn;
  let marcus: SignedIn;
  let samId: string;
  const second = `José ${Date.now().toString(36)}`;
  const hiddenStep = `Canary step about the dose ${Date.now().toString(36)}`;
  beforeAll(async () => {
    h = await startWebHarness();
    const sam = await signIn(h.gql, 'sam');
    samId = sam.account.participantId!;
    alex = await signIn(h.gql, 'cm@demo.test');
    marcus = await signIn(h.gql, 'housing@demo.test');
    // A second person on Alex's caseload only (Alex joins their team as primary case manager).
    await h.gql.data(
      'mutation P($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }',
      { input: { preferredName: second, pronouns: 'he/him' } },
      { token: alex.accessToken },
    );
    // A substance-use step given to Marcus, who may not see substance use (rule 10): it must
    // neither show on his page nor move his count (rule 11).
    await h.gql.data(
      'mutation S($input: AddStepInput!) { addStep(input: $input) { id } }',
      {
        input: { participantId: samId, assigneeAccountId: marcus.account.id, label: 'SUBSTANCE_USE', text: hiddenStep },
      },
      { token: alex.accessToken },
    );
  });
  afterAll(() => h?.close());

  it('Alex sees Sam with the last contact and what waits, finds people by name with the count said politely, and never an "overdue"', async () => {
    const { context, page } = await h.openSignedIn('cm@demo.test');
    await page.getByRole('heading', { name: 'My people', level: 1 }).waitFor();
    await page.getByTestId('caseload-entry').first().waitFor();
    // Names as each person chose them, in order.
    expect(await names(page)).toEqual([second, 'Sam']);

    const sam = page.getByTestId('caseload-entry').filter({ hasText: 'Sam' });
    await sam.getByText('(they/them)').waitFor();
    await sam.getByText('You are their main case manager').waitFor();
    // The seeded contacts: Alex's own, two days ago, is the team's latest; a date, never a verdict.
    expect(await sam.getByTestId('last-contact').innerText()).toMatch(
      /^Last contact: 2 days ago \(\d{1,2} [A-Z][a-z]+ \d{4}\)$/,
    );
    const samWaiting = sam.getByTestId('waiting-for-me');
    await samWaiting.getByText(/^Next meeting: [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+, 10:00$/).waitFor();
    const jose = page.getByTestId('caseload-entry').filter({ hasText: second });
    await jose.getByText('No contact recorded yet').waitFor();
    await jose.getByText('Nothing is waiting for you.').waitFor();

    // Search: narrows as you type (accents optional), and the count is said in a polite live region.
    const count = page.getByTestId('caseload-count');
    expect(await count.getAttribute('role')).toBe('status');
    expect(await count.getAttribute('aria-live')).toBe('polite');
    expect(await count.innerText()).toBe('2 people');
    const search = page.getByLabel('Find a person by name');
    await search.pressSequentially('jose');
    await eventually(() => names(page), [second]);
    expect(await count.innerText()).toBe('1 person matches “jose”');
    await search.fill('SA');
    await eventually(() => names(page), ['Sam']);
    expect(await count.innerText()).toBe('1 person matches “SA”');

    // No one by that name: said plainly, with a way back to everyone.
    await search.fill('Robin');
    await page.getByTestId('caseload-no-match').waitFor();
    expect(await page.getByTestId('caseload-no-match').innerText()).toContain(
      'No one on your care teams has “Robin” in their name.',
    );
    expect(await count.innerText()).toBe('0 people match “Robin”');
    expect(await names(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Clear the search and show everyone' }).click();
    await eventually(() => names(page), [second, 'Sam']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('caseload-search');
    expect(await count.innerText()).toBe('2 people');

    // Person-first, non-punitive (rule 6): no "overdue" and nothing in the error red anywhere.
    const words = (await page.locator('body').innerText()).toLowerCase();
    expect(words).not.toContain('overdue');
    const red = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('main *')).filter((element) => {
          const style = getComputedStyle(element);
          return [style.color, style.borderLeftColor, style.backgroundColor].includes('rgb(163, 32, 32)');
        }).length,
    );
    expect(red).toBe(0);
    expect(await page.locator('main .error').count()).toBe(0);
    await context.close();
  });

  it('the search and every row are reached with Tab, each with a visible focus ring, and Enter opens their plan', async () => {
    const { context, page } = await h.openSignedIn('cm@demo.test', DESKTOP);
    await page.getByTestId('caseload-entry').first().waitFor();
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, '#caseload-search');
    expect(await focusRing(page)).toEqual({ visible: true, outline: true });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(second);
    expect(await focusRing(page)).toEqual({ visible: true, outline: true });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sam');
    expect(await focusRing(page)).toEqual({ visible: true, outline: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sam’s plan', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/people/${samId}`);
    await page.getByText(GOAL).waitFor();
    await context.close();
  });

  it('Marcus (housing) sees only Sam, with his own last contact and only the steps he may see; nothing hidden reaches his page', async () => {
    const { context, page, received } = await h.openSignedInRecording('housing@demo.test');
    await page.getByTestId('caseload-entry').first().waitFor();
    const sam = page.getByTestId('caseload-entry').filter({ hasText: 'Sam' });
    await sam.getByTestId('waiting-for-me').getByText('Book two viewings of pet-friendly units').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await names(page)).toEqual(['Sam']);
    expect(await page.getByTestId('caseload-count').innerText()).toBe('1 person');
    expect(await sam.getByText('You are their main case manager').count()).toBe(0);
    expect(await sam.getByTestId('last-contact').innerText()).toMatch(
      /^Last contact: 2 days ago \(.+\)\nYour last contact: 9 days ago \(.+\)$/,
    );
    // One step he may see; the substance-use step given to him moves nothing (rule 11).
    await sam.getByText('1 step is yours to do:').waitFor();
    expect(await sam.getByTestId('waiting-for-me').locator('li').allInnerTexts()).toEqual([
      'Book two viewings of pet-friendly units',
    ]);
    await expectNeverReached(page, received, [hiddenStep, second, 'Naloxone refresher']);
    expect((await page.locator('body').innerText()).toLowerCase()).not.toContain('overdue');
    await context.close();
  });

  it('the caseload has no serious or critical axe findings at 360 and 1280 px, with and without a search', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await h.openSignedIn('cm@demo.test', viewport);
      await page.getByTestId('caseload-entry').first().waitFor();
      await page.getByTestId('waiting-for-me').first().waitFor();
      expect({ width: viewport.width, violations: await seriousAccessibilityViolations(page) }).toEqual({
        width: viewport.width,
        violations: [],
      });
      await page.getByLabel('Find a person by name').fill('sam');
      await eventually(() => names(page), ['Sam']);
      expect({ width: viewport.width, violations: await seriousAccessibilityViolations(page) }).toEqual({
        width: viewport.width,
        violations: [],
      });
      // Nothing wider than the screen at 360 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await context.close();
    }
  });

  it("prints Sam's plan and the closed meeting's minutes without the menu, buttons, forms or live parts, with whose they are and the day printed", async () => {
    const { conferences } = await h.gql.data<{ conferences: { id: string; status: string }[] }>(
      'query C($id: ID!) { conferences(participantId: $id) { id status } }',
      { id: samId },
      { token: alex.accessToken },
    );
    const closed = conferences.find((conference) => conference.status === 'CLOSED')!;
    const { day, month, year } = today();
    const heading = `Sam · printed ${day} ${month} ${year}`;
    const { context, page } = await h.openSignedIn('cm@demo.test', DESKTOP);

    // The plan, as staff.
    await goTo(page, `/people/${samId}`);
    await page.getByText(GOAL).waitFor();
    // On screen: the menu and buttons are there and the print heading is not.
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await page.getByTestId('print-heading').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Español' }).isVisible()).toBe(false);
    expect(await shownCount(page, 'button, form, textarea, input:not([type="checkbox"]), .presence')).toBe(0);
    expect(await page.getByText(GOAL).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Sam’s plan', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByTestId('print-heading').innerText()).toBe(heading);
    // Link-free black text on white; a goal is never split across two pages.
    const look = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const links = Array.from(main.querySelectorAll('a')).map((a) => getComputedStyle(a));
      return {
        text: getComputedStyle(main).color,
        underlined: links.filter((style) => style.textDecorationLine !== 'none').length,
        colouredLinks: links.filter((style) => style.color !== 'rgb(0, 0, 0)').length,
        goalBreaks: Array.from(main.querySelectorAll('.goal')).map((goal) => getComputedStyle(goal).breakInside),
      };
    });
    expect(look.text).toBe('rgb(0, 0, 0)');
    expect(look.underlined).toBe(0);
    expect(look.colouredLinks).toBe(0);
    expect(look.goalBreaks.length).toBeGreaterThan(0);
    expect(new Set(look.goalBreaks)).toEqual(new Set(['avoid']));
    if (existsSync(PDFTOTEXT)) {
      const printed = await printedText(page);
      expect(printed).toContain(heading);
      expect(printed).toContain(GOAL);
      for (const chrome of ['Sign out', 'Skip to the main part', 'Español', 'Their meetings', 'Roundtable']) {
        expect({ chrome, printed: printed.includes(chrome) }).toEqual({ chrome, printed: false });
      }
    }

    // The closed meeting's minutes, in the room.
    await page.emulateMedia({ media: 'screen' });
    await goTo(page, `/conferences/${closed.id}`);
    await page.getByTestId('minutes-locked').waitFor();
    expect(await page.getByRole('heading', { name: 'Add an amendment' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Add an amendment' }).isVisible()).toBe(false);
    expect(await page.getByText('Back to Sam’s plan').isVisible()).toBe(false);
    expect(await shownCount(page, 'button, form, textarea, input, select, .presence, .now-line')).toBe(0);
    // What prints waits to be shown (the room may still be rendering after its lock line shows).
    await page.getByRole('heading', { name: 'Monthly care conference: Sam', level: 1 }).waitFor();
    await page.getByTestId('notes').getByText(MINUTES_NOTE).waitFor();
    await page.getByTestId('amendment').first().waitFor();
    expect(await page.getByTestId('print-heading').innerText()).toBe(heading);
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll('.agenda-item')).map((item) => getComputedStyle(item).breakInside),
      ),
    ).not.toContain('auto');
    if (existsSync(PDFTOTEXT)) {
      const printed = await printedText(page);
      expect(printed).toContain(heading);
      expect(printed).toContain(MINUTES_NOTE);
      expect(printed).toContain('Three units in range; two allow pets.');
      for (const chrome of ['Sign out', 'Add an amendment', 'Back to Sam’s plan', 'My people']) {
        expect({ chrome, printed: printed.includes(chrome) }).toEqual({ chrome, printed: false });
      }
    }
    await context.close();
  });

  it("prints Sam's own minutes open, though they are folded away on screen", async () => {
    const { context, page } = await h.openSignedIn('sam');
    await goTo(page, '/conferences');
    const past = page.getByTestId('past-meeting').filter({ hasText: 'Monthly care conference' });
    await past.waitFor();
    expect(await past.getByTestId('minutes-item').getByText(MINUTES_NOTE).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await past.getByTestId('minutes-item').getByText(MINUTES_NOTE).isVisible()).toBe(true);
    expect(await page.getByText('Read what was said (the minutes)').isVisible()).toBe(false);
    expect(await page.getByTestId('print-heading').innerText()).toMatch(/^Sam · printed /);
    expect(await shownCount(page, 'button, form, nav')).toBe(0);
    await context.close();
  });
});
