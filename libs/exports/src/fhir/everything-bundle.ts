import type {
  Bundle,
  BundleEntry,
  CarePlan,
  CarePlanActivity,
  CareTeam,
  Coding,
  Consent,
  ConsentProvision,
  Goal,
  Observation,
  Patient,
  Practitioner,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { MetricKind, ScaleType, SensitivityLabel, type Discipline } from '@roundtable/contracts';
import type { ConsentGrant } from '@roundtable/access';
import type { Measurement, Metric, Series } from '@roundtable/outcomes';
import type { Author, Step } from '@roundtable/plan';
import type { ExternalSharingConsent } from '../external-sharing/external-sharing.models';
import type { PlanExport, TeamContact } from '../plan/plan-export.loader';
import {
  achievementStatus,
  DISCIPLINE_DISPLAY,
  goalLifecycleStatus,
  HIV_MEASURES,
  HIV_SENSITIVITY,
  LOINC,
  LOINC_BY_CATALOGUE_CODE,
  ROUNDTABLE_SYSTEM,
  securityLabels,
} from './fhir-codes';

export interface EverythingInput {
  baseUrl: string;
  data: PlanExport;
  measurements: Map<string, Measurement[]>;
  /** The participant's own bundle only: consent shows which labels exist. */
  consent: { grants: ConsentGrant[]; externalSharing: ExternalSharingConsent[] } | null;
  now: Date;
}

const iso = (date: Date) => date.toISOString();

/**
 * `Patient/$everything` as a searchset Bundle built only from what `data` holds: it was read
 * under the labels this export may carry, so no resource, code or reference from another
 * label is even available here (PRODUCT.md rule 11). Every resource carries `meta.security`
 * for its labels (rule 10).
 */
export function everythingBundle(input: EverythingInput): Bundle {
  const { data, now } = input;
  const patientId = data.participantId;
  const patientRef: Reference<Patient> = { reference: `Patient/${patientId}`, display: data.participantName };
  const seesGeneral = data.labels.has(SensitivityLabel.GENERAL);
  const team = seesGeneral
    ? data.team.filter((member): member is TeamContact & { discipline: Discipline } => member.discipline !== null)
    : [];
  const teamIds = new Set(team.map((member) => member.accountId));
  const who = (author: Author): Reference<Patient | Practitioner> => {
    if (author.isParticipant) return patientRef;
    return author.accountId && teamIds.has(author.accountId)
      ? { reference: `Practitioner/${author.accountId}`, display: author.displayName }
      : { display: author.displayName };
  };
  const resources: Resource[] = [];

  resources.push({
    resourceType: 'Patient',
    id: patientId,
    meta: { security: securityLabels([SensitivityLabel.GENERAL]) },
    active: true,
    name: [{ text: data.participantName, given: [data.participantName] }],
  } satisfies Patient);

  for (const member of team) {
    resources.push({
      resourceType: 'Practitioner',
      id: member.accountId,
      meta: { security: securityLabels([SensitivityLabel.GENERAL]) },
      name: [{ text: member.displayName }],
      ...(member.email ? { telecom: [{ system: 'email', value: member.email }] } : {}),
    } satisfies Practitioner);
  }
  const careTeamId = `careteam-${patientId}`;
  if (seesGeneral) {
    resources.push({
      resourceType: 'CareTeam',
      id: careTeamId,
      meta: { security: securityLabels([SensitivityLabel.GENERAL]) },
      status: 'active',
      subject: patientRef,
      participant: [
        { role: [{ text: 'Participant' }], member: patientRef },
        ...team.map((member) => ({
          role: [
            {
              coding: [
                {
                  system: ROUNDTABLE_SYSTEM.discipline,
                  code: member.discipline,
                  display: DISCIPLINE_DISPLAY[member.discipline],
                },
              ],
              text: DISCIPLINE_DISPLAY[member.discipline],
            },
          ],
          member: { reference: `Practitioner/${member.accountId}`, display: member.displayName },
          period: { start: iso(member.since), ...(member.until ? { end: iso(member.until) } : {}) },
        })),
      ],
    } satisfies CareTeam);
  }

  const seriesByMetric = new Map<string, Series>();
  for (const domain of data.progress.domains) {
    for (const series of [...domain.participantDefined, ...domain.clinical])
      seriesByMetric.set(series.metric.id, series);
  }

  const goals = data.plan.goals;
  for (const goal of goals) {
    const linked = [...seriesByMetric.values()].filter((series) => series.metric.goalIds.includes(goal.id));
    const achievement = achievementStatus(
      goal.lifecycle,
      linked.map((series) => series.trend),
    );
    resources.push({
      resourceType: 'Goal',
      id: goal.id,
      meta: { security: securityLabels([goal.label]) },
      lifecycleStatus: goalLifecycleStatus(goal.lifecycle, goal.declined),
      ...(achievement
        ? {
            achievementStatus: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', ...achievement }],
            },
          }
        : {}),
      category: [
        {
          coding: [{ system: ROUNDTABLE_SYSTEM.lifeDomain, code: goal.domain }],
          text: goal.domain.toLowerCase().replaceAll('_', ' '),
        },
      ],
      description: { text: goal.text },
      subject: patientRef,
      expressedBy: who(goal.expressedBy),
      startDate: goal.createdAt.toISOString().slice(0, 10),
      ...(linked.length ? { target: linked.map((series) => ({ measure: metricCode(series.metric) })) } : {}),
    } satisfies Goal);
  }

  const activity = (step: Step): CarePlanActivity => ({
    detail: {
      status: step.done ? 'completed' : 'not-started',
      description: step.text,
      performer: [step.forParticipant || !step.assignee ? patientRef : who(step.assignee)],
      ...(step.goalId ? { goal: [{ reference: `Goal/${step.goalId}` }] } : {}),
      ...(step.targetDate ? { scheduledString: step.targetDate } : {}),
    },
  });
  const steps = [...goals.flatMap((goal) => goal.steps), ...data.plan.looseSteps];
  if (seesGeneral || goals.length || steps.length) {
    resources.push({
      resourceType: 'CarePlan',
      id: `careplan-${patientId}`,
      meta: {
        security: securityLabels([
          SensitivityLabel.GENERAL,
          ...goals.map((goal) => goal.label),
          ...steps.map((step) => step.label),
        ]),
      },
      status: 'active',
      intent: 'plan',
      title: `${data.participantName}’s plan`,
      ...(data.plan.vision?.text ? { description: data.plan.vision.text } : {}),
      subject: patientRef,
      ...(seesGeneral ? { careTeam: [{ reference: `CareTeam/${careTeamId}` }] } : {}),
      goal: goals.map((goal) => ({ reference: `Goal/${goal.id}` })),
      activity: steps.map(activity),
    } satisfies CarePlan);
  }

  for (const series of seriesByMetric.values()) {
    for (const measurement of input.measurements.get(series.metric.id) ?? []) {
      resources.push(observation(series.metric, measurement, patientRef, who(measurement.recordedBy)));
    }
  }

  if (input.consent) resources.push(...consents(input.consent, patientId, patientRef, now));

  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: `${input.baseUrl}/fhir/R4/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode: resource.resourceType === 'Patient' ? 'match' : 'include' },
  }));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: iso(now),
    link: [{ relation: 'self', url: `${input.baseUrl}/fhir/R4/Patient/${patientId}/$everything` }],
    entry,
  };
}

function metricCode(metric: Metric): { coding: Coding[]; text: string } {
  const loinc = metric.catalogueCode ? LOINC_BY_CATALOGUE_CODE[metric.catalogueCode] : undefined;
  if (loinc) return { coding: [{ system: LOINC, code: loinc.code, display: loinc.display }], text: metric.name };
  if (metric.kind === MetricKind.CLINICAL) {
    return {
      coding: [
        { system: ROUNDTABLE_SYSTEM.clinicalMeasure, code: metric.catalogueCode ?? metric.id, display: metric.name },
      ],
      text: metric.name,
    };
  }
  // The participant's own measure: our code, their own words as the text (PRODUCT.md rule 4).
  return { coding: [{ system: ROUNDTABLE_SYSTEM.participantMetric, code: metric.id }], text: metric.name };
}

function observation(
  metric: Metric,
  measurement: Measurement,
  patientRef: Reference<Patient>,
  performer: Reference<Patient | Practitioner> | undefined,
): Observation {
  const hiv = metric.catalogueCode && HIV_MEASURES.has(metric.catalogueCode) ? [HIV_SENSITIVITY] : [];
  const ordered = metric.scale === ScaleType.ORDERED_LABELS ? metric.orderedLabels[measurement.value] : undefined;
  return {
    resourceType: 'Observation',
    id: measurement.id,
    meta: { security: securityLabels([metric.label], hiv) },
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code:
              metric.kind === MetricKind.CLINICAL
                ? metric.catalogueCode?.startsWith('BLOOD_PRESSURE')
                  ? 'vital-signs'
                  : metric.catalogueCode && ['HBA1C', 'VIRAL_LOAD', 'CD4'].includes(metric.catalogueCode)
                    ? 'laboratory'
                    : 'survey'
                : 'survey',
          },
        ],
      },
    ],
    code: metricCode(metric),
    subject: patientRef,
    effectiveDateTime: iso(measurement.at),
    ...(performer ? { performer: [performer] } : {}),
    ...(ordered !== undefined
      ? { valueString: ordered }
      : { valueQuantity: { value: measurement.value, ...(metric.unit ? { unit: metric.unit } : {}) } }),
    ...(measurement.note ? { note: [{ text: measurement.note }] } : {}),
  };
}

/** The participant's consents: who on the team sees which label, and what may leave Roundtable. */
function consents(
  consent: { grants: ConsentGrant[]; externalSharing: ExternalSharingConsent[] },
  patientId: string,
  patientRef: Reference<Patient>,
  now: Date,
): Consent[] {
  const base = (id: string, labels: SensitivityLabel[], provisions: ConsentProvision[], text: string): Consent => ({
    resourceType: 'Consent',
    id,
    meta: { security: securityLabels(labels) },
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }], text }],
    patient: patientRef,
    dateTime: iso(now),
    policyRule: { coding: [{ system: ACT_CODE_SYSTEM, code: 'OPTIN' }] },
    provision: { type: 'deny', ...(provisions.length ? { provision: provisions } : {}) },
  });
  const sensitivity = (label: SensitivityLabel) => securityLabels([label]);
  return [
    base(
      `consent-team-${patientId}`,
      consent.grants.map((grant) => grant.label),
      consent.grants.map((grant) => {
        const end = grant.revokedAt ?? grant.endsAt;
        return {
          type: 'permit',
          period: { start: iso(grant.startsAt), ...(end ? { end: iso(end) } : {}) },
          actor: [
            {
              role: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }],
              },
              reference: grant.grantee
                ? { reference: `Practitioner/${grant.grantee.accountId}`, display: grant.grantee.displayName }
                : { display: grant.discipline ? DISCIPLINE_DISPLAY[grant.discipline] : 'Care team' },
            },
          ],
          securityLabel: sensitivity(grant.label),
        };
      }),
      'Who on the care team sees which label',
    ),
    base(
      `consent-outside-${patientId}`,
      consent.externalSharing.map((row) => row.label),
      consent.externalSharing.map((row) => ({
        type: 'permit',
        period: { start: iso(row.startsAt), end: iso(row.stoppedAt ?? row.endsAt) },
        ...(row.recipient
          ? {
              actor: [
                {
                  role: {
                    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }],
                  },
                  reference: { display: row.recipient },
                },
              ],
            }
          : {}),
        securityLabel: sensitivity(row.label),
      })),
      'What may be shared outside Roundtable',
    ),
  ];
}

const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
