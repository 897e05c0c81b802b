import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BetterDirection,
  domainLabel,
  LifeDomain,
  MeasurementSource,
  MetricKind,
  PlanEventType,
  ScaleType,
  SensitivityLabel,
  strictestLabel,
  WinSource,
} from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { OutcomesPolicy } from '@roundtable/access';
import { badUserInput, Clock, newestFirstPage, notFound } from '@roundtable/platform';
import {
  Authors,
  chooseLabel,
  linkedGoals,
  linkedLabel,
  PlanAccess,
  PlanEventLog,
  type PlanViewer,
} from '@roundtable/plan';
import { catalogueEntry } from './clinical-catalogue';
import { MeasurementEntity, MetricEntity, WinEntity } from './outcomes.entities';
import type { DefineMetricInput, RecordMeasurementInput } from './outcomes.inputs';
import type { DomainProgress, MeasurementConnection, Metric, Progress, Series } from './outcomes.models';
import { movedBetter, scaleBounds, trendOf, validateValue } from './scale';
import { WinsService } from './wins.service';

/** Every measurement of the given metrics, oldest first. */
const SERIES_POINTS =
  'SELECT metric_id, value, at FROM measurement WHERE metric_id = ANY($1) ORDER BY metric_id, at, created_at';

/**
 * Only the first and the last measurement of each metric (one row when there is only one),
 * oldest first: what the baseline, the latest value and the trend are computed from.
 */
const END_POINTS = `SELECT metric_id, value, at FROM (
    SELECT metric_id, value, at, created_at,
           row_number() OVER (PARTITION BY metric_id ORDER BY at, created_at) AS from_first,
           row_number() OVER (PARTITION BY metric_id ORDER BY at DESC, created_at DESC) AS from_last
      FROM measurement WHERE metric_id = ANY($1)) m
  WHERE from_first = 1 OR from_last = 1
  ORDER BY metric_id, at, created_at`;

/** Quality of life leads; the rest follow the domain list. */
const DOMAIN_ORDER = Object.values(LifeDomain);

export function toMetric(metric: MetricEntity, authors: Authors, visibleGoalIds: Set<string>): Metric {
  return {
    ...metric,
    goalIds: metric.goalIds.filter((id) => visibleGoalIds.has(id)),
    definedBy: authors.get(metric.definedBy),
  };
}

