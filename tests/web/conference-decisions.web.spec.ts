/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, type SignedIn } from '@roundtable/testing';
import {
  agendaItem,
  DESKTOP,
  eventually,
  goTo,
  menu,
  PHONE,
  recordReceived,
  signInAs,
  startWebHarnessWithSamAndAlex,
  type WebHarness,
} from './browser';
import { seriousAccessibilityViolations } from './accessibility';

const CONFERENCES = `query C($id: ID!) { conferences(participantId: $id) { id status } }`;
const PLAN = `query P($id: ID!) { plan(participantId: $id) { goals { text lifecycle steps { text } } looseSteps { text } } }`;
const SESSIONS = '{ mySessions { id } }';
const HIDDEN = 'Naloxone refresher';

interface PlanView {
  goals: { text: string; lifecycle: string; steps: { text: string }[] }[];
  looseSteps: { text: string }[];
}

/** The titles of the agenda as a page shows them, in order (the participant's update included). */
const agendaOf = (page: Page) => async () =>
  (await page.locator('[data-testid="agenda-item"] h3').allInnerTexts()).map((heading) =>
    heading.replace(/\s+/g, ' ').replace(/^\d+ /, '').replace(/ Now$/, ''),
  );

const decisionState = (page: Page, summary: string) => async () =>
  (await page.getByTestId('decision').filter({ hasText: summary }).getByTestId('decision-state').innerText()).replace(
    /\s+/g,
    ' ',
  );

/** The facilitator proposes a decision that adds a goal to Sam's plan (it waits for Sam, rule 1). */
async function proposeAGoal(page: Page, decision: { summary: string; goal: string; about: string }): Promise<void> {
  await page.getByLabel('Propose a decision').fill(decision.summary);
  await page.getByLabel('What it changes').selectOption({ label: 'Adds a goal to Sam’s plan' });
  await page.getByLabel('The goal, in plain words').fill(decision.goal);
  await page.getByLabel('What it is about').selectOption({ label: decision.about });
  await page.getByRole('button', { name: 'Propose', exact: true }).click();
}

const focused = (page: Page) => () => page.evaluate(() => document.activeElement?.textContent ?? '');

/** Everything a browser context keeps across reloads: cookies, and each page's local and session storage. */
async function keptBy(context: BrowserContext, page: Page): Promise<{ cookies: string[]; text: string }> {
  const state = await context.storageState();
  const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  return { cookies: state.cookies.map((cookie) => cookie.name).sort(), text: JSON.stringify(state) + session };
}

