/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { addCareTeamMember, errorCode, signIn, signInDemo, type SignedIn } from '@roundtable/testing';
import {
  DESKTOP,
  eventually,
  expectNeverReached,
  menu,
  newPage,
  PHONE,
  startWebHarness,
  type WebHarness,
} from './browser';
import { accessibleAtBothWidths, seriousAccessibilityViolations } from './accessibility';

const PLAN = 'query P($id: ID!) { plan(participantId: $id) { vision { text } goals { text steps { text } } } }';
interface PlanTexts {
  plan: { vision: { text: string } | null; goals: { text: string; steps: { text: string }[] }[] };
}
const ACCESS = `id status review { note }`;
const REQUEST_ACCESS = `mutation R($input: RequestEmergencyAccessInput!) { requestEmergencyAccess(input: $input) { ${ACCESS} } }`;
const END_ACCESS = `mutation E($input: EmergencyAccessIdInput!) { endEmergencyAccess(input: $input) { ${ACCESS} } }`;
const ACCESSES = `query A($id: ID!) { emergencyAccesses(participantId: $id) { ${ACCESS} } }`;
const COMPLETE = 'mutation C($input: CompleteSignInSetupInput!) { completeSignInSetup(input: $input) { accessToken } }';
const AWAITING = '{ signInSetupCodesAwaitingApproval { id accountDisplayName } }';
const ACCEPT =
  'mutation A($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { accessToken } }';
const ME = '{ me { id status } }';
const CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

interface Access {
  id: string;
  status: string;
  review: { note: string } | null;
}

/** Reaches a control with the Tab key alone (its accessible name or text), as a keyboard user would. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 120; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element ? (element.getAttribute('aria-label') ?? element.innerText ?? '').trim() : '';
    });
    if (focused === name) return;
  }
  throw new Error(`“${name}” cannot be reached with the Tab key`);
}

async function menuNames(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
}

/**
 * Issue 17, the program screens: an administrator invites staff (the code shown once) and
 * never receives plan content; a supervisor confirms them (never the inviter), approves and
 * reviews emergency access (the participant reads the review, rule 12); a case manager adds
 * a person and asks for their set-up code, which works only after a second team member
 * approves it from their own account, never the requester (rule 1).
 */
