import { BetterDirection, LifeDomain, ScaleType, SensitivityLabel } from '@roundtable/contracts';

export interface CatalogueEntry {
  code: string;
  name: string;
  unit: string | null;
  domain: LifeDomain;
  label: SensitivityLabel;
  scale: ScaleType;
  minimum: number | null;
  maximum: number | null;
  better: BetterDirection;
}

const { HIGHER, LOWER } = BetterDirection;
const entry = (
  code: string,
  name: string,
  unit: string | null,
  domain: LifeDomain,
  label: SensitivityLabel,
  scale: ScaleType,
  minimum: number | null,
  maximum: number | null,
  better: BetterDirection,
): CatalogueEntry => ({ code, name, unit, domain, label, scale, minimum, maximum, better });

/**
 * Clinical measures to pick from. Substance-use measures (AUDIT-C, overdose events,
 * naloxone kits) carry the substance-use label; a custom clinical metric is also possible.
 */
export const CLINICAL_CATALOGUE: readonly CatalogueEntry[] = [
  entry(
    'VIRAL_LOAD',
    'HIV viral load',
    'copies/mL',
    LifeDomain.HEALTH,
    SensitivityLabel.HEALTH,
    ScaleType.NUMBER,
    0,
    null,
    LOWER,
  ),
  entry('CD4', 'CD4 count', 'cells/µL', LifeDomain.HEALTH, SensitivityLabel.HEALTH, ScaleType.NUMBER, 0, 5000, HIGHER),
  entry('HBA1C', 'HbA1c', '%', LifeDomain.HEALTH, SensitivityLabel.HEALTH, ScaleType.NUMBER, 3, 20, LOWER),
  entry(
    'BLOOD_PRESSURE_SYSTOLIC',
    'Blood pressure (systolic)',
    'mmHg',
    LifeDomain.HEALTH,
    SensitivityLabel.HEALTH,
    ScaleType.NUMBER,
    50,
    260,
    LOWER,
  ),
  entry(
    'BLOOD_PRESSURE_DIASTOLIC',
    'Blood pressure (diastolic)',
    'mmHg',
    LifeDomain.HEALTH,
    SensitivityLabel.HEALTH,
    ScaleType.NUMBER,
    30,
    160,
    LOWER,
  ),
  entry(
    'PHQ9',
    'PHQ-9 (depression)',
    'score',
    LifeDomain.EMOTIONAL_WELLBEING,
    SensitivityLabel.MENTAL_HEALTH,
    ScaleType.NUMBER,
    0,
    27,
    LOWER,
  ),
  entry(
    'GAD7',
    'GAD-7 (anxiety)',
    'score',
    LifeDomain.EMOTIONAL_WELLBEING,
    SensitivityLabel.MENTAL_HEALTH,
    ScaleType.NUMBER,
    0,
    21,
    LOWER,
  ),
  entry(
    'AUDIT_C',
    'AUDIT-C (alcohol)',
    'score',
    LifeDomain.SUBSTANCE_USE,
    SensitivityLabel.SUBSTANCE_USE,
    ScaleType.NUMBER,
    0,
    12,
    LOWER,
  ),
  entry(
    'OVERDOSE_EVENTS',
    'Overdose events',
    'events',
    LifeDomain.SUBSTANCE_USE,
    SensitivityLabel.SUBSTANCE_USE,
    ScaleType.COUNT,
    0,
    null,
    LOWER,
  ),
  entry(
    'NALOXONE_KITS',
    'Naloxone kits held',
    'kits',
    LifeDomain.SUBSTANCE_USE,
    SensitivityLabel.SUBSTANCE_USE,
    ScaleType.COUNT,
    0,
    null,
    HIGHER,
  ),
  entry(
    'NIGHTS_HOUSED',
    'Nights housed (last 30)',
    'nights',
    LifeDomain.HOUSING,
    SensitivityLabel.HOUSING,
    ScaleType.COUNT,
    0,
    31,
    HIGHER,
  ),
  entry(
    'EMERGENCY_VISITS',
    'Emergency visits (last 30 days)',
    'visits',
    LifeDomain.HEALTH,
    SensitivityLabel.HEALTH,
    ScaleType.COUNT,
    0,
    null,
    LOWER,
  ),
];

export function catalogueEntry(code: string): CatalogueEntry | undefined {
  return CLINICAL_CATALOGUE.find((item) => item.code === code);
}
