import { startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';
import { accessLog } from './exports/demo-strings';
import { download, expectNotFound } from './exports/download';
import { pdfText } from './exports/pdf-text';

const BREAK_GLASS =
  'mutation B($input: RequestEmergencyAccessInput!) { requestEmergencyAccess(input: $input) { id active } }';

describe('exports: the whole record (record.json, record.pdf), for the participant only', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  const url = (id: string, file: string) => `${t.url}/exports/participants/${id}/${file}`;
  beforeAll(async () => {
    ({ t, as, participantId } = await startDemoApp(['sam', 'cm', 'md', 'housing', 'supervisor', 'admin']));
  }, 120_000);
  afterAll(() => t.close());

  it('holds everything the plan, outcomes, conferences, consent and audit trail hold about Sam', async () => {
    const response = await download(url(participantId, 'record.json'), { token: as.sam.accessToken });
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/json/);
    const record = JSON.parse(response.body.toString());
    expect(record.participant).toEqual({ id: participantId, preferredName: 'Sam' });
    expect(record.plan.vision.text).toMatch(/A place of my own/);
    const goals = record.plan.goals.map((goal: { text: string }) => goal.text);
    expect(goals).toEqual(
      expect.arrayContaining(['Never use alone', 'Get my own place where Biscuit can live with me']),
    );
    expect(record.plan.strategies.map((s: { text: string }) => s.text)).toContain('Test with fentanyl strips first');
    expect(record.progress.domains.map((d: { domain: string }) => d.domain)).toContain('SUBSTANCE_USE');
    expect(record.measurements.length).toBe(7);
    const phq9 = record.measurements.flatMap(
      (m: { measurements: { value: number; source: string }[] }) => m.measurements,
    );
    expect(phq9.some((m: { source: string }) => m.source === 'CLINICIAN')).toBe(true);
    expect(record.wins.length).toBeGreaterThan(0);
    expect(record.timeline.length).toBeGreaterThan(20);
    expect(record.conferences).toHaveLength(2);
    expect(record.conferences[0].agenda[0].kind).toBe('PARTICIPANT_UPDATE');
    expect(record.consent.grants.length).toBeGreaterThan(0);
    expect(record.careTeam.map((m: { displayName: string }) => m.displayName)).toContain('Marcus Lee');
    expect(record.careTeamChanges.length).toBeGreaterThan(0);
    expect(record.accessLog.length).toBeGreaterThan(0);
  });

  it('as a PDF too, in the participant’s language', async () => {
    const response = await download(`${url(participantId, 'record.pdf')}?language=es`, { token: as.sam.accessToken });
    expect(response.status).toBe(200);
    const text = await pdfText(response.body);
    expect(text).toMatch(/Todo lo que Roundtable guarda sobre Sam/);
    expect(text).toMatch(/Never use alone/);
    expect(text).toMatch(/Reuniones del equipo/);
    expect(text).toMatch(/A quién dejo ver qué/);
    expect(text).toMatch(/Quién vio o cambió mi plan/);
  });

  it('staff on the team, break-glass included, get 404 exactly like an unknown id; the attempts are audited', async () => {
    const started = await t.gql.data<{ requestEmergencyAccess: { active: boolean } }>(
      BREAK_GLASS,
      { input: { participantId, reason: 'Unconscious in ED, need full history' } },
      { token: as.md.accessToken },
    );
    expect(started.requestEmergencyAccess.active).toBe(true);
    // Break-glass does reach the plan…
    expect((await download(url(participantId, 'plan.pdf'), { token: as.md.accessToken })).status).toBe(200);
    const unknown = await download(url('4f1c2a8e-0000-4000-8000-000000000000', 'record.json'), {
      token: as.sam.accessToken,
    });
    const answers = [unknown];
    for (const who of ['md', 'cm', 'housing', 'supervisor', 'admin']) {
      for (const file of ['record.json', 'record.pdf']) {
        answers.push(await download(url(participantId, file), { token: as[who].accessToken }));
      }
    }
    for (const response of answers) {
      expectNotFound(response);
    }
    const log = await accessLog(t.gql, participantId, as.sam.accessToken);
    const record = log.filter((n) => n.action.startsWith('exportRecord'));
    expect(record.some((n) => n.kind === 'READ' && n.actor?.displayName === 'Sam')).toBe(true);
    expect(record.some((n) => n.kind === 'DENIED' && n.actor?.displayName === 'Dr. Priya Natarajan')).toBe(true);
  });

  it('no token, or a token in the URL, never gets the record', async () => {
    expect((await download(url(participantId, 'record.json'))).status).toBe(401);
    const inUrl = await download(`${url(participantId, 'record.json')}?access_token=${as.sam.accessToken}`);
    expect(inUrl.status).toBe(400);
    expect(inUrl.body.toString()).not.toMatch(/Biscuit/);
  });
});
