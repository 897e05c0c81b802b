import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BetterDirection, LifeDomain, MetricKind } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { notFound } from '@roundtable/platform';
import { Authors, PlanAccess, type PlanViewer } from '@roundtable/plan';
import { MetricRepository } from './metric.repository';
import { ProgressRepository, type VisibleProgressRows } from './progress.repository';
import type { MetricEntity } from './outcomes.entities';
import type { DomainProgress, MeasurementConnection, Metric, Progress, Series } from './outcomes.models';
import { trendOf } from './scale';

/** Quality of life leads; the rest follow the domain list. */
const DOMAIN_ORDER = Object.values(LifeDomain);

export function toMetric(metric: MetricEntity, authors: Authors, visibleGoalIds: Set<string>): Metric {
  return {
    ...metric,
    goalIds: metric.goalIds.filter((id) => visibleGoalIds.has(id)),
    definedBy: authors.get(metric.definedBy),
  };
}

/**
 * Progress by life domain from the metrics one viewer sees: participant-defined series first
 * and clinical beside them; only domains with a visible metric appear, so no empty group
 * hints at hidden ones (rule 11).
 */
function progressOf(participantId: string, { metrics, accounts }: VisibleProgressRows, withSeries: boolean): Progress {
  const authors = Authors.fromAccounts(accounts);
  const domains = new Map<LifeDomain, DomainProgress>();
  for (const { metric, points } of metrics) {
    const { times, values } = points;
    const series: Series = {
      // Goal links were already narrowed to visible goals in SQL.
      metric: toMetric(metric, authors, new Set(metric.goalIds)),
      baseline: values.length ? { value: values[0], at: times[0] } : null,
      latest: values.length ? { value: values[values.length - 1], at: times[times.length - 1] } : null,
      trend: trendOf(metric.better as BetterDirection, values),
      times: withSeries ? times : [],
      values: withSeries ? values : [],
    };
    const group = domains.get(metric.domain) ?? { domain: metric.domain, participantDefined: [], clinical: [] };
    (metric.kind === MetricKind.PARTICIPANT_DEFINED ? group.participantDefined : group.clinical).push(series);
    domains.set(metric.domain, group);
  }
  return {
    participantId,
    domains: [...domains.values()].sort((a, b) => DOMAIN_ORDER.indexOf(a.domain) - DOMAIN_ORDER.indexOf(b.domain)),
  };
}

/**
 * Reading progress: the side-by-side read model (series, baseline, latest, trend, grouped by
 * life domain) and a metric's measurements page by page. On its own file because it only
 * reads, in a fixed number of SQL statements. It keeps PRODUCT.md rule 4 (grouped by life
 * domain, the participant's own measures first and clinical beside them), rule 10 (only
 * metrics under labels the viewer may see) and rule 11 (no empty group, no link to a hidden
 * goal, no page over a hidden metric: it answers NOT_FOUND like an unknown id).
 */
@Injectable()
export class ProgressReader {
  constructor(
    private readonly access: PlanAccess,
    private readonly rows: ProgressRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Progress by life domain, participant-defined series first and clinical beside them, in
   * one SQL statement whatever the number of metrics or measurements. Only domains with
   * a visible metric appear, so no empty group hints at hidden ones.
   *
   * `series: false` (a reader that asks for no `times` or `values`) reads only each metric's
   * first and last measurement, which is all the baseline, latest and trend need; the
   * series lists are then empty.
   */
  async progress(viewer: PlanViewer, options: { series?: boolean } = {}): Promise<Progress> {
    const [progress] = await this.progressAcross([viewer], options);
    return progress;
  }

  /**
   * `progress` for several viewers, each with their own participant and labels (rounds), in one
   * SQL statement whatever their number: each one's metrics and goal links are filtered in SQL
   * by that viewer's labels (rules 10 and 11). Answers in order.
   */
  async progressAcross(viewers: readonly PlanViewer[], options: { series?: boolean } = {}): Promise<Progress[]> {
    const withSeries = options.series ?? true;
    const rows = await this.rows.visibleMetrics(
      viewers.map((viewer) => ({ participantId: viewer.participantId, labels: [...viewer.labels] })),
      withSeries,
    );
    return viewers.map((viewer, index) => progressOf(viewer.participantId, rows[index], withSeries));
  }

  /** A metric's measurements, newest first, for someone who may see the metric. */
  async measurements(
    actor: Actor,
    metricId: string,
    first: number,
    after?: string | null,
  ): Promise<MeasurementConnection> {
    const rows = new MetricRepository(this.dataSource.manager);
    const metric = await rows.metric(metricId);
    if (!metric) throw notFound();
    const viewer = await this.access.viewer(actor, metric.participantId);
    this.access.requireLabel(viewer, metric.label);
    const page = await rows.measurementsPage(metricId, first, after);
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
