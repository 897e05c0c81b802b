import type { Bundle, Coding, Goal, Observation, Resource } from '@medplum/fhirtypes';
import { errorCode, signInDemo, startTestApp, type SignedIn, type TestApp } from '@roundtable/testing';
import { accessLog } from './exports/demo-strings';
import { download, expectNotFound } from './exports/download';
import { fhirErrors } from './exports/fhir-validator';

const ALLOW =
  'mutation A($input: AllowExternalSharingInput!) { allowExternalSharing(input: $input) { id label recipient active } }';
const STOP =
  'mutation S($input: StopExternalSharingInput!) { stopExternalSharing(input: $input) { id active stoppedAt } }';
const CLINIC = 'Harbour Street Clinic';
/** Anything a housing worker may not see in Sam's plan, as FHIR would carry it. */
const NOT_FOR_HOUSING =
  /"(ETH|PSY|HIV|42CFRPart2|NORDSCLCD|R)"|44261-6|20447-9|Never use alone|naloxone|Naloxone|fentanyl|PHQ|viral load|"Consent"/;

const resources = (bundle: Bundle): Resource[] => (bundle.entry ?? []).map((entry) => entry.resource!);
const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']) =>
  resources(bundle).filter((r): r is T => r.resourceType === type);
const codes = (resource: Resource) => (resource.meta?.security ?? []).map((coding: Coding) => coding.code);