describe('Decisions, action items and the agenda in the live room, in three browsers against the real API', () => {
  let h: WebHarness, sam: SignedIn, alexApi: SignedIn, samId: string;
  beforeAll(async () => ({ h, sam, samId, alex: alexApi } = await startWebHarnessWithSamAndAlex()));
  afterAll(() => h?.close());

  const samsPlan = async () =>
    (await h.gql.data<{ plan: PlanView }>(PLAN, { id: samId }, { token: sam.accessToken })).plan;

  it('a decision waits for Sam until Sam agrees on their own phone; an action item becomes a step; Alex adds and moves a topic and Marcus’s phone follows', async () => {
    const { conferences } = await h.gql.data<{ conferences: { id: string; status: string }[] }>(
      CONFERENCES,
      { id: samId },
      { token: alexApi.accessToken },
    );
    const next = conferences.find((c) => c.status === 'SCHEDULED')!;

    const alexContext = await h.browser.newContext({ viewport: DESKTOP, locale: 'en-CA' });
    const alex = await alexContext.newPage();
    const marcusContext = await h.browser.newContext({ viewport: PHONE, locale: 'en-CA' });
    const marcus = await marcusContext.newPage();
    const marcusReceived = recordReceived(marcus);
    const samContext = await h.browser.newContext({ viewport: PHONE, locale: 'en-CA' });
    const samPhone = await samContext.newPage();

    await signInAs(alex, h.api.url, 'cm@demo.test');
    await goTo(alex, `/conferences/${next.id}`);
    await alex.getByRole('heading', { name: 'Care conference: Sam', level: 1 }).waitFor();
    await signInAs(marcus, h.api.url, 'housing@demo.test');
    await goTo(marcus, `/conferences/${next.id}`);
    await marcus.getByRole('heading', { name: 'Care conference: Sam', level: 1 }).waitFor();

    // Presence: each sees the other in the room (Sam shares nothing, so Sam is not listed).
    await eventually(async () => (await alex.getByTestId('room-presence').innerText()).trim(), 'Here now: Marcus Lee');
    await eventually(
      async () => (await marcus.getByTestId('room-presence').innerText()).trim(),
      'Here now: Alex Rivera',
    );

    // Alex adds a topic; Marcus's phone shows it without a reload.
    await alex.getByText('Add a topic to the agenda').click();
    await alex.getByLabel('Topic', { exact: true }).fill('Bus pass renewal');
    await alex.getByRole('button', { name: 'Add to the agenda' }).click();
    await alex.getByText('Added to the agenda: Bus pass renewal').waitFor();
    await eventually(agendaOf(marcus), ['Sam’s own update', 'Moving costs', 'Bus pass renewal']);
    // The 'Added' line can show a moment before the room's refetch lists the topic.
    await eventually(agendaOf(alex), ['Sam’s own update', 'Moving costs', HIDDEN, 'Bus pass renewal']);

    // Sam's update is item 1: it has no move buttons, and nothing offers to go above it.
    expect(await agendaItem(alex, 'Sam’s own update').getByRole('button', { name: /^Move/ }).count()).toBe(0);
    expect(await agendaItem(alex, 'Moving costs').getByRole('button', { name: 'Move up' }).count()).toBe(0);

    // With the keyboard, Alex moves "Bus pass renewal" up twice: focus follows the topic.
    await agendaItem(alex, 'Bus pass renewal').getByRole('button', { name: 'Move up' }).focus();
    await alex.keyboard.press('Enter');
    await eventually(agendaOf(alex), ['Sam’s own update', 'Moving costs', 'Bus pass renewal', HIDDEN]);
    await eventually(focused(alex), 'Move up');
    await alex.keyboard.press('Enter');
    await eventually(agendaOf(alex), ['Sam’s own update', 'Bus pass renewal', 'Moving costs', HIDDEN]);
    // At the top of the topics there is no "Move up": focus is on "Move down" of the same topic.
    await eventually(focused(alex), 'Move down');
    expect(
      await alex.evaluate(() => document.activeElement?.closest('[data-testid="agenda-item"]')?.textContent ?? ''),
    ).toContain('Bus pass renewal');
    // Marcus's phone follows the move, live.
    await eventually(agendaOf(marcus), ['Sam’s own update', 'Bus pass renewal', 'Moving costs']);

    // Start; "Next item" goes to the bus pass (Moving costs waits for Sam, who is not here).
    await alex.getByRole('button', { name: 'Start the meeting' }).click();
    await alex.getByRole('button', { name: 'Next item' }).click();
    await eventually(async () => alex.getByTestId('now-line').innerText(), 'Now on item 2: Bus pass renewal');
    await eventually(async () => marcus.getByTestId('now-line').innerText(), 'Now on item 2: Bus pass renewal');

    // A decision that adds a goal: nothing changes in Sam's plan while it waits.
    const summary = 'Sam joins the Tuesday walking group.';
    const goal = 'Join the Tuesday walking group';
    await proposeAGoal(alex, { summary, goal, about: 'People and support' });
    for (const page of [alex, marcus]) {
      await eventually(decisionState(page, summary), 'Waiting for Sam: nothing changes until they agree.');
    }
    expect((await samsPlan()).goals.map((g) => g.text)).not.toContain(goal);

    // Alex writes down Sam's "yes" with them, without a passphrase: it waits for Sam to confirm.
    const decision = alex.getByTestId('decision').filter({ hasText: summary });
    await decision.getByText('Sam answers here, with you').click();
    await decision.getByLabel('Sam agrees').check();
    await decision.getByRole('button', { name: 'Write it down for Sam to confirm' }).click();
    await decision.getByText('Written down. It waits for Sam to confirm on their own device.').waitFor();
    const waitsForSam =
      'Waiting for Sam to confirm: they agreed here with Alex Rivera. Nothing changes until they confirm on their own device.';
    for (const page of [alex, marcus]) await eventually(decisionState(page, summary), waitsForSam);
    expect((await samsPlan()).goals.map((g) => g.text)).not.toContain(goal);
    // Written down once: the form does not offer to write it down again.
    await decision.getByLabel('Sam agrees').check();
    await decision.getByRole('button', { name: 'Write it down for Sam to confirm' }).click();
    expect(await decision.getByRole('alert').innerText()).toContain('already waits for them to confirm');
    expect(await seriousAccessibilityViolations(alex)).toEqual([]);

    // Sam, on their own phone: the decision asks them to confirm what was written down with them.
    await signInAs(samPhone, h.api.url, 'sam');
    await menu(samPhone, 'Waiting for you');
    const card = samPhone.getByTestId('decision-to-answer').filter({ hasText: summary });
    await card.getByText('You said yes to this with Alex Rivera in the meeting.').waitFor();
    // Not listed twice: the answer is confirmed on the decision's own card.
    expect(await samPhone.getByText(`Agree: ${summary}`).count()).toBe(0);
    expect(await seriousAccessibilityViolations(samPhone)).toEqual([]);
    await card.getByRole('button', { name: 'Yes, that is my answer' }).click();
    await card.waitFor({ state: 'detached' });

    // Now, and only now, the goal is in Sam's plan; both room screens say so.
    const agreed = 'Sam agreed. The goal is now in Sam’s plan.';
    for (const page of [alex, marcus]) await eventually(decisionState(page, summary), agreed);
    expect((await samsPlan()).goals.find((g) => g.text === goal)?.lifecycle).toBe('ACTIVE');
    await menu(samPhone, 'My plan');
    await samPhone.getByTestId('plan').getByText(goal).waitFor();

    // An action item for Marcus, toward Sam's new goal, with a target date: a step in the plan.
    const action = 'Find the walking group’s meeting place';
    await alex.getByText('Add an action item').click();
    await alex.getByLabel('What will be done').fill(action);
    await alex.getByLabel('Who does it').selectOption({ label: 'Marcus Lee' });
    await alex.getByLabel('Toward which goal').selectOption({ label: goal });
    await alex.getByLabel(/^Target date/).fill('2030-03-14');
    await alex.getByRole('button', { name: 'Add action item' }).click();
    await alex.getByText(`Added to Sam’s plan as a step for Marcus Lee: ${action}`).waitFor();
    await eventually(
      async () => (await marcus.getByTestId('action-item').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ')),
      [`${action} Marcus Lee does it · target: 14 March 2030 · a step in Sam’s plan`],
    );
    expect((await samsPlan()).goals.find((g) => g.text === goal)?.steps.map((step) => step.text)).toEqual([action]);
    await samPhone.getByTestId('plan').getByText(action).waitFor();

    // A second one with no goal, for Sam: still a step, shown in Sam's plan with the other steps.
    const own = 'Ask the library about a bus pass';
    await alex.getByLabel('What will be done').fill(own);
    await alex.getByLabel('Toward which goal').selectOption({ label: 'No particular goal' });
    await alex.getByRole('button', { name: 'Add action item' }).click();
    await alex.getByText(`Added to Sam’s plan as a step for Sam: ${own}`).waitFor();
    expect((await samsPlan()).looseSteps.map((step) => step.text)).toContain(own);
    await samPhone.getByTestId('loose-steps').getByText(own).waitFor();

    // The room, checked at both sizes with its forms open.
    await marcus.getByTestId('decision').filter({ hasText: summary }).waitFor();
    expect(await seriousAccessibilityViolations(alex)).toEqual([]);
    expect(await seriousAccessibilityViolations(marcus)).toEqual([]);
    expect(await seriousAccessibilityViolations(samPhone)).toEqual([]);
    if (process.env.ROOM_SCREENSHOTS) {
      await marcus.screenshot({ path: `${process.env.ROOM_SCREENSHOTS}/room-decisions-360.png`, fullPage: true });
      await alex.screenshot({ path: `${process.env.ROOM_SCREENSHOTS}/room-decisions-1280.png`, fullPage: true });
    }
    // Marcus never received the substance-use topic, whatever moved around it.
    expect(marcusReceived.length).toBeGreaterThan(10);
    expect(marcusReceived.filter((body) => body.includes(HIDDEN))).toEqual([]);

    await Promise.all([alexContext.close(), marcusContext.close(), samContext.close()]);
  });

  it('Sam agrees by typing their own passphrase on Alex’s screen: it applies at once, and Alex’s browser keeps nothing of Sam', async () => {
    // A room of its own: scheduled, with a topic, and started.
    const scheduled = await h.gql.data<{ scheduleConference: { id: string } }>(
      'mutation S($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { id } }',
      {
        input: {
          participantId: samId,
          title: 'Housing check-in',
          scheduledFor: new Date(Date.now() + 86_400_000).toISOString(),
          timeZone: 'America/Vancouver',
          participantAttends: false,
        },
      },
      { token: alexApi.accessToken },
    );
    const conferenceId = scheduled.scheduleConference.id;
    const added = await h.gql.data<{ addAgendaItem: { version: number } }>(
      'mutation A($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { version } }',
      { input: { conferenceId, title: 'A letter for the landlord' } },
      { token: alexApi.accessToken },
    );
    await h.gql.data(
      'mutation S($input: ConferenceStepInput!) { startConference(input: $input) { id } }',
      { input: { conferenceId, expectedVersion: added.addAgendaItem.version } },
      { token: alexApi.accessToken },
    );
    const samsSessions = async () =>
      (await h.gql.data<{ mySessions: unknown[] }>(SESSIONS, {}, { token: sam.accessToken })).mySessions.length;
    const sessionsBefore = await samsSessions();

    const { context: alexContext, page: alex } = await h.openSignedIn('cm@demo.test');
    await goTo(alex, `/conferences/${conferenceId}`);
    await alex.getByRole('heading', { name: 'Housing check-in: Sam', level: 1 }).waitFor();
    await alex.getByRole('button', { name: 'Next item' }).click();
    await eventually(async () => alex.getByTestId('now-line').innerText(), 'Now on item 2: A letter for the landlord');

    const summary = 'Sam keeps a folder for housing papers.';
    const goal = 'Keep a folder for housing papers';
    await proposeAGoal(alex, { summary, goal, about: 'Home' });
    await eventually(decisionState(alex, summary), 'Waiting for Sam: nothing changes until they agree.');
    const keptBefore = await keptBy(alexContext, alex);

    // Sam types their own passphrase on Alex's phone: the answer is theirs at once.
    const decision = alex.getByTestId('decision').filter({ hasText: summary });
    await decision.getByText('Sam answers here, with you').click();
    await decision.getByLabel('Sam agrees').check();
    const passphrase = decision.getByLabel(/^Sam’s passphrase/);
    await passphrase.fill(DEMO_PASSWORD);
    expect(await passphrase.getAttribute('type')).toBe('password');
    expect(await passphrase.getAttribute('autocomplete')).toBe('off');
    expect(await seriousAccessibilityViolations(alex)).toEqual([]);
    await decision.getByRole('button', { name: 'Record Sam’s answer now' }).click();
    // The form's own "Recorded: …" line goes with the form once the decision is agreed (the
    // refetch can beat a check for it); the decision's state line below is what stays.
    await eventually(
      decisionState(alex, summary),
      'Sam agreed. Sam typed their own passphrase on Alex Rivera’s screen. The goal is now in Sam’s plan.',
    );
    expect((await samsPlan()).goals.find((g) => g.text === goal)?.lifecycle).toBe('ACTIVE');
    // Nothing waits for Sam about it.
    const waiting = await h.gql.data<{ waitingForYou: { decisionsToAnswer: { summary: string }[] } }>(
      '{ waitingForYou { decisionsToAnswer { summary } } }',
      {},
      { token: sam.accessToken },
    );
    expect(waiting.waitingForYou.decisionsToAnswer.map((d) => d.summary)).not.toContain(summary);

    // No sign-in opened for Sam; Alex's browser holds nothing new and no trace of the passphrase,
    // the field is empty, and Alex is still Alex.
    expect(await samsSessions()).toBe(sessionsBefore);
    const keptAfter = await keptBy(alexContext, alex);
    expect(keptAfter.text).not.toContain(DEMO_PASSWORD);
    expect(keptAfter.cookies).toEqual(keptBefore.cookies);
    expect(await decision.getByLabel(/^Sam’s passphrase/).count()).toBe(0);
    await alex.getByRole('button', { name: 'Sign out' }).waitFor();
    await goTo(alex, '/');
    await alex.getByRole('heading', { name: 'My people' }).waitFor();

    await alexContext.close();
  });
});
