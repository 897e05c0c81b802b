/// <reference lib="dom" />
import { Client } from 'pg';
import type { SignedIn } from '@roundtable/testing';
import { DESKTOP, eventually, goTo, menu, startWebHarnessWithSam, type WebHarness } from './browser';
import { accessibleAtBothWidths } from './accessibility';

const STRATEGIES = `query P($id: ID!) { plan(participantId: $id) {
  strategies { id text lastCheckInAt lastCheckInAnswer lastCheckInNote } } }`;
const WINS = 'query W($id: ID!) { wins(participantId: $id, first: 50) { edges { node { id text } } } }';
const SETBACKS = 'query S($id: ID!) { setbacks(participantId: $id) { reflection label } }';
const NALOXONE = 'Carry naloxone and show a friend how to use it';

/** Issue 16: strategy check-ins, a hard day beside the wins, and presence the participant chooses to share. */
describe('check-ins, hard days and presence sharing in Chromium, against the real API and PostgreSQL', () => {
  let h: WebHarness, sam: SignedIn, samId: string;
  beforeAll(async () => ({ h, sam, samId } = await startWebHarnessWithSam()));
  afterAll(() => h?.close());

  const asSam = <T>(query: string) => h.gql.data<T>(query, { id: samId }, { token: sam.accessToken });

  it('Sam checks in on a strategy from My plan and sees when they last checked in', async () => {
    const { context, page } = await h.openSignedIn('sam');
    await page.getByRole('heading', { name: 'My plan' }).waitFor();
    const card = page.locator('li.card').filter({ hasText: NALOXONE });
    await card.getByRole('button', { name: `Check in: ${NALOXONE}` }).click();
    const form = card.getByRole('form', { name: `Check in: ${NALOXONE}` });
    // Saving without an answer asks for one, gently.
    await form.getByRole('button', { name: 'Save my check-in' }).click();
    await form.getByText('Choose one answer, then save.').waitFor();
    await form.getByLabel("It's working for me").check();
    await form.getByLabel('Anything you want to add?').fill('My friend Lee knows where it is now');

    // The open form has no serious accessibility findings, on a phone and on a desktop width.
    await accessibleAtBothWidths(page);

    await form.getByRole('button', { name: 'Save my check-in' }).click();
    await card.getByText('Thanks. Your check-in is saved.').waitFor();
    await card
      .getByTestId('last-check-in')
      .getByText(/^Last checked in .+ · It's working for me$/)
      .waitFor();
    await card.getByText('“My friend Lee knows where it is now”').waitFor();

    const strategies = (
      await asSam<{ plan: { strategies: { text: string; lastCheckInAnswer: string | null }[] } }>(STRATEGIES)
    ).plan.strategies;
    expect(strategies.find((s) => s.text === NALOXONE)).toMatchObject({
      lastCheckInAnswer: 'WORKING',
      lastCheckInNote: 'My friend Lee knows where it is now',
    });
    await context.close();
  });

  it('Waiting for you lists a check-in whose rhythm has come round, "when you\'re ready", until Sam checks in', async () => {
    const strips = (
      await asSam<{ plan: { strategies: { id: string; text: string; version: number }[] } }>(
        'query P($id: ID!) { plan(participantId: $id) { strategies { id text version } } }',
      )
    ).plan.strategies.find((s) => s.text === 'Test with fentanyl strips first')!;
    await h.gql.data(
      'mutation U($input: UpdateStrategyInput!) { updateStrategy(input: $input) { id } }',
      { input: { strategyId: strips.id, expectedVersion: strips.version, checkInRhythm: 'DAILY' } },
      { token: sam.accessToken },
    );
    // The API runs on the real clock: as if Sam had chosen the daily rhythm two days ago.
    const db = new Client({ connectionString: h.database.url });
    await db.connect();
    try {
      await db.query("UPDATE strategy SET rhythm_set_at = rhythm_set_at - interval '2 days' WHERE id = $1", [
        strips.id,
      ]);
    } finally {
      await db.end();
    }

    const { context, page } = await h.openSignedIn('sam');
    await menu(page, 'Waiting for you');
    const due = page.getByTestId('check-in-due').filter({ hasText: 'Test with fentanyl strips first' });
    await due.getByText("Check in every day · when you're ready").waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/overdue|late by|missed/i);
    await due.getByRole('button', { name: 'Check in: Test with fentanyl strips first' }).click();
    await accessibleAtBothWidths(page, DESKTOP);
    await due.getByLabel('Somewhat').check();
    await due.getByRole('button', { name: 'Save my check-in' }).click();
    await page.getByText('Thanks. Your check-in on “Test with fentanyl strips first” is saved.').waitFor();
    await due.waitFor({ state: 'detached' });
    await context.close();
  });

  it('Sam records a hard day with a reflection: shown neutrally, and every win is still there', async () => {
    const winsBefore = (await asSam<{ wins: { edges: { node: { id: string } }[] } }>(WINS)).wins.edges.map(
      (edge) => edge.node.id,
    );
    expect(winsBefore.length).toBeGreaterThan(0);
    const { context, page } = await h.openSignedIn('sam');
    await menu(page, 'How things are going');
    const wins = page.getByTestId('wins').locator(':scope > li');
    await wins.first().waitFor();
    const shownBefore = await wins.allInnerTexts();

    const form = page.getByRole('form', { name: 'Had a hard day?' });
    await form.getByLabel('What happened, in your words').fill('Bad news from the housing office. I went for a walk.');
    await accessibleAtBothWidths(page);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved. Your wins are still here.').waitFor();

    const setback = page
      .getByTestId('setbacks')
      .locator('li')
      .filter({ hasText: 'Bad news from the housing office. I went for a walk.' });
    await setback.getByText(/^A hard day on /).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/fail|relapse|overdue|streak/i);

    // The wins are all still shown, and still stored.
    await eventually(async () => (await wins.allInnerTexts()).length, shownBefore.length);
    expect(await wins.allInnerTexts()).toEqual(shownBefore);
    const winsAfter = (await asSam<{ wins: { edges: { node: { id: string } }[] } }>(WINS)).wins.edges.map(
      (edge) => edge.node.id,
    );
    expect(winsAfter).toEqual(winsBefore);
    const setbacks = (await asSam<{ setbacks: { reflection: string | null; label: string }[] }>(SETBACKS)).setbacks;
    expect(setbacks[0]).toEqual({
      reflection: 'Bad news from the housing office. I went for a walk.',
      label: 'GENERAL',
    });
    await context.close();
  });

  it('Alex sees Sam in the plan room only once Sam turns sharing on, on the Who sees what screen', async () => {
    const alexSide = await h.openSignedIn('cm@demo.test', DESKTOP);
    await goTo(alexSide.page, `/people/${samId}`);
    await alexSide.page.getByText('Their goals, in their order').waitFor();

    const samSide = await h.openSignedIn('sam');
    await samSide.page.getByText('Alex Rivera is looking at your plan').waitFor();
    await menu(samSide.page, 'Who sees what');
    const toggle = samSide.page.getByLabel('Let my team see when I am looking at my plan');
    await eventually(() => toggle.isChecked(), false);
    // Sharing is off: Alex's page never shows Sam (the server sends nothing of them).
    expect(await alexSide.page.locator('.presence').innerText()).not.toContain('Sam');

    await toggle.check();
    await samSide.page.getByText('Your team can now see when you are here.').waitFor();
    await alexSide.page.getByText('Sam is also looking at this plan').waitFor();
    await accessibleAtBothWidths(samSide.page, DESKTOP);
    await toggle.uncheck();
    await samSide.page.getByText('Your team can no longer see when you are here.').waitFor();
    await alexSide.page.getByText('Sam is also looking at this plan').waitFor({ state: 'detached' });
    await samSide.context.close();
    await alexSide.context.close();
  });
});
