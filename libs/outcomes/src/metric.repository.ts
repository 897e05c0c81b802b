import type { EntityManager } from 'typeorm';
import type { AccountKind, SensitivityLabel } from '@roundtable/contracts';
import type { AccountName } from '@roundtable/plan';
import { newestFirstPage, type NewestFirstPage } from '@roundtable/platform';
import { MeasurementEntity, MetricEntity, WinEntity } from './outcomes.entities';

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

/** One measurement as the progress read needs it (column names as SQL returns them). */
export interface PointRow {
  metric_id: string;
  value: number;
  at: Date;
}

/**
 * The metric and measurement rows (and the win a measurement produced), as the metric
 * services read and write them: the SQL lives here and the services keep only the rules
 * (issue 15, "one persistence idiom"). Built over an EntityManager: a write's transaction,
 * or the DataSource's manager for a read outside one. Reads filter by label in SQL, so
 * nothing a viewer may not see is loaded (PRODUCT.md rule 11).
 */
export class MetricRepository {
  constructor(private readonly manager: EntityManager) {}

  metric(id: string): Promise<MetricEntity | null> {
    return this.manager.findOneBy(MetricEntity, { id });
  }

  /**
   * The metrics a viewer sees, each with the name of who defined it and only the goal links to
   * goals under the same labels, in one statement (issue 18; the progress screen used three).
   * A link to a hidden goal is dropped in SQL: it would reveal that the goal exists (rule 11).
   */
  async visibleMetricsWithNames(participantId: string, labels: SensitivityLabel[]): Promise<MetricsWithNames> {
    const { entities, raw } = await this.manager
      .getRepository(MetricEntity)
      .createQueryBuilder('metric')
      .leftJoin('account', 'definer', 'definer.id = metric.defined_by')
      .addSelect('definer.display_name', 'definer_name')
      .addSelect('definer.kind', 'definer_kind')
      .addSelect(
        `ARRAY(SELECT linked FROM unnest(metric.goal_ids) AS linked WHERE EXISTS (
           SELECT 1 FROM goal WHERE goal.id = linked AND goal.participant_id = metric.participant_id
              AND goal.label = ANY(:labels)))`,
        'visible_goal_ids',
      )
      .where('metric.participant_id = :participantId AND metric.label = ANY(:labels)', { participantId, labels })
      .orderBy('metric.created_at')
      .addOrderBy('metric.id')
      .getRawAndEntities();
    const accounts: AccountName[] = [];
    const metrics = entities.map((metric, index) => {
      const row = raw[index] as {
        definer_name: string | null;
        definer_kind: AccountKind | null;
        visible_goal_ids: string[];
      };
      if (row.definer_name !== null) {
        accounts.push({ id: metric.definedBy, displayName: row.definer_name, kind: row.definer_kind! });
      }
      return Object.assign(metric, { goalIds: row.visible_goal_ids });
    });
    return { metrics, accounts };
  }

  addMetric(fields: Omit<MetricEntity, 'id'>): Promise<MetricEntity> {
    return this.manager.save(this.manager.create(MetricEntity, fields));
  }

  /**
   * The metrics' measurements, oldest first: every one (`series`), or only each metric's first
   * and last. One statement whatever the number of metrics or measurements.
   */
  points(metricIds: string[], series: boolean): Promise<PointRow[]> {
    return this.manager.query(series ? SERIES_POINTS : END_POINTS, [metricIds]) as Promise<PointRow[]>;
  }

  /** The measurement just before (or at) `at`: what a new one is compared with for a win. */
  previousMeasurement(metricId: string, at: Date): Promise<MeasurementEntity | null> {
    return this.manager
      .getRepository(MeasurementEntity)
      .createQueryBuilder('m')
      .where('m.metric_id = :metricId AND m.at <= :at', { metricId, at })
      .orderBy('m.at', 'DESC')
      .addOrderBy('m.created_at', 'DESC')
      .getOne();
  }

  addMeasurement(fields: Omit<MeasurementEntity, 'id'>): Promise<MeasurementEntity> {
    return this.manager.save(this.manager.create(MeasurementEntity, fields));
  }

  measurement(id: string): Promise<MeasurementEntity> {
    return this.manager.findOneByOrFail(MeasurementEntity, { id });
  }

  /**
   * A measurement and the win it produced, if it moved the better way, in one statement: what
   * recordMeasurement answers with, also for a retried request (issue 18).
   */
  async measurementWithWin(id: string): Promise<{ measurement: MeasurementEntity; win: WinEntity | null }> {
    const found: MeasurementEntity & { producedWin?: WinEntity | null } = await this.manager
      .createQueryBuilder(MeasurementEntity, 'measurement')
      .leftJoinAndMapOne('measurement.producedWin', WinEntity, 'win', 'win.source_id = measurement.id')
      .where('measurement.id = :id', { id })
      .getOneOrFail();
    const win = found.producedWin ?? null;
    delete found.producedWin;
    return { measurement: found, win };
  }

  /** The win a measurement produced, if it moved the better way. */
  winFrom(measurementId: string): Promise<WinEntity | null> {
    return this.manager.findOneBy(WinEntity, { sourceId: measurementId });
  }

  /** A metric's measurements, newest first, one page. */
  measurementsPage(
    metricId: string,
    first: number,
    after?: string | null,
  ): Promise<NewestFirstPage<MeasurementEntity>> {
    const query = this.manager
      .getRepository(MeasurementEntity)
      .createQueryBuilder('m')
      .where('m.metric_id = :metricId', { metricId });
    return newestFirstPage(query, 'at', (row) => row.at, first, after);
  }
}

export interface MetricsWithNames {
  /** Each metric's goalIds hold only links to goals the viewer sees. */
  metrics: MetricEntity[];
  accounts: AccountName[];
}
