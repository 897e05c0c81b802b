import { signInDemo, startTestApp, type SignedIn, type TestApp } from '@roundtable/testing';
import { accessLog, SUBSTANCE_USE_TEXT } from './exports/demo-strings';
import { download, expectNotFound } from './exports/download';
import { pdfText } from './exports/pdf-text';

const CONFERENCES = 'query C($id: ID!) { conferences(participantId: $id) { id status title } }';

describe('exports: locked minutes (GET /exports/conferences/:id/minutes.pdf)', () => {
  let t: TestApp;
  let as: Record<string, SignedIn>;
  let participantId: string;
  let closedId: string;
  let nextId: string;
  const minutesUrl = (id: string, query = '') => `${t.url}/exports/conferences/${id}/minutes.pdf${query}`;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    as = await signInDemo(t.gql, ['sam', 'cm', 'housing', 'admin']);
    participantId = as.sam.account.participantId!;
    const { conferences } = await t.gql.data<{ conferences: { id: string; status: string }[] }>(
      CONFERENCES,
      { id: participantId },
      { token: as.sam.accessToken },
    );
    closedId = conferences.find((c) => c.status === 'CLOSED')!.id;
    nextId = conferences.find((c) => c.status !== 'CLOSED')!.id;
  }, 120_000);
  afterAll(() => t.close());

  it('the agenda in order with the participant’s update first, notes, perspectives, decisions with the participant’s answer, action items and amendments, each with author', async () => {
    const response = await download(minutesUrl(closedId), { token: as.sam.accessToken });
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('application/pdf');
    const text = await pdfText(response.body);
    const order = [
      'Monthly care conference',
      'Agenda',
      '1. In my own words',
      'The shelter bed has been steady',
      'Notes',
      'Sam’s update read first; Sam led this part.',
      '2. Apartment search',
      'Perspectives',
      'I want a place near the clinic. Biscuit comes with me or I don’t move.',
      'Decisions',
      'Add a goal: a bus pass for getting to viewings',
      'The participant agreed',
      'Action items',
      'Book two viewings of pet-friendly units',
      '3. Evenings are hard',
      'Amendments after the minutes were closed',
    ].map((words) => text.indexOf(words));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Alex Rivera, \d/);
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it('a housing worker’s minutes hold no substance-use item and number the agenda over what they see', async () => {
    const samText = await pdfText((await download(minutesUrl(nextId), { token: as.sam.accessToken })).body);
    expect(samText).toMatch(/Naloxone refresher/);
    const response = await download(minutesUrl(nextId), { token: as.housing.accessToken });
    expect(response.status).toBe(200);
    const text = await pdfText(response.body);
    expect(text).toMatch(/1\. In my own words/);
    expect(text).not.toMatch(SUBSTANCE_USE_TEXT);
    expect(text).not.toMatch(/refresher/);
    // No gap in the numbering where the hidden item was.
    const positions = [...text.matchAll(/(\d+)\. [A-Z]/g)].map((match) => Number(match[1]));
    expect(positions).toEqual(positions.map((_, index) => index + 1));
  });

  it('in Spanish', async () => {
    const text = await pdfText(
      (await download(minutesUrl(closedId, '?language=es'), { token: as.sam.accessToken })).body,
    );
    expect(text).toMatch(/Orden del día/);
    expect(text).toMatch(/La persona participante estuvo de acuerdo/);
    expect(text).toMatch(/Página 1 de/);
  });

  it('unknown, malformed and hidden conferences answer alike; every export and refusal is in the access log', async () => {
    for (const response of [
      await download(minutesUrl('4f1c2a8e-0000-4000-8000-000000000000'), { token: as.cm.accessToken }),
      await download(minutesUrl('nope'), { token: as.cm.accessToken }),
      await download(minutesUrl(closedId), { token: as.admin.accessToken }),
    ]) {
      expectNotFound(response);
    }
    expect((await download(minutesUrl(closedId))).status).toBe(401);
    expect((await download(minutesUrl(closedId, `?access_token=${as.sam.accessToken}`))).status).toBe(400);
    const log = await accessLog(t.gql, participantId, as.sam.accessToken);
    const exports = log.filter((node) => node.action === 'exportMinutesPdf');
    expect(exports.some((node) => node.actor?.displayName === 'Marcus Lee' && node.kind === 'READ')).toBe(true);
    expect(exports.some((node) => node.actor?.displayName === 'Robin Okafor' && node.kind === 'DENIED')).toBe(true);
  });
});