describe('exports: FHIR R4 Patient/$everything', () => {
  let t: TestApp;
  let as: Record<string, SignedIn>;
  let participantId: string;
  const url = (id: string, query = '') => `${t.url}/fhir/R4/Patient/${id}/$everything${query}`;
  const everything = async (who: string, query = '') => {
    const response = await download(url(participantId, query), { token: as[who].accessToken });
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('application/fhir+json; charset=utf-8');
    return JSON.parse(response.body.toString()) as Bundle;
  };
  const allow = (variables: Record<string, unknown>, who = 'sam') =>
    t.gql.request(
      ALLOW,
      { input: { participantId, endsAt: new Date(t.clock.now().getTime() + 30 * 86_400_000), ...variables } },
      { token: as[who].accessToken },
    );

  beforeAll(async () => {
    // Index the R4 definitions first: it blocks the event loop for seconds, which would
    // otherwise let keep-alive sockets go stale under a later request.
    expect(fhirErrors({ resourceType: 'Patient' })).toEqual([]);
    t = await startTestApp({ seedDemo: true });
    as = await signInDemo(t.gql, ['sam', 'cm', 'housing', 'admin']);
    participantId = as.sam.account.participantId!;
  }, 120_000);
  afterAll(() => t.close());

  it('the participant’s own bundle: valid R4, every resource labelled, LOINC for clinical measures, their words for their own', async () => {
    const bundle = await everything('sam');
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(fhirErrors(bundle)).toEqual([]);
    const types = new Set(resources(bundle).map((r) => r.resourceType));
    for (const type of ['Patient', 'Practitioner', 'CareTeam', 'CarePlan', 'Goal', 'Observation', 'Consent']) {
      expect(types).toContain(type);
    }
    for (const resource of resources(bundle)) expect(codes(resource).length).toBeGreaterThan(0);

    const careTeam = ofType(bundle, 'CareTeam')[0] as {
      participant: { role: { text: string }[]; member: { display: string } }[];
    };
    expect(careTeam.participant.map((p) => `${p.member.display}: ${p.role[0].text}`)).toContain('Marcus Lee: Housing');

    const goals = ofType<Goal>(bundle, 'Goal');
    const saferUse = goals.find((g) => g.description.text === 'Never use alone')!;
    expect(codes(saferUse)).toEqual(expect.arrayContaining(['R', 'ETH', '42CFRPart2', 'NORDSCLCD']));
    const home = goals.find((g) => g.description.text === 'Get my own place where Biscuit can live with me')!;
    expect(home).toMatchObject({ lifecycleStatus: 'active', expressedBy: { reference: `Patient/${participantId}` } });
    expect(home.achievementStatus?.coding?.[0].code).toBe('improving');
    expect(home.target?.[0].measure?.text).toBe('Getting my own place (goal attainment)');
    const proposed = goals.find((g) => g.description.text === 'Apply for disability income support')!;
    expect(proposed.lifecycleStatus).toBe('proposed');
    expect(proposed.expressedBy?.reference).toMatch(/^Practitioner\//);

    const observations = ofType<Observation>(bundle, 'Observation');
    const phq9 = observations.filter((o) => o.code.coding?.[0].code === '44261-6');
    expect(phq9).toHaveLength(6);
    expect(phq9[0].code.coding?.[0].system).toBe('http://loinc.org');
    expect(codes(phq9[0])).toEqual(expect.arrayContaining(['R', 'PSY']));
    const viralLoad = observations.find((o) => o.code.coding?.[0].code === '20447-9')!;
    expect(codes(viralLoad)).toContain('HIV');
    const safe = observations.filter((o) => o.code.text === 'Days I felt safe this week');
    expect(safe.length).toBe(26);
    expect(safe[0].code.coding?.[0].system).toBe('urn:roundtable:fhir:participant-metric');

    const consent = ofType(bundle, 'Consent').find((c) => c.id === `consent-team-${participantId}`) as {
      provision: { provision: { period: { start: string } }[] };
    };
    expect(consent.provision.provision.length).toBeGreaterThan(0);
    expect(consent.provision.provision[0].period.start).toBeDefined();
  });

  it('only the participant allows sharing outside; substance use needs a named recipient', async () => {
    expect(errorCode(await allow({ label: 'GENERAL' }, 'cm'))).toBe('FORBIDDEN');
    expect(errorCode(await allow({ label: 'GENERAL' }, 'admin'))).toBe('NOT_FOUND');
    const noRecipient = await allow({ label: 'SUBSTANCE_USE' });
    expect(errorCode(noRecipient)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(noRecipient)).toContain('input.recipient');
  });

  it('staff send out only what the participant allowed outside, and a housing worker’s bundle holds nothing from labels they may not see', async () => {
    // Before any consent to share outside: only the Patient leaves.
    const before = await everything('housing');
    expect(resources(before).map((r) => r.resourceType)).toEqual(['Patient']);
    expect(fhirErrors(before)).toEqual([]);

    for (const label of ['GENERAL', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH']) {
      expect((await allow({ label })).errors).toBeUndefined();
    }
    expect((await allow({ label: 'SUBSTANCE_USE', recipient: CLINIC })).errors).toBeUndefined();

    const housing = await everything('housing', `?recipient=${encodeURIComponent(CLINIC)}`);
    expect(fhirErrors(housing)).toEqual([]);
    const text = JSON.stringify(housing);
    expect(text).not.toMatch(NOT_FOR_HOUSING);
    expect(ofType<Goal>(housing, 'Goal').map((g) => g.description.text)).toContain(
      'Get my own place where Biscuit can live with me',
    );
    for (const resource of resources(housing)) expect(codes(resource)).toEqual(['N']);
    expect(ofType(housing, 'Observation').length).toBeGreaterThan(0);

    // The case manager sees substance use in Roundtable (the demo's grant) but it leaves only to the named clinic.
    const cmAnywhere = JSON.stringify(await everything('cm'));
    expect(cmAnywhere).not.toMatch(/"ETH"|Never use alone/);
    expect(cmAnywhere).toMatch(/"PSY"/);
    const cmToClinic = await everything('cm', `?recipient=${encodeURIComponent('  harbour street CLINIC ')}`);
    expect(fhirErrors(cmToClinic)).toEqual([]);
    const saferUse = ofType<Goal>(cmToClinic, 'Goal').find((g) => g.description.text === 'Never use alone')!;
    expect(codes(saferUse)).toEqual(expect.arrayContaining(['ETH', '42CFRPart2', 'NORDSCLCD']));
    expect(JSON.stringify(await everything('cm', '?recipient=Another%20Agency'))).not.toMatch(/"ETH"/);
  });

  it('stopping takes effect at once; the export and the consent changes are in the access log', async () => {
    const list = await t.gql.data<{ externalSharing: { id: string; label: string; active: boolean }[] }>(
      'query X($id: ID!) { externalSharing(participantId: $id) { id label active } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    const health = list.externalSharing.find((c) => c.label === 'HEALTH' && c.active)!;
    const stopped = await t.gql.data<{ stopExternalSharing: { active: boolean } }>(
      STOP,
      { input: { consentId: health.id } },
      { token: as.sam.accessToken },
    );
    expect(stopped.stopExternalSharing.active).toBe(false);
    expect(JSON.stringify(await everything('cm'))).not.toMatch(/20447-9|viral load/i);

    const log = await accessLog(t.gql, participantId, as.sam.accessToken);
    const actions = log.map((node) => `${node.actor?.displayName}:${node.action}:${node.kind}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'Marcus Lee:fhirEverything:READ',
        'Sam:allowExternalSharing:CONSENT',
        'Sam:stopExternalSharing:CONSENT',
      ]),
    );
  });

  it('unknown and hidden participants answer alike; no token in the URL', async () => {
    for (const response of [
      await download(url('4f1c2a8e-0000-4000-8000-000000000000'), { token: as.cm.accessToken }),
      await download(url(participantId), { token: as.admin.accessToken }),
    ]) {
      expectNotFound(response);
    }
    expect((await download(url(participantId))).status).toBe(401);
    expect((await download(url(participantId, `?_token=x&access_token=${as.cm.accessToken}`))).status).toBe(400);
  });
});
