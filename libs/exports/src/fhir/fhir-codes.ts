import type { Coding } from '@medplum/fhirtypes';
import { Discipline, GoalLifecycle, LABEL_STRICTNESS, SensitivityLabel, Trend } from '@roundtable/contracts';

export const LOINC = 'http://loinc.org';
export const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** Roundtable's own code systems (URNs: they name codes, they are not addresses to fetch). */
export const ROUNDTABLE_SYSTEM = {
  participantMetric: 'urn:roundtable:fhir:participant-metric',
  clinicalMeasure: 'urn:roundtable:fhir:clinical-measure',
  discipline: 'urn:roundtable:fhir:discipline',
  lifeDomain: 'urn:roundtable:fhir:life-domain',
  teamRole: 'urn:roundtable:fhir:team-role',
} as const;

/** The clinical catalogue items with a LOINC code (libs/outcomes/src/clinical-catalogue.ts). */
export const LOINC_BY_CATALOGUE_CODE: Record<string, { code: string; display: string }> = {
  PHQ9: { code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]' },
  GAD7: { code: '70274-6', display: 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]' },
  HBA1C: { code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' },
  BLOOD_PRESSURE_SYSTOLIC: { code: '8480-6', display: 'Systolic blood pressure' },
  BLOOD_PRESSURE_DIASTOLIC: { code: '8462-4', display: 'Diastolic blood pressure' },
  AUDIT_C: { code: '75626-2', display: 'Total score [AUDIT-C]' },
  VIRAL_LOAD: {
    code: '20447-9',
    display: 'HIV 1 RNA [#/volume] (viral load) in Serum or Plasma by NAA with probe detection',
  },
  CD4: { code: '24467-3', display: 'CD3+CD4+ (T4 helper) cells [#/volume] in Blood' },
};

/** Catalogue items that reveal HIV care: they also carry the HIV sensitivity code. */
export const HIV_MEASURES = new Set(['VIRAL_LOAD', 'CD4']);

const CONFIDENTIALITY_OF: Record<SensitivityLabel, 'N' | 'R'> = {
  [SensitivityLabel.GENERAL]: 'N',
  [SensitivityLabel.HOUSING]: 'N',
  [SensitivityLabel.HEALTH]: 'R',
  [SensitivityLabel.MENTAL_HEALTH]: 'R',
  [SensitivityLabel.LEGAL]: 'R',
  [SensitivityLabel.SUBSTANCE_USE]: 'R',
};

const CONFIDENTIALITY_DISPLAY = { N: 'normal', R: 'restricted' } as const;

/** HL7 ActCode information-sensitivity codes of each label (PRODUCT.md rule 10). */
const SENSITIVITY_OF: Partial<Record<SensitivityLabel, Coding[]>> = {
  [SensitivityLabel.MENTAL_HEALTH]: [{ system: ACT_CODE, code: 'PSY', display: 'psychiatry information sensitivity' }],
  [SensitivityLabel.SUBSTANCE_USE]: [
    { system: ACT_CODE, code: 'ETH', display: 'substance abuse information sensitivity' },
    // 42 CFR Part 2 content: the law it falls under, and no redisclosure without consent.
    { system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part2' },
    { system: ACT_CODE, code: 'NORDSCLCD', display: 'no redisclosure without consent directive' },
  ],
};

/**
 * `meta.security` for a resource revealing content under these labels: the confidentiality of
 * the strictest, and every label's sensitivity codes (a derived resource carries the strictest
 * label of what it reveals, rule 10).
 */
export function securityLabels(labels: Iterable<SensitivityLabel>, extra: Coding[] = []): Coding[] {
  const all = [...new Set(labels)];
  const strictest = all.reduce<SensitivityLabel>(
    (a, b) => (LABEL_STRICTNESS[b] > LABEL_STRICTNESS[a] ? b : a),
    SensitivityLabel.GENERAL,
  );
  const confidentiality = all.some((label) => CONFIDENTIALITY_OF[label] === 'R') ? 'R' : CONFIDENTIALITY_OF[strictest];
  const codes: Coding[] = [
    { system: CONFIDENTIALITY, code: confidentiality, display: CONFIDENTIALITY_DISPLAY[confidentiality] },
  ];
  for (const coding of [...all.flatMap((label) => SENSITIVITY_OF[label] ?? []), ...extra]) {
    if (!codes.some((seen) => seen.system === coding.system && seen.code === coding.code)) codes.push(coding);
  }
  return codes;
}

export const HIV_SENSITIVITY: Coding = { system: ACT_CODE, code: 'HIV', display: 'HIV/AIDS information sensitivity' };

/** Our life cycle in FHIR Goal.lifecycleStatus terms (no failed state exists on either side worth sending: rule 6). */
export function goalLifecycleStatus(
  lifecycle: GoalLifecycle,
  declined: boolean,
): 'proposed' | 'active' | 'on-hold' | 'completed' | 'cancelled' | 'rejected' {
  if (declined) return 'rejected';
  switch (lifecycle) {
    case GoalLifecycle.PROPOSED:
      return 'proposed';
    case GoalLifecycle.ACTIVE:
      return 'active';
    case GoalLifecycle.ON_HOLD:
      return 'on-hold';
    case GoalLifecycle.ACHIEVED:
      return 'completed';
    case GoalLifecycle.RETIRED:
      return 'cancelled';
  }
}

/**
 * Goal.achievementStatus from progress: achieved, or the trend of its linked metrics. A move
 * away from the better direction is sent as "in-progress", never "worsening" or
 * "not-achieved": setbacks are expected, not failure (PRODUCT.md rule 6).
 */
export function achievementStatus(lifecycle: GoalLifecycle, trends: Trend[]): { code: string; display: string } | null {
  if (lifecycle === GoalLifecycle.PROPOSED || lifecycle === GoalLifecycle.RETIRED) return null;
  if (lifecycle === GoalLifecycle.ACHIEVED) return { code: 'achieved', display: 'Achieved' };
  if (trends.includes(Trend.TOWARD_BETTER)) return { code: 'improving', display: 'Improving' };
  if (trends.length && trends.every((trend) => trend === Trend.UNCHANGED))
    return { code: 'no-change', display: 'No Change' };
  return { code: 'in-progress', display: 'In Progress' };
}

export const DISCIPLINE_DISPLAY: Record<Discipline, string> = {
  [Discipline.CASE_MANAGEMENT]: 'Case management',
  [Discipline.MEDICAL]: 'Physician / prescriber',
  [Discipline.NURSING]: 'Nursing',
  [Discipline.HOUSING]: 'Housing',
  [Discipline.PEER_SUPPORT]: 'Peer support',
  [Discipline.BEHAVIOURAL_HEALTH]: 'Behavioural health',
  [Discipline.RECOVERY_COUNSELLING]: 'Recovery counselling',
};
