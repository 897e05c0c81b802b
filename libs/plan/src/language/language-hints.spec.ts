import { SensitivityLabel } from '@roundtable/contracts';
import { checkLanguage, citesDrugUse, withheldResourceLabel } from './language-hints';

describe('language hints', () => {
  it('suggests person-first alternatives for stigmatising terms', () => {
    const check = checkLanguage('Client is an addict, non-compliant, and came in dirty.');
    expect(check.hints.map((hint) => [hint.term, hint.suggestion])).toEqual([
      ['addict', 'person who uses drugs'],
      ['dirty', 'using / positive result'],
      ['non-compliant', 'chose not to / did not fit their situation'],
    ]);
  });

  it('matches whole words only, in any case', () => {
    expect(checkLanguage('Cleaned the flat; Clean-up day').hints.map((h) => h.term)).toEqual(['Clean']);
    expect(checkLanguage('RELAPSE').hints).toHaveLength(1);
    expect(checkLanguage('Sam chose a new flat').hints).toEqual([]);
  });

  it('suggests the substance-use label for substance words in less protected text', () => {
    expect(checkLanguage('Started methadone last week', SensitivityLabel.GENERAL).suggestedLabel).toBe(
      SensitivityLabel.SUBSTANCE_USE,
    );
    expect(checkLanguage('Started methadone last week', SensitivityLabel.HEALTH).suggestedLabel).toBe(
      SensitivityLabel.SUBSTANCE_USE,
    );
    expect(checkLanguage('Started methadone last week', SensitivityLabel.SUBSTANCE_USE).suggestedLabel).toBeNull();
    expect(checkLanguage('Viewing a flat on Tuesday', SensitivityLabel.GENERAL).suggestedLabel).toBeNull();
  });

  it('gives the same answer on repeated calls', () => {
    for (let i = 0; i < 3; i++)
      expect(checkLanguage('fentanyl test strips').suggestedLabel).toBe(SensitivityLabel.SUBSTANCE_USE);
  });

  it('flags withholding reasons that cite drug use', () => {
    expect(citesDrugUse('Not eligible while using heroin')).toBe(true);
    expect(citesDrugUse('Not until they are clean')).toBe(true);
    expect(citesDrugUse('Program is full until March')).toBe(false);
  });

  describe('issue 13, finding 11: the term lists cover every form of the words staff use about people', () => {
    it.each([
      ['Sam is an addict', 'addict'],
      ['two addicts in the building', 'addicts'],
      ['he is addicted to opioids', 'addicted'],
      ['a junkie', 'junkie'],
      ['junkies hang out there', 'junkies'],
      ['Sam relapsed on Friday', 'relapsed'],
      ['relapsing again', 'relapsing'],
      ['two relapses this year', 'relapses'],
      ['a relapse', 'relapse'],
      ['going to detox', 'detox'],
      ['detoxing at home', 'detoxing'],
      ['she detoxed last spring', 'detoxed'],
      ['Sam has been sober for a week', 'sober'],
      ['his sobriety matters', 'sobriety'],
      ['he is a user', 'a user'],
      ['Sam is an IV drug user', 'drug user'],
      ['drug users need housing too', 'drug users'],
      ['users come to the drop-in', 'users'],
      ['a heroin user', 'heroin user'],
    ])('%j gets a person-first hint for %j', (text, term) => {
      const hints = checkLanguage(text).hints;
      expect(hints.map((hint) => hint.term.toLowerCase())).toContain(term.toLowerCase());
      expect(hints.every((hint) => hint.suggestion.length > 0 && hint.why.length > 0)).toBe(true);
    });

    it('leaves "user" alone when it is not about a person who uses drugs', () => {
      for (const text of ['Set up a user account for Sam', 'Forgot the username', 'See the users guide'])
        expect(checkLanguage(text).hints).toEqual([]);
    });

    it('"Sam is an addict who relapsed" in GENERAL text gets hints AND a suggested SUBSTANCE_USE label', () => {
      const check = checkLanguage('Sam is an addict who relapsed', SensitivityLabel.GENERAL);
      expect(check.hints.map((hint) => hint.term)).toEqual(['addict', 'relapsed']);
      expect(check.suggestedLabel).toBe(SensitivityLabel.SUBSTANCE_USE);
      for (const text of ['back from detox', 'sober since March', 'a junkie', 'an IV drug user'])
        expect(checkLanguage(text, SensitivityLabel.HOUSING).suggestedLabel).toBe(SensitivityLabel.SUBSTANCE_USE);
    });

    it('labels a withheld resource whose reason cites drug use SUBSTANCE_USE', () => {
      expect(withheldResourceLabel('Shelter bed', 'Not while he is still using')).toBe(SensitivityLabel.SUBSTANCE_USE);
      expect(withheldResourceLabel('Shelter bed', 'She relapsed last week')).toBe(SensitivityLabel.SUBSTANCE_USE);
      expect(withheldResourceLabel('Shelter bed', 'Only after detox')).toBe(SensitivityLabel.SUBSTANCE_USE);
      expect(withheldResourceLabel('Sober-living bed', 'Waiting list is full')).toBe(SensitivityLabel.SUBSTANCE_USE);
      expect(withheldResourceLabel('Shelter bed', 'The program is full until March')).toBe(SensitivityLabel.GENERAL);
    });
  });
});
