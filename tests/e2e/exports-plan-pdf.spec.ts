import { startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';
import { accessLog, SUBSTANCE_USE_TEXT } from './exports/demo-strings';
import { download, expectNotFound } from './exports/download';
import { pdfPages, pdfText } from './exports/pdf-text';

describe('exports: my plan, printable (GET /exports/participants/:id/plan.pdf)', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  const planUrl = (id: string, query = '') => `${t.url}/exports/participants/${id}/plan.pdf${query}`;
  beforeAll(async () => {
    ({ t, as, participantId } = await startDemoApp(['sam', 'cm', 'housing', 'supervisor', 'admin']));
  }, 120_000);
  afterAll(() => t.close());

  it('the participant’s vision and goals in their own words come first, then steps with who does them, team, metrics and wins', async () => {
    const response = await download(planUrl(participantId), { token: as.sam.accessToken });
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const pages = await pdfPages(response.body);
    const text = pages.join('\n').replace(/\s+/g, ' ');
    const order = [
      'Sam’s plan',
      'In my own words',
      'A place of my own with a door that locks',
      'My goals',
      'Get my own place where Biscuit can live with me',
      'Visit the pet-friendly flat on Alder Street together Marcus Lee does this',
      'Get a copy of my ID from the registry office I do this',
      'Feel less alone in the evenings',
      'Try the Thursday drop-in art group Jordan Blake does this',
      'My team and how to reach them',
      'Alex Rivera: Case manager',
      'How things are going',
      'How life is going, 0 to 10',
      'Latest clinical values HIV viral load: latest 40 copies/mL',
      'Days I felt safe this week',
      'Recent wins',
    ].map((words) => text.indexOf(words));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(pages[0]).toMatch(/Page 1 of \d+/);
    expect(text).toMatch(/Printed \d{1,2} [A-Z][a-z]+ \d{4}/);
  });

  it('the pocket copy leaves out substance-use and legal content unless the participant asks for it', async () => {
    const pocket = await pdfText((await download(planUrl(participantId), { token: as.sam.accessToken })).body);
    expect(pocket).not.toMatch(SUBSTANCE_USE_TEXT);
    const full = await pdfText(
      (await download(planUrl(participantId, '?include=substance-use,legal'), { token: as.sam.accessToken })).body,
    );
    expect(full).toMatch(/Never use alone/);
    expect(full).toMatch(/Carry naloxone and show a friend how to use it/);
    expect(full).toMatch(/Ways I keep myself safer/);
  });

  it('shows each strategy’s last check-in (the answer, never the note), in the participant’s language', async () => {
    const plan = await t.gql.data<{ plan: { strategies: { id: string; text: string; version: number }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { strategies { id text version } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    const naloxone = plan.plan.strategies.find((s) => s.text.startsWith('Carry naloxone'))!;
    await t.gql.data(
      'mutation C($input: CheckInOnStrategyInput!) { checkInOnStrategy(input: $input) { id } }',
      {
        input: {
          strategyId: naloxone.id,
          expectedVersion: naloxone.version,
          answer: 'SOMEWHAT',
          note: 'My sister knows where the kit is now',
        },
      },
      { token: as.sam.accessToken },
    );
    const english = await pdfText(
      (await download(planUrl(participantId, '?include=substance-use'), { token: as.sam.accessToken })).body,
    );
    expect(english.replace(/\s+/g, ' ')).toMatch(/last checked in \d{1,2} [A-Z][a-z]+ \d{4}: somewhat/);
    expect(english).not.toMatch(/My sister knows/);
    const spanish = await pdfText(
      (await download(planUrl(participantId, '?include=substance-use&language=es'), { token: as.sam.accessToken }))
        .body,
    );
    expect(spanish.replace(/\s+/g, ' ')).toMatch(/último repaso .+: más o menos/);
  });

  it('the participant picks the sections', async () => {
    const text = await pdfText(
      (await download(planUrl(participantId, '?sections=goals,wins'), { token: as.sam.accessToken })).body,
    );
    expect(text).toMatch(/My goals/);
    expect(text).toMatch(/Recent wins/);
    expect(text).not.toMatch(/In my own words|My team|How things are going/);
    const bad = await download(planUrl(participantId, '?sections=secrets'), { token: as.sam.accessToken });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString())).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'sections' } });
  });

  it('in Spanish, with accents as written', async () => {
    const text = await pdfText(
      (await download(planUrl(participantId, '?language=es'), { token: as.sam.accessToken })).body,
    );
    expect(text).toMatch(/El plan de Sam/);
    expect(text).toMatch(/En mis propias palabras/);
    expect(text).toMatch(/Mis metas/);
    expect(text).toMatch(/Cómo van las cosas/);
    expect(text).toMatch(/Página 1 de \d+/);
    expect(text).toMatch(/Impreso el \d{1,2} de [a-z]+ de \d{4}/);
  });

  it('a housing worker’s PDF has no substance-use text even when asking for it, and the export is in Sam’s access log', async () => {
    const response = await download(planUrl(participantId, '?include=substance-use,legal'), {
      token: as.housing.accessToken,
    });
    expect(response.status).toBe(200);
    const text = await pdfText(response.body);
    expect(text).toMatch(/Get my own place where Biscuit can live with me/);
    expect(text).not.toMatch(SUBSTANCE_USE_TEXT);
    expect(text).not.toMatch(/PHQ-9|viral load/i);

    const log = await accessLog(t.gql, participantId, as.sam.accessToken);
    const entry = log.find((node) => node.action === 'exportPlanPdf' && node.actor?.displayName === 'Marcus Lee');
    expect(entry).toMatchObject({ kind: 'READ' });
    expect([...entry!.labels].sort()).toEqual(['GENERAL', 'HOUSING']);
  });

  it('unknown, malformed and hidden participants answer exactly alike (404), and the refusals are audited', async () => {
    const unknown = await download(planUrl('4f1c2a8e-0000-4000-8000-000000000000'), { token: as.cm.accessToken });
    const malformed = await download(planUrl('not-an-id'), { token: as.cm.accessToken });
    const admin = await download(planUrl(participantId), { token: as.admin.accessToken });
    const supervisor = await download(planUrl(participantId), { token: as.supervisor.accessToken });
    for (const response of [unknown, malformed, admin, supervisor]) {
      expectNotFound(response);
    }
    const log = await accessLog(t.gql, participantId, as.sam.accessToken);
    expect(log.some((node) => node.action === 'exportPlanPdf' && node.kind === 'DENIED')).toBe(true);
  });

  it('needs a bearer token in the Authorization header; a token in the URL is refused, never honoured', async () => {
    expect((await download(planUrl(participantId))).status).toBe(401);
    expect((await download(planUrl(participantId), { token: 'not-a-token' })).status).toBe(401);
    for (const name of ['access_token', 'token', 'Authorization']) {
      const inUrl = await download(planUrl(participantId, `?${name}=${as.sam.accessToken}`));
      expect(inUrl.status).toBe(400);
      expect(inUrl.contentType).toMatch(/json/);
      expect(inUrl.body.toString()).not.toContain(as.sam.accessToken);
      // Even alongside a valid header: the request is refused, so nobody learns a URL token works.
      const both = await download(planUrl(participantId, `?${name}=x`), { token: as.sam.accessToken });
      expect(both.status).toBe(400);
    }
  });
});
