/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, signIn, type SignedIn } from '@roundtable/testing';
import {
  DESKTOP,
  eventually,
  expectNeverReached,
  goTo,
  menu,
  startWebHarnessWithSam,
  type WebHarness,
} from './browser';
import { seriousAccessibilityViolations } from './accessibility';

const GOALS = `query P($id: ID!) { plan(participantId: $id) { goals { id text label lifecycle steps { text label } } } }`;
interface Goals {
  plan: {
    goals: { id: string; text: string; label: string; lifecycle: string; steps: { text: string; label: string }[] }[];
  };
}
const HOME_GOAL = 'Get my own place where Biscuit can live with me';

/**
 * Issue 17, staff flows: a team member writes in the participant's plan from their screen.
 * Suggestions wait for the participant (rule 1), a suggestion to cut down names what helps
 * instead (rule 9), language hints are advice that never blocks saving, and a stricter label
 * chosen from a hint keeps what is written from everyone it leaves out (rule 10).
 */
describe("a team member writing in the participant's plan, in Chromium against the real API and PostgreSQL", () => {
  let h: WebHarness, sam: SignedIn, samId: string;
  beforeAll(async () => ({ h, sam, samId } = await startWebHarnessWithSam()));
  afterAll(() => h?.close());

  const goalsAsSam = async () => (await h.gql.data<Goals>(GOALS, { id: samId }, { token: sam.accessToken })).plan.goals;

  it('Alex suggests a goal to cut down (asked for what helps instead, hinted, never blocked); it waits until Sam says yes on their phone, then shows on both screens, never on Marcus’s', async () => {
    const canary = `weekends ${Date.now().toString(36)}`;
    const text = `Use less fentanyl on ${canary}, away from the addict crowd at the bridge`;
    const marcus = await h.openSignedInRecording('housing@demo.test');
    await goTo(marcus.page, `/people/${samId}`);
    await marcus.page.getByText(HOME_GOAL).waitFor();

    const alex = await h.openSignedIn('cm@demo.test', DESKTOP);
    await goTo(alex.page, `/people/${samId}`);
    await alex.page.getByText('Suggest a goal').click();
    await alex.page.getByLabel('The goal, in plain words').fill(text);
    // The hint arrives while typing, with the person-first words.
    await alex.page.getByText('Instead of “addict”').waitFor();
    await alex.page.getByRole('checkbox', { name: 'Use less' }).check();
    await alex.page.getByRole('group', { name: 'What can help instead' }).waitFor();
    expect(await seriousAccessibilityViolations(alex.page)).toEqual([]);
    await alex.page.getByRole('button', { name: 'Send to Sam' }).click();
    await alex.page.getByText('Choose what can help instead first.').waitFor();
    expect((await goalsAsSam()).some((goal) => goal.text === text)).toBe(false);

    await alex.page
      .getByRole('group', { name: 'What can help instead' })
      .getByLabel('Carry naloxone and show a friend how to use it')
      .check();
    await alex.page.getByRole('button', { name: 'Send to Sam' }).click();
    await alex.page.getByText(`Sent to Sam: “${text}”. It waits for their answer.`).waitFor();
    const proposed = alex.page.getByTestId('proposed-goals').locator('li').filter({ hasText: text });
    await proposed.getByText('Substance use').waitFor();
    // Waiting: not among Sam's goals until Sam agrees (rule 1).
    expect(await alex.page.getByTestId('goals').getByText(text).count()).toBe(0);
    expect((await goalsAsSam()).find((goal) => goal.text === text)).toMatchObject({
      lifecycle: 'PROPOSED',
      label: 'SUBSTANCE_USE',
    });

    const samSide = await h.openSignedIn('sam');
    await menu(samSide.page, 'Waiting for you');
    const proposal = samSide.page.getByTestId('proposal').filter({ hasText: text });
    await proposal.getByText('Suggested by Alex Rivera').waitFor();
    await proposal.getByRole('button', { name: 'Add to my plan' }).click();
    await menu(samSide.page, 'My plan');
    await samSide.page.getByTestId('goals').getByText(text).waitFor();
    // Alex's open page follows live: the goal moves from "waiting" to Sam's goals.
    await alex.page.getByTestId('goals').getByText(text).waitFor();
    await eventually(async () => alex.page.getByTestId('proposed-goals').getByText(text).count(), 0);

    await marcus.page.waitForLoadState('networkidle');
    await expectNeverReached(marcus.page, marcus.received, [canary]);
    for (const side of [marcus, alex, samSide]) await side.context.close();
  });

  it('hints never block saving, and a stricter label chosen from a hint keeps the step from Marcus’s open page while his page takes in the next one', async () => {
    const hidden = `Ask about the methadone clinic near ${Date.now().toString(36)} Street`;
    const asWritten = 'Meet the addict outreach worker at the library';
    const general = `Walk past the new place together ${Date.now().toString(36)}`;
    const marcus = await h.openSignedInRecording('housing@demo.test');
    await goTo(marcus.page, `/people/${samId}`);
    await marcus.page.getByText(HOME_GOAL).waitFor();

    const alex = await h.openSignedIn('cm@demo.test');
    await goTo(alex.page, `/people/${samId}`);
    const home = alex.page.locator('[data-goal-id]').filter({ hasText: HOME_GOAL });
    await home.getByText('Add a step').click();
    const field = home.getByRole('textbox', { name: `The step ${HOME_GOAL}` });

    // A hint on the words, and the step saved exactly as written: advice, never a gate.
    await field.fill(asWritten);
    await home.getByText('Instead of “addict”').waitFor();
    await home.getByRole('button', { name: 'Add the step' }).click();
    await home.getByText(`Added: ${asWritten}`).waitFor();
    await marcus.page.getByText(asWritten).waitFor();

    // Substance-use words in a housing step: one click keeps it to those who see substance use.
    await field.fill(hidden);
    await home.getByRole('button', { name: 'Keep it to “Substance use”' }).click();
    expect(await home.getByLabel('Who sees this').inputValue()).toBe('SUBSTANCE_USE');
    expect(await seriousAccessibilityViolations(alex.page)).toEqual([]);
    await home.getByRole('button', { name: 'Add the step' }).click();
    await home.getByText(`Added: ${hidden}`).waitFor();
    await field.fill(general);
    await home.getByRole('button', { name: 'Add the step' }).click();
    // Marcus's page is live (the next step arrives) and never received the hidden one.
    await marcus.page.getByText(general).waitFor();
    await marcus.page.waitForLoadState('networkidle');
    const steps = (await goalsAsSam()).find((goal) => goal.text === HOME_GOAL)!.steps;
    expect(steps.find((step) => step.text === hidden)?.label).toBe('SUBSTANCE_USE');
    await expectNeverReached(marcus.page, marcus.received, [hidden]);
    await alex.page.getByText(hidden).waitFor();
    for (const side of [marcus, alex]) await side.context.close();
  });

  it('Marcus records nights housed from his phone and gives his own view of a stage, kept beside Sam’s, which Sam reads', async () => {
    const marcus = await h.openSignedIn('housing@demo.test');
    await goTo(marcus.page, `/people/${samId}/progress`);
    const nights = marcus.page.getByTestId('metric').filter({ hasText: 'Nights housed (last 30)' });
    await nights.getByLabel("Today's value").fill('27');
    await nights.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => /to 27\b/.test(await nights.getByTestId('metric-summary').innerText()), true);
    expect(await seriousAccessibilityViolations(marcus.page)).toEqual([]);

    await goTo(marcus.page, `/people/${samId}`);
    const home = marcus.page.locator('[data-goal-id]').filter({ hasText: HOME_GOAL });
    const samSays = await home.getByText(/^Where they are:/).innerText();
    await home.getByLabel('Your view (kept beside theirs)').selectOption('ACTION');
    const sam = await h.openSignedIn('sam');
    const samsGoal = sam.page.locator('[data-goal-id]').filter({ hasText: HOME_GOAL });
    await samsGoal.getByText('Marcus Lee’s view: Doing it now (action)').waitFor();
    // Sam's own rating is untouched: the team's view sits beside it, never in its place (rule 7).
    expect(await home.getByText(/^Where they are:/).innerText()).toBe(samSays);
    for (const side of [marcus, sam]) await side.context.close();
  });

  it('a hard day recorded with Sam waits for Sam on their phone; with Sam’s passphrase typed on Alex’s screen it is Sam’s at once, and Alex’s browser keeps nothing of Sam’s', async () => {
    const waiting = `A rough weekend at the shelter ${Date.now().toString(36)}`;
    const cosigned = `Could not sleep before the viewing ${Date.now().toString(36)}`;
    const alex = await h.openSignedIn('cm@demo.test', DESKTOP);
    await goTo(alex.page, `/people/${samId}/progress`);
    const form = alex.page.getByRole('form', { name: 'A hard day, recorded with Sam' });
    await form.getByLabel(/What happened/).fill(waiting);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved. It waits for Sam to confirm it.').waitFor();
    // Listed, and said plainly to be waiting for Sam: it counts only once Sam confirms it.
    const listed = alex.page.getByTestId('setbacks').locator('li').filter({ hasText: waiting });
    await listed.getByText('Waiting for Sam to confirm it.').waitFor();

    const sam = await h.openSignedIn('sam');
    await menu(sam.page, 'Waiting for you');
    const entry = sam.page.locator('li.card').filter({ hasText: waiting });
    await entry.getByText('Written with Alex Rivera').waitFor();
    await entry.getByRole('button', { name: 'Yes, this is right' }).click();
    await listed.getByText('Waiting for Sam to confirm it.').waitFor({ state: 'detached' });

    const cookiesBefore = (await alex.context.cookies()).map((cookie) => cookie.name).sort();
    await form.getByLabel(/What happened/).fill(cosigned);
    await form.getByLabel(/Sam’s passphrase/).fill(DEMO_PASSWORD);
    expect(await seriousAccessibilityViolations(alex.page)).toEqual([]);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved as Sam’s own.').waitFor();
    await alex.page.getByTestId('setbacks').getByText(cosigned).waitFor();
    expect(await form.getByLabel(/Sam’s passphrase/).inputValue()).toBe('');
    // The co-sign opened no session for Sam in Alex's browser: still Alex, and no cookie or storage of Sam's.
    expect(await alex.page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    const stored = JSON.stringify(
      await alex.page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } })),
    );
    expect(stored).not.toContain(DEMO_PASSWORD);
    expect((await alex.context.cookies()).map((cookie) => cookie.name).sort()).toEqual(cookiesBefore);
    for (const side of [alex, sam]) await side.context.close();
  });

  it('Alex offers a support with a hint on the words; Sam sees it arrive on their open plan and says yes', async () => {
    const offer = `A quiet room at the drop-in on ${Date.now().toString(36)}`;
    const sam = await h.openSignedIn('sam');
    const alex = await h.openSignedIn('cm@demo.test');
    await goTo(alex.page, `/people/${samId}`);
    await alex.page.getByText('Offer a support').click();
    await alex.page.getByLabel('What you are offering, in plain words').fill(offer);
    await alex.page.getByLabel('Kind of offer').selectOption('RESOURCE');
    expect(await seriousAccessibilityViolations(alex.page)).toEqual([]);
    await alex.page.getByRole('button', { name: 'Offer it to Sam' }).click();
    await alex.page.getByText(`Offered to Sam: “${offer}”.`).waitFor();
    const card = sam.page.locator('li.card').filter({ hasText: offer });
    await card.getByRole('button', { name: 'Yes, please' }).click();
    await alex.page.locator('li.card').filter({ hasText: offer }).getByText('They said yes').waitFor();
    for (const side of [alex, sam]) await side.context.close();
  });

  /** Alex saves a step for everyone on the team (over the API); Marcus (housing) opens Sam's plan and sees it. */
  async function alexSavesAStepForEveryoneThatMarcusSees(text: string) {
    const alexApi = await signIn(h.gql, 'cm@demo.test');
    await h.gql.data(
      'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }',
      { input: { participantId: samId, text } },
      { token: alexApi.accessToken },
    );
    const marcus = await h.openSignedIn('housing@demo.test');
    await goTo(marcus.page, `/people/${samId}`);
    await marcus.page.getByText(text).waitFor();
    return marcus;
  }

  /**
   * On `side` (a page on Sam's plan) makes that loose step stricter from its "Who sees this"
   * control (`opener`), choosing `label` (explained as `says`); the step leaves Marcus's open page
   * at once, without a reload, and stays on the page that changed it.
   */
  async function makeStricterOnScreen(
    side: Page,
    marcus: Page,
    text: string,
    { opener, label, says }: { opener: string; label: string; says: string },
  ) {
    const step = side.getByTestId('loose-steps').locator('li').filter({ hasText: text });
    await step.getByText(opener).click();
    await step.getByLabel('Who should see it from now on').selectOption(label);
    await step.getByText(says).waitFor();
    expect(await seriousAccessibilityViolations(side)).toEqual([]);
    await step.getByRole('button', { name: 'Make it stricter' }).click();
    await marcus.getByText(text).waitFor({ state: 'detached' });
    await side.getByText(text).waitFor();
    expect(await marcus.content()).not.toContain(text);
  }

  it('Alex makes a step he saved for everyone stricter (substance use): it leaves Marcus’s open page at once', async () => {
    const text = `Talk through the methadone dose before ${Date.now().toString(36)}`;
    const marcus = await alexSavesAStepForEveryoneThatMarcusSees(text);
    // Marcus did not write it: no control to change who sees it.
    expect(await marcus.page.locator('li').filter({ hasText: text }).getByText('Who sees this:').count()).toBe(0);

    const alex = await h.openSignedIn('cm@demo.test');
    await goTo(alex.page, `/people/${samId}`);
    await makeStricterOnScreen(alex.page, marcus.page, text, {
      opener: 'Who sees this: Everyone on your team · make stricter',
      label: 'SUBSTANCE_USE',
      says: 'Only people who see “Substance use” will see it',
    });
    const { plan } = await h.gql.data<{ plan: { looseSteps: { text: string; label: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { looseSteps { text label } } }',
      { id: samId },
      { token: sam.accessToken },
    );
    expect(plan.looseSteps.find((step) => step.text === text)?.label).toBe('SUBSTANCE_USE');
    for (const side of [marcus, alex]) await side.context.close();
  });

  it('Sam makes a step Alex wrote more private on their own phone: the choice is theirs, and it leaves Marcus’s open page at once', async () => {
    const text = `Ask the legal clinic about the ticket ${Date.now().toString(36)}`;
    const marcus = await alexSavesAStepForEveryoneThatMarcusSees(text);

    const phone = await h.openSignedIn('sam');
    await goTo(phone.page, '/plan');
    await makeStricterOnScreen(phone.page, marcus.page, text, {
      opener: 'Who sees this: Everyone on your team · make it more private',
      label: 'LEGAL',
      says: 'Only the people you show “Legal” to will see it',
    });
    for (const side of [marcus, phone]) await side.context.close();
  });

  it('Dr. Natarajan starts tracking HbA1c beside Sam’s own measures and records its first value; housing never sees it', async () => {
    const md = await h.openSignedIn('md@demo.test', DESKTOP);
    await goTo(md.page, `/people/${samId}/progress`);
    await md.page.getByText('Track a clinical measure').click();
    await md.page.getByLabel('Which measure').selectOption('HBA1C');
    await md.page.getByText('Who will see it:').getByText('Health').waitFor();
    expect(await seriousAccessibilityViolations(md.page)).toEqual([]);
    await md.page.getByRole('button', { name: 'Start tracking it' }).click();
    await md.page.getByText('Now tracking: HbA1c.').waitFor();
    const card = md.page.getByTestId('metric').filter({ hasText: 'HbA1c' });
    await card.getByLabel("Today's value").fill('7.2');
    await card.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => /7[.,]2/.test(await card.getByTestId('metric-summary').innerText()), true);

    const marcus = await h.openSignedInRecording('housing@demo.test');
    await goTo(marcus.page, `/people/${samId}/progress`);
    await marcus.page.getByText('Nights housed (last 30)').first().waitFor();
    await marcus.page.waitForLoadState('networkidle');
    expect(await marcus.page.getByRole('main').innerText()).not.toContain('HbA1c');
    expect(marcus.received.filter((body) => body.includes('HbA1c') && !body.includes('clinicalCatalogue'))).toEqual([]);
    for (const side of [md, marcus]) await side.context.close();
  });
});
