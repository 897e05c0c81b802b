import { SensitivityLabel } from '@roundtable/contracts';
import { badUserInput } from '@roundtable/platform';
import { ExportLanguage } from '../i18n/catalogue';

export enum PlanSection {
  VISION = 'vision',
  GOALS = 'goals',
  STRATEGIES = 'strategies',
  TEAM = 'team',
  METRICS = 'metrics',
  WINS = 'wins',
}

/**
 * The pocket copy leaves out substance-use and legal content unless asked for: police and
 * shelter staff search people's belongings (issue 19; PRODUCT.md rule 10).
 */
export const POCKET_LEAVES_OUT: readonly SensitivityLabel[] = [SensitivityLabel.SUBSTANCE_USE, SensitivityLabel.LEGAL];

export interface PlanPdfOptions {
  sections: Set<PlanSection>;
  /** Labels the printout may carry (further narrowed to what the viewer may see). */
  labels: Set<SensitivityLabel>;
  language: ExportLanguage;
}

function list(value: unknown): string[] | null {
  if (value === undefined) return null;
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function parseLanguage(value: unknown): ExportLanguage {
  if (value === undefined || value === '') return ExportLanguage.EN;
  const language = Object.values(ExportLanguage).find((candidate) => candidate === value);
  if (!language) throw badUserInput('language', 'language: en or es');
  return language;
}

/**
 * `?sections=vision,goals,…` (default: all), `?include=substance-use,legal` (labels the
 * pocket copy leaves out by default), `?language=en|es`.
 */
export function parsePlanPdfOptions(query: Record<string, unknown>): PlanPdfOptions {
  const sectionNames = list(query.sections);
  const sections = new Set<PlanSection>();
  for (const name of sectionNames ?? Object.values(PlanSection)) {
    const section = Object.values(PlanSection).find((candidate) => candidate === name.toLowerCase());
    if (!section) throw badUserInput('sections', `sections: one or more of ${Object.values(PlanSection).join(', ')}`);
    sections.add(section);
  }
  const labels = new Set(Object.values(SensitivityLabel).filter((label) => !POCKET_LEAVES_OUT.includes(label)));
  for (const name of list(query.include) ?? []) {
    const label = Object.values(SensitivityLabel).find(
      (candidate) => candidate === name.toUpperCase().replaceAll('-', '_'),
    );
    if (!label) throw badUserInput('include', 'include: label names, e.g. substance-use,legal');
    labels.add(label);
  }
  return { sections, labels, language: parseLanguage(query.language) };
}
