/// <reference lib="dom" />
import { DEMO_PASSWORD, signIn, type SignedIn } from '@roundtable/testing';
import { DESKTOP, goTo, newPage, PHONE, startWebHarness, type WebHarness } from './browser';
import { seriousAccessibilityViolations } from './accessibility';

const GOALS = `query P($id: ID!) { plan(participantId: $id) { goals { text lifecycle awaitingConfirmation writtenWith { displayName } } } }`;
interface Goals {
  plan: {
    goals: { text: string; lifecycle: string; awaitingConfirmation: boolean; writtenWith: { displayName: string } }[];
  };
}

/**
 * Issue 17, the team's workspace: a new staff member redeems the invitation code an
 * administrator handed over (one plain error for any code that does not work, rule 11, and
 * no work until a supervisor confirms them, rule 1); and a team member writes a goal with the
 * participant, who makes it theirs at once by typing their own passphrase (rules 1 and 3).
 */
describe('the team’s workspace, in Chromium against the real API and PostgreSQL', () => {
  let h: WebHarness;
  let admin: SignedIn;
  beforeAll(async () => {
    h = await startWebHarness();
    admin = await signIn(h.gql, 'admin@demo.test');
  });
  afterAll(() => h?.close());

  it('Jordan joins with their invitation code from the sign-in screen, waits for the supervisor, then signs in', async () => {
    const { inviteStaff } = await h.gql.data<{
      inviteStaff: { account: { id: string }; invitation: { code: string } };
    }>(
      'mutation I($input: InviteStaffInput!) { inviteStaff(input: $input) { account { id } invitation { code } } }',
      {
        input: {
          email: 'jordan@demo.test',
          displayName: 'Jordan Reyes',
          discipline: 'NURSING',
          programRole: 'STAFF',
          idempotencyKey: 'web-invite-jordan',
        },
      },
      { token: admin.accessToken },
    );
    const password = 'a kettle on the windowsill';
    const jordan = await newPage(h.browser, PHONE);
    await jordan.page.goto(`${h.api.url}/`);
    await jordan.page.getByRole('link', { name: /I have an invitation code/ }).click();
    await jordan.page.getByRole('heading', { name: 'Join your team' }).waitFor();
    // The password rule is said before anything is typed.
    await jordan.page.getByText('At least 10 characters.').waitFor();
    const code = jordan.page.getByLabel('Invitation code');
    const chosen = jordan.page.getByLabel('Choose a password');
    const again = jordan.page.getByLabel('Type the password again');
    expect(await chosen.getAttribute('autocomplete')).toBe('new-password');
    expect(await again.getAttribute('autocomplete')).toBe('new-password');
    const submit = jordan.page.getByRole('button', { name: 'Set my password' });

    await code.fill(inviteStaff.invitation.code.toLowerCase());
    await chosen.fill('too short');
    await again.fill('too short');
    await submit.click();
    await jordan.page.getByRole('alert').getByText('Password: it needs at least 10 characters.').waitFor();
    expect(await chosen.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(jordan.page)).toEqual([]);

    // A code that never existed gets the same plain words as a used or expired one.
    await code.fill('AAAA-BBBB-CCCC');
    await chosen.fill(password);
    await again.fill(password);
    await submit.click();
    await jordan.page
      .getByRole('alert')
      .getByText(/^Invitation code: that code did not work\./)
      .waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');

    await code.fill(inviteStaff.invitation.code.toLowerCase());
    await submit.click();
    const waiting = jordan.page.getByTestId('join-waiting');
    await waiting.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await waiting.getByText('jordan@demo.test').waitFor();
    expect(await seriousAccessibilityViolations(jordan.page)).toEqual([]);
    // The sign-in that could not act yet was ended: nothing of it stays on this device.
    expect((await jordan.context.cookies()).map((cookie) => cookie.name)).not.toContain('rt_refresh');

    // Signing in before the supervisor confirms says why, instead of opening screens that refuse.
    await waiting.getByRole('link', { name: 'Go to sign in' }).click();
    await jordan.page.getByLabel('Username or email').fill('jordan@demo.test');
    await jordan.page.getByLabel('Passphrase').fill(password);
    await jordan.page.getByRole('button', { name: 'Sign in' }).click();
    await jordan.page
      .getByRole('alert')
      .getByText(/a program supervisor has not confirmed your account yet/)
      .waitFor();

    const supervisor = await signIn(h.gql, 'supervisor@demo.test');
    await h.gql.data(
      'mutation C($input: AccountIdInput!) { confirmStaffAccount(input: $input) { id } }',
      { input: { accountId: inviteStaff.account.id } },
      { token: supervisor.accessToken },
    );
    await jordan.page.getByRole('button', { name: 'Sign in' }).click();
    await jordan.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await jordan.context.close();
  });

  it('Alex writes a goal with Sam; a mistyped passphrase keeps the words, Sam’s own makes it theirs and active on their phone', async () => {
    const sam = await signIn(h.gql, 'sam');
    const samId = sam.account.participantId!;
    const words = `Walk Biscuit by the river every morning ${Date.now().toString(36)}`;
    const alex = await h.openSignedIn('cm@demo.test');
    await goTo(alex.page, `/people/${samId}`);
    await alex.page.getByText('Write a goal with Sam').click();
    const text = alex.page.getByLabel('Sam’s goal, in their words');
    await text.fill(words);
    await alex.page.locator('#write-goal-domain').selectOption('RELATIONSHIPS_AND_SUPPORT');
    const passphrase = alex.page.getByLabel(/Sam’s passphrase/);
    await passphrase.fill('not Sam’s passphrase');
    await alex.page.getByRole('button', { name: 'Save the goal' }).click();
    await alex.page
      .getByRole('alert')
      .getByText(/That passphrase did not match/)
      .waitFor();
    // Every word stays; only the passphrase is cleared, never kept past one try.
    expect(await text.inputValue()).toBe(words);
    expect(await passphrase.inputValue()).toBe('');
    expect(await seriousAccessibilityViolations(alex.page)).toEqual([]);
    expect(
      (await h.gql.data<Goals>(GOALS, { id: samId }, { token: sam.accessToken })).plan.goals.map((g) => g.text),
    ).not.toContain(words);

    await passphrase.fill(DEMO_PASSWORD);
    await alex.page.getByRole('button', { name: 'Save the goal' }).click();
    await alex.page.getByText(`Saved as Sam’s own goal: “${words}”.`).waitFor();

    const samPhone = await h.openSignedIn('sam');
    await samPhone.page.locator('[data-goal-id]').filter({ hasText: words }).waitFor();
    const goal = (await h.gql.data<Goals>(GOALS, { id: samId }, { token: sam.accessToken })).plan.goals.find(
      (g) => g.text === words,
    );
    expect(goal).toMatchObject({
      lifecycle: 'ACTIVE',
      awaitingConfirmation: false,
      writtenWith: { displayName: 'Alex Rivera' },
    });
    for (const side of [alex, samPhone]) await side.context.close();
  });

  it('without a co-sign the goal waits for Sam, and says so on Alex’s screen', async () => {
    const sam = await signIn(h.gql, 'sam');
    const samId = sam.account.participantId!;
    const words = `Call my sister on Sundays ${Date.now().toString(36)}`;
    const alex = await h.openSignedIn('cm@demo.test', DESKTOP);
    await goTo(alex.page, `/people/${samId}`);
    await alex.page.getByText('Write a goal with Sam').click();
    await alex.page.getByLabel('Sam’s goal, in their words').fill(words);
    await alex.page.getByRole('button', { name: 'Save the goal' }).click();
    await alex.page.getByText(`Saved: “${words}”. It waits for Sam to confirm it.`).waitFor();
    const goal = (await h.gql.data<Goals>(GOALS, { id: samId }, { token: sam.accessToken })).plan.goals.find(
      (g) => g.text === words,
    );
    expect(goal).toMatchObject({ lifecycle: 'PROPOSED' });
    await alex.context.close();
  });
});
