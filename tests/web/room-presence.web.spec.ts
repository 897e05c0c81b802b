/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { signIn } from '@roundtable/testing';
import { agendaItem, DESKTOP, eventually, PHONE, startWebHarness, type WebHarness } from './browser';
import { seriousAccessibilityViolations } from './accessibility';

const CONFERENCES = 'query C($id: ID!) { conferences(participantId: $id) { id status version } }';
const AGENDA = 'query A($id: ID!) { conference(id: $id) { agenda { id title } } }';
const START = 'mutation S($input: ConferenceStepInput!) { startConference(input: $input) { id status } }';
const HIDDEN = 'Naloxone refresher';

/**
 * Each agenda item's "… looking at this" line on a page, by the item's heading ('' when nobody).
 * Read in one pass inside the page, so a line that goes away between two reads (presence moving
 * on) cannot leave a locator waiting for an element that is gone.
 */
const lookingAt = (page: Page) => () =>
  page.getByTestId('agenda-item').evaluateAll((items) => {
    const lines: Record<string, string> = {};
    for (const item of items as HTMLElement[]) {
      const heading = (item.querySelector('h3') as HTMLElement | null)?.innerText.replace(/\s+/g, ' ') ?? '';
      const line = item.querySelector('[data-testid="looking-at"]') as HTMLElement | null;
      lines[heading] = line?.innerText ?? '';
    }
    return lines;
  });

/** A tap on an agenda item's title goes into it. */
const tapOn = (page: Page, title: string) => agendaItem(page, title).locator('h3').click();

describe('Room presence in three browsers against the real API and sockets', () => {
  let h: WebHarness;
  beforeAll(async () => (h = await startWebHarness()));
  afterAll(() => h?.close());

  it("Marcus's phone shows which general item Alex and Jordan are on, never where Alex is on the substance-use topic, and passes axe at 360 px", async () => {
    const sam = await signIn(h.gql, 'sam');
    const alexApi = await signIn(h.gql, 'cm@demo.test');
    const samId = sam.account.participantId!;
    const { conferences } = await h.gql.data<{ conferences: { id: string; status: string; version: number }[] }>(
      CONFERENCES,
      { id: samId },
      { token: alexApi.accessToken },
    );
    const next = conferences.find((c) => c.status === 'SCHEDULED')!;
    const { conference } = await h.gql.data<{ conference: { agenda: { id: string; title: string }[] } }>(
      AGENDA,
      { id: next.id },
      { token: alexApi.accessToken },
    );
    const hiddenId = conference.agenda.find((item) => item.title === HIDDEN)!.id;
    // The room is on item 1, Sam's own update: every screen follows it until someone goes into another item.
    await h.gql.data(
      START,
      { input: { conferenceId: next.id, expectedVersion: next.version } },
      { token: alexApi.accessToken },
    );

    const open = async (identifier: string, viewport: typeof PHONE) => {
      const { page, received } = await h.openSignedInRecording(identifier, viewport);
      await page.goto(`${h.api.url}/conferences/${next.id}`);
      await page.getByRole('heading', { name: 'Care conference: Sam', level: 1 }).waitFor();
      return { page, received };
    };
    const { page: alex } = await open('cm@demo.test', DESKTOP);
    const { page: marcus, received: toMarcus } = await open('housing@demo.test', PHONE);
    const { page: jordan } = await open('peer@demo.test', PHONE);

    // Everyone follows the room: on Marcus's phone, both others are on Sam's update.
    await eventually(
      async () => (await lookingAt(marcus)())['1 Sam’s own update Now'],
      'Alex Rivera, Jordan Blake are looking at this',
    );

    // Alex tabs into "Moving costs" (general; focus on its first button): Marcus's phone says so beside it, in words.
    await agendaItem(alex, 'Moving costs').getByRole('button').first().focus();
    await eventually(lookingAt(marcus), {
      '1 Sam’s own update Now': 'Jordan Blake is looking at this',
      '2 Moving costs': 'Alex Rivera is looking at this',
    });
    expect(await seriousAccessibilityViolations(marcus)).toEqual([]);

    // Alex goes into the substance-use topic, then Jordan into "Moving costs". Marcus's phone
    // shows Jordan there and Alex on no item at all (while Alex's move had not arrived, it would
    // still show Alex on "Moving costs" too).
    await tapOn(alex, HIDDEN);
    await tapOn(jordan, 'Moving costs');
    await eventually(lookingAt(marcus), {
      '1 Sam’s own update Now': '',
      '2 Moving costs': 'Jordan Blake is looking at this',
    });
    await eventually(async () => (await lookingAt(alex)())['2 Moving costs'], 'Jordan Blake is looking at this');
    // Nothing Marcus's phone received names the hidden topic or its id.
    expect(toMarcus.join('\n')).not.toContain(hiddenId);
    expect(toMarcus.join('\n')).not.toContain(HIDDEN);
    expect(await marcus.getByText(HIDDEN).count()).toBe(0);
    expect(await seriousAccessibilityViolations(marcus)).toEqual([]);
  });
});