describe('program screens, in Chromium against the real API and PostgreSQL', () => {
  let h: WebHarness;
  let as: Record<string, SignedIn>;
  let samId: string;
  let planTexts: string[];
  beforeAll(async () => {
    h = await startWebHarness();
    as = await signInDemo(h.gql, ['sam', 'cm', 'md', 'supervisor']);
    samId = as.sam.account.participantId!;
    const { plan } = await h.gql.data<PlanTexts>(PLAN, { id: samId }, { token: as.sam.accessToken });
    planTexts = [
      ...(plan.vision ? [plan.vision.text] : []),
      ...plan.goals.flatMap((goal) => [goal.text, ...goal.steps.map((step) => step.text)]),
    ];
    expect(planTexts.length).toBeGreaterThan(3);
  });
  afterAll(() => h?.close());

  const neverReceivedPlanContent = async (page: Page, received: string[]) => {
    await page.waitForLoadState('networkidle');
    await expectNeverReached(page, received, planTexts);
  };

  it('the administrator invites a staff member and sees the code once; a supervisor confirms them; the administrator deactivates them with a reason and reactivates them; no plan content ever reaches the administrator', async () => {
    const admin = await h.openSignedInRecording('admin@demo.test');
    // The administrator's home is the staff accounts; nothing about participants is offered.
    await admin.page.getByRole('heading', { name: 'Staff accounts', level: 1 }).waitFor();
    await admin.page.getByTestId('staff-account').filter({ hasText: 'Alex Rivera' }).waitFor();
    expect(await menuNames(admin.page)).toEqual(['Staff accounts', 'My devices']);
    await accessibleAtBothWidths(admin.page);

    await admin.page.getByLabel('Their name').fill('Casey Morgan');
    await admin.page.getByLabel('Their work email').fill('casey@demo.test');
    await admin.page.getByRole('button', { name: 'Create the invitation' }).click();
    await admin.page.getByText('Choose what they do.').waitFor();
    await admin.page.getByLabel('What they do').selectOption({ label: 'Nurse' });
    await admin.page.getByRole('button', { name: 'Create the invitation' }).click();

    const invitation = admin.page.getByTestId('invitation');
    await invitation.getByRole('heading', { name: 'Invitation code for Casey Morgan' }).waitFor();
    const code = (await invitation.locator('code').innerText()).trim();
    expect(code).toMatch(CODE);
    await invitation.getByText('This code is shown only now.').waitFor();
    await invitation.getByText('Then a supervisor must confirm the account before Casey Morgan can work').waitFor();
    // Focus moves to the code, so a screen reader hears it is there.
    expect(await admin.page.evaluate(() => document.activeElement?.id)).toBe('invitation-title');
    await accessibleAtBothWidths(admin.page);
    await invitation.getByRole('button', { name: 'Done: hide the code' }).click();
    expect(await admin.page.content()).not.toContain(code);
    const casey = admin.page.getByTestId('staff-account').filter({ hasText: 'Casey Morgan' });
    await casey.getByText('Waiting for a supervisor to confirm').waitFor();
    await casey.getByText('Has not chosen a password yet').waitFor();

    // Casey chooses a password with the code; the account cannot act until a supervisor confirms it.
    await h.gql.data(ACCEPT, { input: { code, password: 'casey chooses a long one' } });
    const caseyIn = await signIn(h.gql, 'casey@demo.test', 'casey chooses a long one');
    expect(errorCode(await h.gql.request(ME, {}, { token: caseyIn.accessToken }))).toBe('FORBIDDEN');

    const supervisor = await h.openSignedIn('supervisor@demo.test', DESKTOP);
    await menu(supervisor.page, 'Program');
    const toConfirm = supervisor.page.getByTestId('staff-to-confirm').filter({ hasText: 'Casey Morgan' });
    await toConfirm.getByText('Nurse').waitFor();
    await tabTo(supervisor.page, 'Confirm Casey Morgan');
    await supervisor.page.keyboard.press('Enter');
    await supervisor.page.getByText('Casey Morgan is confirmed and can start working in Roundtable.').waitFor();
    await eventually(() => supervisor.page.getByTestId('staff-to-confirm').count(), 0);
    expect(await h.gql.data(ME, {}, { token: caseyIn.accessToken })).toMatchObject({ me: { status: 'ACTIVE' } });

    // Deactivating asks why, every time; the reason is kept for Casey to read.
    await admin.page.reload();
    await casey.getByText('Can sign in').waitFor();
    await casey.getByText('Deactivate Casey Morgan', { exact: true }).click();
    await casey.getByRole('button', { name: 'Deactivate Casey Morgan’s account' }).click();
    await casey.getByText('Write why first.').waitFor();
    expect(await h.gql.data(ME, {}, { token: caseyIn.accessToken })).toMatchObject({ me: { status: 'ACTIVE' } });
    await casey.getByLabel('Why').fill('Left the program at the end of March');
    await accessibleAtBothWidths(admin.page);
    await casey.getByRole('button', { name: 'Deactivate Casey Morgan’s account' }).click();
    await admin.page.getByText('Casey Morgan is deactivated and signed out everywhere.').waitFor();
    await casey.getByText('Reason: “Left the program at the end of March”').waitFor();
    expect(errorCode(await h.gql.request(ME, {}, { token: caseyIn.accessToken }))).toBe('UNAUTHENTICATED');
    await casey.getByRole('button', { name: 'Reactivate Casey Morgan' }).click();
    await admin.page.getByText('Casey Morgan’s account works again.').waitFor();
    await casey.getByText('Can sign in').waitFor();
    await signIn(h.gql, 'casey@demo.test', 'casey chooses a long one');

    // An administrator's own account offers no deactivating themselves.
    const robin = admin.page.getByTestId('staff-account').filter({ hasText: 'Robin Okafor' });
    await robin.getByText('Can sign in').waitFor();
    expect(await robin.getByText('Deactivate Robin Okafor', { exact: true }).count()).toBe(0);
    await neverReceivedPlanContent(admin.page, admin.received);
    for (const side of [admin, supervisor]) await side.context.close();
  });

  it('a case manager adds a person and asks for their set-up code; it works only after a second team member approves it (never the requester); the person then sets up their own sign-in with it', async () => {
    const alex = await h.openSignedIn('cm@demo.test');
    expect(await menuNames(alex.page)).toEqual(['My people', 'Add a person', 'My devices']);
    await menu(alex.page, 'Add a person');
    await accessibleAtBothWidths(alex.page);
    await alex.page.getByRole('button', { name: 'Add this person' }).click();
    await alex.page.getByText('Write the name they want to be called.').waitFor();
    await alex.page.getByLabel('The name they want to be called').fill('Jamie Lin');
    await alex.page.getByLabel('Pronouns (if they want to share them)').fill('they/them');
    await alex.page.getByRole('button', { name: 'Add this person' }).click();
    await alex.page.getByText('Jamie Lin is added. You are their main case manager.').waitFor();
    const jamieId = (await alex.page.getByRole('link', { name: 'Open Jamie Lin’s plan' }).getAttribute('href'))!.split(
      '/',
    )[2];

    await alex.page.getByText('A second team member approves it from their own account').waitFor();
    await alex.page.getByRole('button', { name: 'Ask for a set-up code' }).click();
    const card = alex.page.getByTestId('setup-code');
    await card.getByRole('heading', { name: 'Set-up code for Jamie Lin' }).waitFor();
    const code = (await card.locator('code').innerText()).trim();
    expect(code).toMatch(CODE);
    await card.getByText('Waiting for a second team member to approve it. It does not work yet.').waitFor();
    await card.getByText(/^It works once, until /).waitFor();
    await accessibleAtBothWidths(alex.page);

    // Not yet approved: the code does not work.
    const tooEarly = await h.gql.request(COMPLETE, {
      input: { code, username: 'jamie.lin', passphrase: 'too early to work' },
    });
    expect(errorCode(tooEarly)).toBe('BAD_USER_INPUT');

    // Alex's own home offers no approving their own request; the API refuses it too.
    const alexHome = await h.openSignedIn('cm@demo.test', DESKTOP);
    await alexHome.page.getByRole('heading', { name: 'My people', level: 1 }).waitFor();
    await alexHome.page.waitForLoadState('networkidle');
    await alexHome.page.getByRole('link', { name: 'Jamie Lin' }).waitFor();
    expect(await alexHome.page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    const cmWaiting = await h.gql.data<{ signInSetupCodesAwaitingApproval: { id: string }[] }>(
      AWAITING,
      {},
      { token: as.cm.accessToken },
    );
    expect(cmWaiting.signInSetupCodesAwaitingApproval).toEqual([]);

    // The supervisor could approve it from the Program screen, and never sees the code.
    const supervisor = await h.openSignedIn('supervisor@demo.test');
    await menu(supervisor.page, 'Program');
    const onProgram = supervisor.page.getByTestId('setup-code-to-approve').filter({ hasText: 'Jamie Lin' });
    await onProgram.getByText('Alex Rivera asked for a sign-in code for Jamie Lin').waitFor();
    await onProgram.getByText('You will not see the code: Alex Rivera gives it to them.').waitFor();
    await onProgram.getByRole('button', { name: 'Approve the code for Jamie Lin' }).waitFor();
    expect(await supervisor.page.content()).not.toContain(code);

    // Dr. Natarajan joins Jamie's team and approves from her own home screen, with the keyboard.
    const md = await addCareTeamMember(h.gql, as.cm.accessToken, {
      participantId: jamieId,
      accountId: as.md.account.id,
    });
    expect(md.displayName).toBe('Dr. Priya Natarajan');
    const priya = await h.openSignedInRecording('md@demo.test');
    const onHome = priya.page.getByTestId('setup-code-to-approve').filter({ hasText: 'Jamie Lin' });
    await onHome
      .getByText('Approve only if you know Alex Rivera is with Jamie Lin and Jamie Lin wants this.')
      .waitFor();
    await accessibleAtBothWidths(priya.page);
    await tabTo(priya.page, 'Approve the code for Jamie Lin');
    await priya.page.keyboard.press('Enter');
    await priya.page.getByText('Approved. Alex Rivera can now give Jamie Lin the code.').waitFor();
    await expectNeverReached(priya.page, priya.received, [code]);

    // Alex's screen follows: approved, by whom; the code now works.
    await card.getByText('Approved by Dr. Priya Natarajan. It works now: Jamie Lin can use it.').waitFor();

    const jamie = await newPage(h.browser, PHONE);
    await jamie.page.goto(`${h.api.url}/setup`);
    await jamie.page.getByLabel('Set-up code').fill(code.toLowerCase());
    await jamie.page.getByLabel('Choose a username').fill('jamie.lin');
    await jamie.page.getByLabel('Choose a passphrase').fill('blue kettle on the windowsill');
    await jamie.page.getByRole('button', { name: 'Set up and sign in' }).click();
    await jamie.page.getByRole('heading', { name: 'Write down your recovery codes' }).waitFor();
    await jamie.page.getByRole('button', { name: 'I wrote them down' }).click();
    await jamie.page.getByRole('heading', { name: 'My plan' }).waitFor();
    expect(await signIn(h.gql, 'jamie.lin', 'blue kettle on the windowsill')).toMatchObject({
      account: { participantId: jamieId },
    });
    await card.getByText('Used: Jamie Lin’s sign-in is set up.').waitFor();

    // Used once: it never works again, and it waits for nobody any more.
    const again = await h.gql.request(COMPLETE, {
      input: { code, username: 'jamie.lin', passphrase: 'someone else trying it' },
    });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    for (const who of [as.md, as.supervisor]) {
      const waiting = await h.gql.data<{ signInSetupCodesAwaitingApproval: { accountDisplayName: string }[] }>(
        AWAITING,
        {},
        { token: who.accessToken },
      );
      expect(
        waiting.signInSetupCodesAwaitingApproval.filter((entry) => entry.accountDisplayName === 'Jamie Lin'),
      ).toEqual([]);
    }
    for (const side of [alex, alexHome, supervisor, priya, jamie]) await side.context.close();
  });

  it('the supervisor approves a repeat emergency access and reviews ended ones, with a note Sam reads; the program screen shows names and care teams, never plan content', async () => {
    const reason = 'Sam was brought in unresponsive; I need the medication history';
    const request = () =>
      h.gql.data<{ requestEmergencyAccess: Access }>(
        REQUEST_ACCESS,
        { input: { participantId: samId, reason } },
        { token: as.md.accessToken },
      );
    const end = (id: string) =>
      h.gql.data(END_ACCESS, { input: { emergencyAccessId: id } }, { token: as.md.accessToken });
    const first = (await request()).requestEmergencyAccess;
    expect(first.status).toBe('OPEN');
    await end(first.id);
    // A repeat soon after waits for a supervisor and opens nothing until then.
    const repeat = (await request()).requestEmergencyAccess;
    expect(repeat.status).toBe('AWAITING_APPROVAL');

    const supervisor = await h.openSignedInRecording('supervisor@demo.test');
    expect(await menuNames(supervisor.page)).toEqual(['My people', 'Program', 'Add a person', 'My devices']);
    await menu(supervisor.page, 'Program');
    const sam = supervisor.page.getByTestId('roster-entry').filter({ hasText: 'Sam' });
    await sam.getByText('Alex Rivera').waitFor();
    await sam.getByText('Main case manager').waitFor();

    const toApprove = supervisor.page.getByTestId('access-to-approve');
    await toApprove.getByText('Dr. Priya Natarajan asks again for emergency access to Sam’s plan').waitFor();
    await toApprove.getByText(`Reason: “${reason}”`).waitFor();
    await accessibleAtBothWidths(supervisor.page);
    await toApprove.getByRole('button', { name: 'Approve emergency access for Dr. Priya Natarajan' }).click();
    await supervisor.page.getByText('Approved: Dr. Priya Natarajan can see Sam’s plan for a limited time.').waitFor();
    await end(repeat.id);

    await supervisor.page.reload();
    const toReview = supervisor.page.getByTestId('access-to-review');
    await toReview.first().getByText('Dr. Priya Natarajan used emergency access to Sam’s plan').waitFor();
    expect(await toReview.count()).toBe(2);
    const firstCard = toReview.first();
    await firstCard.getByText('Sam will read this note. Write it to them, in plain words.').waitFor();
    await firstCard.getByRole('button', { name: 'Save the review' }).click();
    await firstCard.getByText('Write your review first.').waitFor();
    const note =
      'Dr. Natarajan looked at your medication list while you were in emergency care. That was the right call.';
    await firstCard.getByLabel('Your review').fill(note);
    await accessibleAtBothWidths(supervisor.page);
    await firstCard.getByRole('button', { name: 'Save the review' }).click();
    await supervisor.page.getByText('Review saved. Sam can read it.').waitFor();
    await eventually(() => toReview.count(), 1);

    const { emergencyAccesses } = await h.gql.data<{ emergencyAccesses: Access[] }>(
      ACCESSES,
      { id: samId },
      { token: as.sam.accessToken },
    );
    expect(emergencyAccesses.filter((access) => access.review?.note === note)).toHaveLength(1);
    await neverReceivedPlanContent(supervisor.page, supervisor.received);
    await supervisor.context.close();
  });
  it('the administrator sees the program’s name and its staff accounts in plain words, and renames it at 360 px; a supervisor sees the new name; nobody else may rename it', async () => {
    const adminApi = await signIn(h.gql, 'admin@demo.test');
    const { program } = await h.gql.data<{
      program: {
        name: string;
        staffAccounts: { active: number; awaitingConfirmation: number; notYetJoined: number; deactivated: number };
      };
    }>(
      '{ program { name staffAccounts { active awaitingConfirmation notYetJoined deactivated } } }',
      {},
      {
        token: adminApi.accessToken,
      },
    );
    const admin = await h.openSignedInRecording('admin@demo.test');
    await admin.page.getByRole('heading', { name: 'Staff accounts', level: 1 }).waitFor();
    // The admin's menu stays programs and staff accounts (issue 17): no new screen was added.
    expect(await menuNames(admin.page)).toEqual(['Staff accounts', 'My devices']);
    await admin.page.getByRole('heading', { name: program.name, level: 2 }).waitFor();
    const { active, awaitingConfirmation, notYetJoined, deactivated } = program.staffAccounts;
    const people = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
    await admin.page
      .getByTestId('staff-counts')
      .getByText(
        `Staff accounts: ${people(active, 'can sign in and work', 'can sign in and work')}, ` +
          `${people(awaitingConfirmation, 'waits for a supervisor to confirm', 'wait for a supervisor to confirm')}, ` +
          `${people(notYetJoined, 'has not chosen a password yet', 'have not chosen a password yet')} and ` +
          `${people(deactivated, 'is deactivated', 'are deactivated')}.`,
      )
      .waitFor();

    await admin.page.getByText('Rename the program', { exact: true }).click();
    await admin.page.getByRole('button', { name: 'Save the new name' }).click();
    await admin.page.getByText('Write the new name first.').waitFor();
    // The API's own refusal, in plain words: too short once trimmed.
    await admin.page.getByLabel('The program’s name').fill('  x  ');
    await admin.page.getByRole('button', { name: 'Save the new name' }).click();
    await admin.page.getByText(/give the program a name of 2 to 120 characters/).waitFor();
    await admin.page.getByLabel('The program’s name').fill('Riverside  Housing First ');
    await admin.page.getByRole('button', { name: 'Save the new name' }).click();
    await admin.page.getByRole('status').getByText('The program is now called Riverside Housing First.').waitFor();
    await admin.page.getByRole('heading', { name: 'Riverside Housing First', level: 2 }).waitFor();
    expect(await admin.page.getByRole('heading', { name: program.name, level: 2, exact: true }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(admin.page)).toEqual([]);
    await accessibleAtBothWidths(admin.page);

    const supervisor = await h.openSignedIn('supervisor@demo.test');
    await menu(supervisor.page, 'Program');
    await supervisor.page.getByRole('heading', { name: 'Program: Riverside Housing First', level: 1 }).waitFor();

    const RENAME = 'mutation R($input: RenameProgramInput!) { renameProgram(input: $input) { name } }';
    for (const who of [as.cm, as.supervisor, as.sam]) {
      expect(
        errorCode(await h.gql.request(RENAME, { input: { name: 'Taken over' } }, { token: who.accessToken })),
      ).toBe('FORBIDDEN');
    }
    await neverReceivedPlanContent(admin.page, admin.received);
    for (const side of [admin, supervisor]) await side.context.close();
  });
});
