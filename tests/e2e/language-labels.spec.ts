import { errorCode, startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

const CHECK =
  'query L($text: String!, $label: SensitivityLabel) { checkLanguage(text: $text, label: $label) { hints { term suggestion } suggestedLabel } }';
const WITHHOLD =
  'mutation W($input: RecordWithheldResourceInput!) { recordWithheldResource(input: $input) { id label reasonCitesDrugUse } }';
const PLAN =
  'query P($id: ID!) { plan(participantId: $id) { goals { id text languageHints { term } } offers { id label } } }';

/** Issue 13, finding 11 (rules 10 and 14), over real HTTP. */
describe('language: person-first hints, a stricter label suggested, withheld reasons labelled by what they reveal', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  beforeAll(async () => ({ t, as, participantId } = await startDemoApp(['cm', 'housing', 'sam'])));
  afterAll(() => t.close());

  it('"Sam is an addict who relapsed" in GENERAL text gets hints and a suggested SUBSTANCE_USE label', async () => {
    const { checkLanguage } = await t.gql.data<{
      checkLanguage: { hints: { term: string; suggestion: string }[]; suggestedLabel: string | null };
    }>(CHECK, { text: 'Sam is an addict who relapsed', label: 'GENERAL' }, { token: as.cm.accessToken });
    expect(checkLanguage.hints.map((hint) => hint.term)).toEqual(['addict', 'relapsed']);
    expect(checkLanguage.hints.every((hint) => hint.suggestion.length > 0)).toBe(true);
    expect(checkLanguage.suggestedLabel).toBe('SUBSTANCE_USE');
  });

  it('a withheld resource whose reason cites drug use is labelled SUBSTANCE_USE, so housing never sees it', async () => {
    const { recordWithheldResource: withheld } = await t.gql.data<{
      recordWithheldResource: { id: string; label: string; reasonCitesDrugUse: boolean };
    }>(
      WITHHOLD,
      {
        input: {
          participantId,
          resource: 'Shared-housing room',
          reason: 'Sam relapsed last week; not until after detox',
        },
      },
      { token: as.cm.accessToken },
    );
    expect(withheld).toMatchObject({ label: 'SUBSTANCE_USE', reasonCitesDrugUse: true });
    const housing = await t.gql.data<{ plan: { offers: { id: string }[] } }>(
      PLAN,
      { id: participantId },
      { token: as.housing.accessToken },
    );
    expect(housing.plan.offers.map((offer) => offer.id)).not.toContain(withheld.id);
    // Housing cannot write what it could not read back: refused, naming the label.
    const byHousing = await t.gql.request(
      WITHHOLD,
      { input: { participantId, resource: 'Room', reason: 'He is a drug user' } },
      { token: as.housing.accessToken },
    );
    expect(byHousing.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.label' });
    // A reason that cites nothing about use stays GENERAL.
    const plain = await t.gql.data<{ recordWithheldResource: { label: string } }>(
      WITHHOLD,
      { input: { participantId, resource: 'Gym pass', reason: 'The program is full until March' } },
      { token: as.housing.accessToken },
    );
    expect(plain.recordWithheldResource.label).toBe('GENERAL');
  });

  it('never hints on the participant’s own words', async () => {
    const expressed = await t.gql.data<{ expressGoal: { id: string } }>(
      'mutation E($input: ExpressGoalInput!) { expressGoal(input: $input) { id } }',
      { input: { participantId, text: 'Stay sober after I relapsed, I am no junkie', domain: 'OTHER' } },
      { token: as.sam.accessToken },
    );
    const seenByCm = await t.gql.data<{ plan: { goals: { id: string; languageHints: { term: string }[] }[] } }>(
      PLAN,
      { id: participantId },
      { token: as.cm.accessToken },
    );
    expect(seenByCm.plan.goals.find((goal) => goal.id === expressed.expressGoal.id)!.languageHints).toEqual([]);
    expect(errorCode(await t.gql.request(CHECK, { text: '   ' }, { token: as.cm.accessToken }))).toBe('BAD_USER_INPUT');
  });
});
