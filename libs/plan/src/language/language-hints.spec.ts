import { SensitivityLabel } from '@roundtable/contracts';
import { checkLanguage, citesDrugUse } from './language-hints';

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
});
