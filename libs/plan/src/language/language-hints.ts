import { LABEL_STRICTNESS, SensitivityLabel } from '@roundtable/contracts';
import { STIGMATISING_TERMS, SUBSTANCE_USE_TERMS } from './stigmatising-terms';

export interface LanguageHintData {
  /** The words as written. */
  term: string;
  suggestion: string;
  why: string;
}

export interface LanguageCheckData {
  hints: LanguageHintData[];
  /** A stricter label to consider, when substance-use words sit in less protected text. */
  suggestedLabel: SensitivityLabel | null;
}

const words = (pattern: string, flags: string) => new RegExp(`\\b(?:${pattern})\\b`, flags);
const STIGMA = STIGMATISING_TERMS.map((term) => ({ ...term, regex: words(term.pattern, 'gi') }));
const SUBSTANCE = words(SUBSTANCE_USE_TERMS.join('|'), 'i');
const DRUG_USE_LABELS = /\b(addicts?|junkies?|abusers?|clean|dirty|relaps(?:e|es|ed|ing)|using|users?|high)\b/i;

/**
 * Advisory hints for staff-written text: never blocking, and never applied to what a
 * participant writes about themselves (callers pass only staff text).
 */
export function checkLanguage(text: string, label: SensitivityLabel = SensitivityLabel.GENERAL): LanguageCheckData {
  const hints: LanguageHintData[] = [];
  for (const term of STIGMA) {
    for (const match of text.matchAll(term.regex))
      hints.push({ term: match[0], suggestion: term.suggestion, why: term.why });
  }
  const stricter =
    SUBSTANCE.test(text) && LABEL_STRICTNESS[label] < LABEL_STRICTNESS[SensitivityLabel.SUBSTANCE_USE]
      ? SensitivityLabel.SUBSTANCE_USE
      : null;
  return { hints, suggestedLabel: stricter };
}

/**
 * True when a reason given for withholding a resource cites drug use (rules 10 and 14): such a
 * record reveals substance use, so it is labelled SUBSTANCE_USE (see withheldResourceLabel).
 */
export function citesDrugUse(text: string): boolean {
  return SUBSTANCE.test(text) || DRUG_USE_LABELS.test(text);
}

/**
 * The least strict label a withheld resource may carry: a reason (or resource) that cites
 * drug use reveals substance use, and anything derived carries the strictest label of what
 * it reveals (rule 10). Staff text only: a participant never records a withheld resource.
 */
export function withheldResourceLabel(resource: string, reason: string): SensitivityLabel {
  return citesDrugUse(reason) || citesDrugUse(resource) ? SensitivityLabel.SUBSTANCE_USE : SensitivityLabel.GENERAL;
}
