import type { INestApplicationContext } from '@nestjs/common';
import { BetterDirection, LifeDomain, MeasurementSource, MetricKind, ScaleType } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import {
  MeasurementsService,
  MetricDefinitionsService,
  SetbacksService,
  type DefineMetricInput,
} from '@roundtable/outcomes';
import { Clock } from '@roundtable/platform';

const WEEK = 7 * 86_400_000;

interface SeedActors {
  sam: Actor;
  md: Actor;
  housing: Actor;
}

const metric = (participantId: string, fields: Partial<DefineMetricInput>): DefineMetricInput =>
  ({ participantId, goalIds: [], tracksSubstanceAmount: false, ...fields }) as DefineMetricInput;

/** Six months of Sam's own measures and clinical ones, their wins, and a setback that erases none. */
export async function seedDemoOutcomes(
  app: INestApplicationContext,
  participantId: string,
  homeGoalId: string,
  who: SeedActors,
): Promise<void> {
  const metrics = app.get(MetricDefinitionsService, { strict: false });
  const measurements = app.get(MeasurementsService, { strict: false });
  const setbacks = app.get(SetbacksService, { strict: false });
  const now = app.get(Clock).now().getTime();
  const weeksAgo = (weeks: number) => new Date(now - weeks * WEEK);
  /** One metric's readings, each `[weeks ago, value]`, in the order given. */
  const recordSeries = async (
    by: Actor,
    metricId: string,
    source: MeasurementSource,
    readings: readonly (readonly [number, number])[],
  ) => {
    for (const [weeks, value] of readings) {
      await measurements.record(by, { metricId, value, at: weeksAgo(weeks), source });
    }
  };

  const safe = await metrics.define(
    who.sam,
    metric(participantId, {
      kind: MetricKind.PARTICIPANT_DEFINED,
      name: 'Days I felt safe this week',
      domain: LifeDomain.SAFETY,
      scale: ScaleType.COUNT,
      minimum: 0,
      maximum: 7,
      better: BetterDirection.HIGHER,
    }),
  );
  const life = await metrics.define(
    who.sam,
    metric(participantId, {
      kind: MetricKind.PARTICIPANT_DEFINED,
      name: 'How life is going, 0 to 10',
      domain: LifeDomain.QUALITY_OF_LIFE,
      scale: ScaleType.NUMBER,
      minimum: 0,
      maximum: 10,
      better: BetterDirection.HIGHER,
    }),
  );
  const home = await metrics.define(
    who.sam,
    metric(participantId, {
      kind: MetricKind.PARTICIPANT_DEFINED,
      name: 'Getting my own place (goal attainment)',
      domain: LifeDomain.HOUSING,
      scale: ScaleType.GOAL_ATTAINMENT,
      better: BetterDirection.HIGHER,
      goalIds: [homeGoalId],
    }),
  );
  /** A clinical measure from the catalogue, tracked by whoever measures it. */
  const clinical = (by: Actor, catalogueCode: string) =>
    metrics.define(by, metric(participantId, { kind: MetricKind.CLINICAL, catalogueCode }));
  const phq9 = await clinical(who.md, 'PHQ9');
  const viralLoad = await clinical(who.md, 'VIRAL_LOAD');
  const nights = await clinical(who.housing, 'NIGHTS_HOUSED');
  const naloxone = await clinical(who.sam, 'NALOXONE_KITS');

  const weekly = [2, 3, 2, 3, 4, 3, 4, 4, 5, 4, 5, 5, 4, 5, 6, 5, 6, 6, 5, 6, 6, 7, 6, 6, 7, 7];
  const lifeScores = [3, 3, 4, 3, 4, 4, 5, 4, 5, 5, 5, 6, 5, 4, 5, 6, 6, 6, 5, 6, 7, 6, 7, 7, 7, 8];
  for (let week = 0; week < weekly.length; week++) {
    const at = weeksAgo(weekly.length - week);
    await measurements.record(who.sam, {
      metricId: safe,
      value: weekly[week],
      at,
      source: MeasurementSource.SELF_REPORT,
    });
    await measurements.record(who.sam, {
      metricId: life,
      value: lifeScores[week],
      at,
      source: MeasurementSource.SELF_REPORT,
    });
  }
  await recordSeries(who.sam, home, MeasurementSource.SELF_REPORT, [
    [24, -2],
    [16, -1],
    [8, 0],
    [2, 1],
  ]);
  await recordSeries(who.md, phq9, MeasurementSource.CLINICIAN, [
    [24, 17],
    [20, 15],
    [16, 14],
    [12, 12],
    [8, 11],
    [4, 9],
  ]);
  await recordSeries(who.md, viralLoad, MeasurementSource.LAB, [
    [22, 1200],
    [12, 180],
    [3, 40],
  ]);
  await recordSeries(who.housing, nights, MeasurementSource.PROGRAM_RECORD, [
    [24, 4],
    [20, 9],
    [16, 12],
    [12, 18],
    [8, 17],
    [4, 24],
  ]);
  await recordSeries(who.sam, naloxone, MeasurementSource.SELF_REPORT, [
    [20, 0],
    [10, 1],
    [1, 2],
  ]);

  await setbacks.record(who.sam, {
    participantId,
    reflection: 'Lost my phone and missed two appointments. Rough week, but I still have the flat viewing lined up.',
    returnToUse: false,
    goalIds: [],
    withParticipant: false,
  });
}
