/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import type { SignedIn } from '@roundtable/testing';
import {
  DESKTOP,
  eventually,
  expectNeverReached,
  goTo,
  menu,
  newPage,
  PHONE,
  signInAs,
  startWebHarnessWithSamAndAlex,
  type Viewport,
  type WebHarness,
} from './browser';

const CONFERENCES = `query C($id: ID!) { conferences(participantId: $id) {
  id title status participantAttends version
  agenda { id kind title body label notWithoutParticipant notes { id text } }
  responses { id kind text targetId answer } } }`;

interface Conferences {
  conferences: {
    id: string;
    title: string;
    status: string;
    participantAttends: boolean;
    version: number;
    agenda: {
      id: string;
      kind: string;
      title: string;
      body: string;
      label: string;
      notWithoutParticipant: boolean;
      notes: { id: string; text: string }[];
    }[];
    responses: { id: string; kind: string; text: string; targetId: string | null; answer: string | null }[];
  }[];
}

/** The GraphQL operations the page sends from now on, with their variables (to see the idempotency keys). */
function recordOperations(page: Page): { operation: string; variables: Record<string, unknown> }[] {
  const sent: { operation: string; variables: Record<string, unknown> }[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string; variables?: Record<string, unknown> } | null;
    if (body?.operationName) sent.push({ operation: body.operationName, variables: body.variables ?? {} });
  });
  return sent;
}