/** Metric definitions, measurements and the side-by-side progress read model. */
@Injectable()
export class MetricsService {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    private readonly wins: WinsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async define(actor: Actor, input: DefineMetricInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    OutcomesPolicy.defineMetric(viewer, input);
    const definition = this.definition(input);
    const goalLabel = linkedLabel(await linkedGoals(this.dataSource, viewer, input.goalIds, 'input.goalIds'));
    const substanceLabel = input.tracksSubstanceAmount ? SensitivityLabel.SUBSTANCE_USE : SensitivityLabel.GENERAL;
    const label = chooseLabel(viewer, strictestLabel(definition.label, goalLabel, substanceLabel), input.label);
    const now = this.clock.now();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'defineMetric' },
      async ({ manager, append }) => {
        const metric = await manager.save(
          manager.create(MetricEntity, {
            ...definition,
            participantId: input.participantId,
            label,
            goalIds: input.goalIds,
            tracksSubstanceAmount: input.tracksSubstanceAmount,
            definedBy: actor.accountId,
            createdAt: now,
            version: 1,
          }),
        );
        await append({
          participantId: input.participantId,
          label,
          type: PlanEventType.METRIC_DEFINED,
          itemId: metric.id,
          actor: actor.accountId,
          payload: { text: metric.name, kind: metric.kind },
        });
        return metric.id;
      },
    );
  }

  /** The full definition: from the catalogue, or from the input with its scale checked. */
  private definition(
    input: DefineMetricInput,
  ): Omit<
    MetricEntity,
    'id' | 'participantId' | 'goalIds' | 'tracksSubstanceAmount' | 'definedBy' | 'createdAt' | 'version'
  > {
    if (input.catalogueCode) {
      const entry = catalogueEntry(input.catalogueCode);
      if (!entry) throw badUserInput('input.catalogueCode', 'input.catalogueCode: not in the clinical catalogue');
      if (input.kind !== MetricKind.CLINICAL)
        throw badUserInput('input.kind', 'input.kind: catalogue measures are CLINICAL');
      const { code, ...rest } = entry;
      return { ...rest, kind: MetricKind.CLINICAL, catalogueCode: code, orderedLabels: [] };
    }
    const field = (name: string, why: string) => badUserInput(`input.${name}`, `input.${name}: ${why}`);
    if (!input.name) throw field('name', 'name the metric (in the participant’s words for their own)');
    if (!input.domain) throw field('domain', 'choose a life domain');
    if (!input.scale) throw field('scale', 'choose a scale');
    if (!input.better) throw field('better', 'say which direction is better');
    const orderedLabels = input.scale === ScaleType.ORDERED_LABELS ? (input.orderedLabels ?? []) : [];
    if (input.scale === ScaleType.ORDERED_LABELS && orderedLabels.length < 2)
      throw field('orderedLabels', 'give at least two labels, in order');
    const fixed = scaleBounds(input.scale, orderedLabels);
    const minimum = fixed ? fixed.minimum : (input.minimum ?? (input.scale === ScaleType.COUNT ? 0 : null));
    const maximum = fixed ? fixed.maximum : (input.maximum ?? null);
    if (minimum !== null && maximum !== null && minimum >= maximum) throw field('maximum', 'must be above the minimum');
    return {
      kind: input.kind,
      name: input.name.trim(),
      catalogueCode: null,
      domain: input.domain,
      label: domainLabel(input.domain),
      scale: input.scale,
      minimum,
      maximum,
      unit: input.unit?.trim() || null,
      orderedLabels,
      better: input.better,
    };
  }

  /** A measurement moving the better way against the previous one is a win, in the same transaction. */
  async record(
    actor: Actor,
    input: RecordMeasurementInput,
  ): Promise<{ measurement: MeasurementEntity; win: WinEntity | null }> {
    const metric = await this.dataSource.getRepository(MetricEntity).findOneBy({ id: input.metricId });
    if (!metric) throw notFound();
    const viewer = await this.access.itemWriter(actor, metric.participantId, metric.label);
    if (viewer.isParticipant && input.source !== MeasurementSource.SELF_REPORT) {
      throw badUserInput('input.source', 'input.source: what you record about yourself is SELF_REPORT');
    }
    validateValue(metric, input.value);
    const now = this.clock.now();
    const at = input.at ?? now;
    if (at.getTime() > now.getTime() + 5 * 60_000) throw badUserInput('input.at', 'input.at: cannot be in the future');
    const measurementId = await this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'recordMeasurement' },
      async (write) => {
        const previous = await write.manager
          .getRepository(MeasurementEntity)
          .createQueryBuilder('m')
          .where('m.metric_id = :metricId AND m.at <= :at', { metricId: metric.id, at })
          .orderBy('m.at', 'DESC')
          .addOrderBy('m.created_at', 'DESC')
          .getOne();
        const measurement = await write.manager.save(
          write.manager.create(MeasurementEntity, {
            participantId: metric.participantId,
            metricId: metric.id,
            label: metric.label,
            value: input.value,
            at,
            source: input.source,
            note: input.note?.trim() || null,
            recordedBy: actor.accountId,
            createdAt: now,
          }),
        );
        await write.append({
          participantId: metric.participantId,
          label: metric.label,
          type: PlanEventType.MEASUREMENT_RECORDED,
          itemId: measurement.id,
          actor: actor.accountId,
          payload: { text: metric.name, value: input.value, metricId: metric.id },
        });
        if (previous && movedBetter(metric.better, previous.value, input.value)) {
          await this.wins.record(write, {
            participantId: metric.participantId,
            source: WinSource.MEASUREMENT,
            sourceId: measurement.id,
            label: metric.label,
            text: `${metric.name}: ${previous.value} → ${input.value}${metric.unit ? ` ${metric.unit}` : ''}`,
            proposedBy: null,
            actor: actor.accountId,
          });
        }
        return measurement.id;
      },
    );
    // Read back (also for a retried request): the measurement and the win it produced, if any.
    const measurement = await this.dataSource.getRepository(MeasurementEntity).findOneByOrFail({ id: measurementId });
    const win = await this.dataSource.getRepository(WinEntity).findOneBy({ sourceId: measurementId });
    return { measurement, win };
  }

  /**
   * Progress by life domain, participant-defined series first and clinical beside them, in
   * three SQL statements whatever the number of metrics or measurements. Only domains with
   * a visible metric appear, so no empty group hints at hidden ones.
   *
   * `series: false` (a reader that asks for no `times` or `values`) reads only each metric's
   * first and last measurement, which is all the baseline, latest and trend need; the
   * series lists are then empty.
   */
  async progress(viewer: PlanViewer, options: { series?: boolean } = {}): Promise<Progress> {
    const withSeries = options.series ?? true;
    const labels = [...viewer.labels];
    const metrics = await this.dataSource
      .getRepository(MetricEntity)
      .createQueryBuilder('metric')
      .where('metric.participant_id = :participantId AND metric.label = ANY(:labels)', {
        participantId: viewer.participantId,
        labels,
      })
      .orderBy('metric.created_at')
      .addOrderBy('metric.id')
      .getMany();
    const metricIds = metrics.map((metric) => metric.id);
    const [points, goals, authors] = await Promise.all([
      metricIds.length
        ? (this.dataSource.query(withSeries ? SERIES_POINTS : END_POINTS, [metricIds]) as Promise<
            { metric_id: string; value: number; at: Date }[]
          >)
        : Promise.resolve([]),
      this.dataSource.query('SELECT id FROM goal WHERE participant_id = $1 AND label = ANY($2)', [
        viewer.participantId,
        labels,
      ]) as Promise<{ id: string }[]>,
      Authors.load(
        this.dataSource,
        viewer.participantId,
        metrics.map((metric) => metric.definedBy),
      ),
    ]);
    const visibleGoals = new Set(goals.map((goal) => goal.id));
    const byMetric = new Map<string, { times: Date[]; values: number[] }>(
      metricIds.map((id) => [id, { times: [], values: [] }]),
    );
    for (const point of points) {
      const series = byMetric.get(point.metric_id)!;
      series.times.push(point.at);
      series.values.push(point.value);
    }
    const domains = new Map<LifeDomain, DomainProgress>();
    for (const metric of metrics) {
      const { times, values } = byMetric.get(metric.id)!;
      const series: Series = {
        metric: toMetric(metric, authors, visibleGoals),
        baseline: values.length ? { value: values[0], at: times[0] } : null,
        latest: values.length ? { value: values.at(-1)!, at: times.at(-1)! } : null,
        trend: trendOf(metric.better as BetterDirection, values),
        times: withSeries ? times : [],
        values: withSeries ? values : [],
      };
      const group = domains.get(metric.domain) ?? { domain: metric.domain, participantDefined: [], clinical: [] };
      (metric.kind === MetricKind.PARTICIPANT_DEFINED ? group.participantDefined : group.clinical).push(series);
      domains.set(metric.domain, group);
    }
    return {
      participantId: viewer.participantId,
      domains: [...domains.values()].sort((a, b) => DOMAIN_ORDER.indexOf(a.domain) - DOMAIN_ORDER.indexOf(b.domain)),
    };
  }

  /** A metric's measurements, newest first, for someone who may see the metric. */
  async measurements(
    actor: Actor,
    metricId: string,
    first: number,
    after?: string | null,
  ): Promise<MeasurementConnection> {
    const metric = await this.dataSource.getRepository(MetricEntity).findOneBy({ id: metricId });
    if (!metric) throw notFound();
    const viewer = await this.access.viewer(actor, metric.participantId);
    this.access.requireLabel(viewer, metric.label);
    const query = this.dataSource
      .getRepository(MeasurementEntity)
      .createQueryBuilder('m')
      .where('m.metric_id = :metricId', { metricId });
    const page = await newestFirstPage(query, 'at', (row) => row.at, first, after);
    const authors = await Authors.load(
      this.dataSource,
      metric.participantId,
      page.edges.map(({ row }) => row.recordedBy),
    );
    const edges = page.edges.map(({ cursor, row }) => ({
      cursor,
      node: {
        id: row.id,
        value: row.value,
        at: row.at,
        source: row.source,
        note: row.note,
        recordedBy: authors.get(row.recordedBy),
      },
    }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }
}