describe('My team and My meetings in Chromium, against the real API and PostgreSQL', () => {
  let h: WebHarness, sam: SignedIn, alex: SignedIn, samId: string;
  beforeAll(async () => ({ h, sam, samId, alex } = await startWebHarnessWithSamAndAlex()));
  afterAll(() => h?.close());

  /** Sam on My meetings in a new window of that size, with every operation the page sends from before signing in. */
  const samOnMyMeetings = async (viewport: Viewport) => {
    const { context, page } = await newPage(h.browser, viewport);
    const sent = recordOperations(page);
    await signInAs(page, h.api.url, 'sam');
    await menu(page, 'My meetings');
    return { context, page, sent };
  };

  const conferencesAs = (who: SignedIn) =>
    h.gql.data<Conferences>(CONFERENCES, { id: samId }, { token: who.accessToken });
  const upcoming = async () => (await conferencesAs(sam)).conferences.find((c) => c.status === 'SCHEDULED')!;
  const past = async () => (await conferencesAs(sam)).conferences.find((c) => c.status === 'CLOSED')!;

  it("never lets a housing worker's page receive a substance-use topic from Sam's meetings or team: DOM, every HTTP response, every websocket frame", async () => {
    const canary = `Canary topic ${Date.now().toString(36)} about my dose`;
    const next = await upcoming();
    await h.gql.data(
      'mutation A($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }',
      { input: { conferenceId: next.id, title: canary, label: 'SUBSTANCE_USE' } },
      { token: sam.accessToken },
    );
    // The control: Sam's own screen shows it, so its absence below means something.
    const samSide = await h.openSignedIn('sam');
    await menu(samSide.page, 'My meetings');
    await samSide.page.getByTestId('topic').filter({ hasText: canary }).waitFor();
    await samSide.page.getByTestId('topic').filter({ hasText: 'Naloxone refresher' }).waitFor();
    await samSide.context.close();

    const { context, page, received } = await h.openSignedInRecording('housing@demo.test');
    // Staff have no My meetings or My team screens: the participant's own addresses, typed in
    // or followed, show a staff member their own people, never Sam's meetings.
    for (const path of ['/conferences', '/team']) {
      await goTo(page, path);
      await page.getByRole('heading', { name: 'My people' }).waitFor();
      await page.goto(`${h.api.url}${path}`);
      await page.getByRole('heading', { name: 'My people' }).waitFor();
    }
    await goTo(page, `/people/${samId}`);
    await page.getByText('Get my own place where Biscuit can live with me').waitFor();
    await page.waitForLoadState('networkidle');
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My meetings' }).count(),
    ).toBe(0);

    await expectNeverReached(page, received, [canary, 'Naloxone refresher']);
    await context.close();
  });

  it('Sam says they will be there, changes their update, adds a topic and marks "not without me": all saved, sent with an idempotency key, and still there after a reload', async () => {
    const { context, page, sent } = await samOnMyMeetings(PHONE);
    await page.getByRole('heading', { name: 'My meetings', level: 1 }).waitFor();
    const meeting = page.getByTestId('upcoming-meeting');
    // The seeded meeting is next week's Thursday at 10:00, said the way people say it.
    expect(await meeting.getByTestId('meeting-when').innerText()).toMatch(/^Thursday \d{1,2} [A-Z][a-z]+, 10:00$/);
    await meeting.getByText('Alex Rivera will lead the meeting.').waitFor();

    // Attending: Sam's own answer (rule 2), with the keyboard.
    expect(await meeting.getByTestId('attendance').innerText()).toContain('will meet without you');
    await meeting.getByRole('button', { name: 'Yes, I will be there' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Saved: you will be at the meeting.').waitFor();
    await meeting.getByText('You said you will be there.').waitFor();
    expect(await meeting.getByRole('button', { name: 'Yes, I will be there' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    // Their update, in their words.
    const update = 'The food bank moved my shift, so I can come. Biscuit and I viewed a third place.';
    await meeting.getByRole('button', { name: 'Change my update' }).click();
    await meeting.getByLabel('Your update, in your own words').fill(update);
    await meeting.getByRole('button', { name: 'Save my update' }).click();
    await page.getByText('Your update is saved.').waitFor();
    await meeting.getByTestId('your-update').getByText(update).waitFor();

    // A topic of their own, not to be discussed without them.
    const topic = `Help with the moving truck ${Date.now().toString(36)}`;
    await meeting.getByLabel('What do you want to talk about?').fill(topic);
    await meeting.getByLabel('More about it').fill('Saturday works best.');
    await meeting
      .getByRole('form', { name: 'Add something to talk about' })
      .getByLabel('Only talk about this when I am there')
      .check();
    await meeting.getByRole('button', { name: 'Add to the list' }).click();
    await page.getByText(`Added to the list: ${topic}`).waitFor();
    const added = meeting.getByTestId('topic').filter({ hasText: topic });
    await added.getByText('Saturday works best.').waitFor();
    await added.getByText('You added this').waitFor();
    expect(await added.getByRole('checkbox').isChecked()).toBe(true);

    // "Not without me" off for a topic Sam marked earlier.
    const movingCosts = meeting.getByTestId('topic').filter({ hasText: 'Moving costs' });
    const movingCostsBox = movingCosts.getByRole('checkbox', { name: 'Only talk about this when I am there' });
    // The box says which topic it is about (its description), not only what it does.
    expect(await movingCostsBox.getAttribute('aria-describedby')).toBe(
      await movingCosts.getByText('Moving costs', { exact: true }).getAttribute('id'),
    );
    await movingCostsBox.uncheck();
    await page.getByText('Your team may talk about “Moving costs” without you.').waitFor();

    // Saved in the API, as Sam sees it and as Alex sees it.
    const next = await upcoming();
    expect(next.participantAttends).toBe(true);
    expect(next.agenda[0]).toMatchObject({ kind: 'PARTICIPANT_UPDATE', body: update });
    expect(next.agenda.filter((item) => item.title === topic)).toEqual([
      expect.objectContaining({ body: 'Saturday works best.', notWithoutParticipant: true, label: 'GENERAL' }),
    ]);
    expect(next.agenda.find((item) => item.title === 'Moving costs')?.notWithoutParticipant).toBe(false);
    const asAlex = (await conferencesAs(alex)).conferences.find((c) => c.id === next.id)!;
    expect(asAlex.participantAttends).toBe(true);
    expect(asAlex.agenda.map((item) => item.title)).toContain(topic);

    // The create carried an idempotency key; every change went out once.
    const adds = sent.filter((request) => request.operation === 'AddAgendaItem');
    expect(adds).toHaveLength(1);
    expect((adds[0].variables.input as { idempotencyKey?: string }).idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.filter((request) => request.operation === 'SetParticipantAttends')).toHaveLength(1);
    expect(sent.filter((request) => request.operation === 'RecordParticipantUpdate')).toHaveLength(1);

    // After a reload everything is still there.
    await page.reload();
    await page.getByTestId('upcoming-meeting').waitFor();
    const again = page.getByTestId('upcoming-meeting');
    await again.getByText('You said you will be there.').waitFor();
    await again.getByTestId('your-update').getByText(update).waitFor();
    expect(await again.getByTestId('topic').filter({ hasText: topic }).getByRole('checkbox').isChecked()).toBe(true);
    expect(await again.getByTestId('topic').filter({ hasText: 'Moving costs' }).getByRole('checkbox').isChecked()).toBe(
      false,
    );
    await context.close();
  });

  it("Sam reads the past meeting's minutes, asks for a correction, and reads the team's answer", async () => {
    const { context, page, sent } = await samOnMyMeetings(DESKTOP);
    const meeting = page.getByTestId('past-meeting').filter({ hasText: 'Monthly care conference' });
    await meeting.getByText('Alex Rivera led the meeting.').waitFor();

    // The minutes: notes, each person's view on its own card, the decision Sam agreed to.
    await meeting.getByText('Read what was said (the minutes)').click();
    const apartment = meeting.getByTestId('minutes-item').filter({ hasText: 'Apartment search' });
    await apartment.getByText('Two units in range; one allows pets.').waitFor();
    await apartment.getByText('Your view').waitFor();
    await apartment.getByText('I want a place near the clinic. Biscuit comes with me or I don’t move.').waitFor();
    await apartment.getByText('Marcus Lee’s view').waitFor();
    await apartment.getByText('You agreed.').waitFor();
    await apartment.getByText('Book two viewings of pet-friendly units (Marcus Lee)').waitFor();
    // The correction appended after close, with what it corrects.
    const amendment = meeting.getByTestId('amendment');
    await amendment.getByText('Three units in range; two allow pets.').waitFor();
    await amendment.getByText('This corrects: Marcus Lee: Two units in range; one allows pets.').waitFor();

    // Sam asks for a correction of one note, picked from the list by its author and its words.
    const before = await past();
    const jordansNote = before.agenda.find((item) => item.title === 'Evenings are hard')!.notes[0];
    const about = meeting.getByLabel('What is it about?');
    expect(await about.locator(`option[value="${jordansNote.id}"]`).innerText()).toMatch(
      /^Jordan Blake: Peer drop-in runs Tuesday and Thursday evenings; .*…$/,
    );
    await about.selectOption(jordansNote.id);
    const request = `It was Jordan who offered to come along on Tuesdays ${Date.now().toString(36)}`;
    await meeting.getByLabel('What is not right? What should it say?').fill(request);
    await meeting.getByRole('button', { name: 'Ask for a correction' }).click();
    await page.getByText('We sent your request. Your team’s answer will show here.').waitFor();
    const asked = meeting.getByTestId('request').filter({ hasText: request });
    await asked.getByText('Your team has not answered yet.').waitFor();
    await asked.getByText(/^About: Jordan Blake: Peer drop-in/).waitFor();

    const closed = await past();
    const response = closed.responses.find((r) => r.text === request)!;
    expect(response).toMatchObject({ kind: 'CORRECTION_REQUEST', targetId: jordansNote.id, answer: null });
    const responds = sent.filter((r) => r.operation === 'RespondToConference');
    expect(responds).toHaveLength(1);
    expect((responds[0].variables.input as { idempotencyKey?: string }).idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    // Alex answers with an amendment; Sam reads the answer after a reload.
    await h.gql.data(
      'mutation A($input: AmendMinutesInput!) { amendMinutes(input: $input) { id } }',
      {
        input: {
          conferenceId: closed.id,
          targetId: jordansNote.id,
          answersResponseId: response.id,
          text: 'Jordan offered to come along on Tuesdays.',
          reason: 'Sam asked for this correction',
        },
      },
      { token: alex.accessToken },
    );
    await page.reload();
    const answered = page.getByTestId('past-meeting').getByTestId('request').filter({ hasText: request });
    await answered.getByText('Answer from Alex Rivera: Amended: Jordan offered to come along on Tuesdays.').waitFor();
    await page
      .getByTestId('amendment')
      .filter({ hasText: 'Jordan offered to come along on Tuesdays.' })
      .getByText('Why: Sam asked for this correction')
      .waitFor();
    await context.close();
  });

  it('says meeting times and team dates in Spanish the way people say them', async () => {
    const { context, page } = await h.openSignedIn('sam');
    await page.getByRole('button', { name: 'Español' }).click();
    await menu(page, 'Mis reuniones');
    const when = await page.getByTestId('upcoming-meeting').getByTestId('meeting-when').innerText();
    expect(when).toMatch(/^Jueves \d{1,2} de [a-z]+, 10:00$/);
    await menu(page, 'Mi equipo');
    await page.getByText('Tu gestor o gestora de casos principal', { exact: true }).waitFor();
    await page
      .getByText(/^En tu equipo desde el \d{1,2} de [a-z]+ de \d{4}$/)
      .first()
      .waitFor();
    await context.close();
  });

  // Last: it changes the team the other tests read.
  it('Sam sees who is on their team, their roles, what each person sees and every change to the team, including one made while they look', async () => {
    const { context, page } = await h.openSignedIn('sam');
    await menu(page, 'My team');
    await page.getByRole('heading', { name: 'My team', level: 1 }).waitFor();
    const members = page.getByTestId('team-member');
    await members.filter({ hasText: 'Marcus Lee' }).waitFor();
    expect((await members.locator('h3').allInnerTexts()).sort()).toEqual(
      ['Alex Rivera', 'Dr. Priya Natarajan', 'Jordan Blake', 'Marcus Lee'].sort(),
    );
    const alexCard = members.filter({ hasText: 'Alex Rivera' });
    await alexCard.getByText('Your main case manager').waitFor();
    // What each person sees: the same answer as Who sees what (Sam shares substance use with Alex).
    await alexCard.getByTestId('sees').getByText('Substance use').waitFor();
    await alexCard.getByText('(you shared this)').waitFor();
    const marcusCard = members.filter({ hasText: 'Marcus Lee' });
    await marcusCard.getByText('Housing worker').waitFor();
    expect(await marcusCard.getByTestId('sees').locator('li').allInnerTexts()).toEqual([
      'Everyone on your team',
      'Housing',
    ]);

    const changes = page.getByTestId('team-change');
    const marcusJoined = changes.filter({ hasText: 'Marcus Lee joined your team' });
    await marcusJoined.getByText('Change made by Alex Rivera').waitFor();
    await marcusJoined.getByText(/^Housing worker · \d{1,2} [A-Z][a-z]+ \d{4}$/).waitFor();

    // Alex ends Jordan's membership; Sam sees the change (rule 10).
    const team = await h.gql.data<{ participant: { careTeam: { membershipId: string; displayName: string }[] } }>(
      'query T($id: ID!) { participant(id: $id) { careTeam { membershipId displayName } } }',
      { id: samId },
      { token: alex.accessToken },
    );
    const jordan = team.participant.careTeam.find((member) => member.displayName === 'Jordan Blake')!;
    await h.gql.data(
      'mutation E($input: EndCareTeamMembershipInput!) { endCareTeamMembership(input: $input) { until } }',
      { input: { membershipId: jordan.membershipId } },
      { token: alex.accessToken },
    );
    // Live, without a reload: a join or leave is a plan event on Sam's open page.
    await page.getByTestId('team-change').filter({ hasText: 'Jordan Blake left your team' }).waitFor();
    expect(await page.getByTestId('team-change').first().innerText()).toContain('Jordan Blake left your team');
    await page.getByTestId('team-change').first().getByText('Change made by Alex Rivera').waitFor();
    await eventually(async () => (await page.getByTestId('team-member').locator('h3').allInnerTexts()).length, 3);
    expect(await page.getByTestId('team-member').filter({ hasText: 'Jordan Blake' }).count()).toBe(0);
    await context.close();
  });
});
