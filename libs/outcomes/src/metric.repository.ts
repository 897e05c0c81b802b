import type { EntityManager } from 'typeorm';
import type { AccountKind, SensitivityLabel } from '@roundtable/contracts';
import type { AccountName } from '@roundtable/plan';
import { newestFirstPage, type NewestFirstPage, type SqlPart } from '@roundtable/platform';
import { MeasurementEntity, MetricEntity, WinEntity } from './outcomes.entities';

/**
 * A metric's measurements, oldest first, as one JSON array per metric row: every one, or
 * (`ends`) only the first and the last, which is all the baseline, the latest value and the
 * trend need. UNION drops the second copy when a metric has a single measurement. Both use
 * measurement_metric_idx (metric_id, at, id).
 */
const SERIES_POINTS = `COALESCE((SELECT json_agg(json_build_object('value', m.value, 'at', m.at) ORDER BY m.at, m.created_at)
    FROM measurement m WHERE m.metric_id = metric.id), '[]'::json)`;
const END_POINTS = `COALESCE((SELECT json_agg(json_build_object('value', p.value, 'at', p.at) ORDER BY p.at, p.created_at) FROM (
    (SELECT id, value, at, created_at FROM measurement WHERE metric_id = metric.id ORDER BY at, created_at LIMIT 1)
    UNION
    (SELECT id, value, at, created_at FROM measurement WHERE metric_id = metric.id ORDER BY at DESC, created_at DESC LIMIT 1)
  ) p), '[]'::json)`;

/**
 * Which measurement is "the previous one" (newest first; the id breaks a tie, so the read
 * before a write and the write's own check always name the same row).
 */
const PREVIOUS = 'ORDER BY m.at DESC, m.created_at DESC, m.id DESC LIMIT 1';

/** One measurement as it comes out of the JSON array (a timestamp is a string there). */
interface JsonPoint {
  value: number;
  at: string;
}

/** A metric's measurements, oldest first, as two parallel lists. */
export interface Points {
  times: Date[];
  values: number[];
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
   * The metrics a viewer sees, each with the name of who defined it, only the goal links to
   * goals under the same labels, and its measurements (every one with `series`, else the first
   * and the last), in one statement whatever the number of metrics or measurements (issue 18;
   * the progress screen used four). A link to a hidden goal is dropped in SQL: it would reveal
   * that the goal exists (rule 11); measurements come only with a metric the viewer sees.
   */
  async visibleMetrics(participantId: string, labels: SensitivityLabel[], series: boolean): Promise<VisibleMetrics> {
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
      .addSelect(series ? SERIES_POINTS : END_POINTS, 'points')
      .where('metric.participant_id = :participantId AND metric.label = ANY(:labels)', { participantId, labels })
      .orderBy('metric.created_at')
      .addOrderBy('metric.id')
      .getRawAndEntities();
    const accounts: AccountName[] = [];
    const points = new Map<string, Points>();
    const metrics = entities.map((metric, index) => {
      const row = raw[index] as {
        definer_name: string | null;
        definer_kind: AccountKind | null;
        visible_goal_ids: string[];
        points: JsonPoint[];
      };
      if (row.definer_name !== null) {
        accounts.push({ id: metric.definedBy, displayName: row.definer_name, kind: row.definer_kind! });
      }
      points.set(metric.id, {
        times: row.points.map((point) => new Date(point.at)),
        values: row.points.map((point) => point.value),
      });
      return Object.assign(metric, { goalIds: row.visible_goal_ids });
    });
    return { metrics, accounts, points };
  }

  addMetric(fields: Omit<MetricEntity, 'id'>): Promise<MetricEntity> {
    return this.manager.save(this.manager.create(MetricEntity, fields));
  }

  /**
   * The metric and the measurement just before (or at) `at` (PREVIOUS, what a new one is
   * compared with for a win), in one statement (issue 18). The previous one is only read
   * here: `previousStillPart` proves, inside the write, that it is still the one before.
   */
  async metricWithPrevious(
    id: string,
    at: Date,
  ): Promise<{ metric: MetricEntity; previous: Pick<MeasurementEntity, 'id' | 'value'> | null } | null> {
    const { entities, raw } = await this.manager
      .getRepository(MetricEntity)
      .createQueryBuilder('metric')
      .addSelect(
        `(SELECT m.id FROM measurement m WHERE m.metric_id = metric.id AND m.at <= :at ${PREVIOUS})`,
        'previous_id',
      )
      .addSelect(
        `(SELECT m.value FROM measurement m WHERE m.metric_id = metric.id AND m.at <= :at ${PREVIOUS})`,
        'previous_value',
      )
      .where('metric.id = :id', { id, at })
      .getRawAndEntities();
    if (entities.length === 0) return null;
    const row = raw[0] as { previous_id: string | null; previous_value: number | null };
    return {
      metric: entities[0],
      previous: row.previous_id === null ? null : { id: row.previous_id, value: row.previous_value! },
    };
  }

  /**
   * A gate of a single-statement write: it passes only while `previousId` (null: none) is
   * still the measurement just before `at`, read in the write's own snapshot, as a read
   * inside the old transaction was. A measurement committed since the caller read it stops
   * the write, and the caller compares again (no win is judged against a stale previous).
   */
  previousStillPart(metricId: string, at: Date, previousId: string | null): SqlPart {
    return (p, when) => `SELECT 1 WHERE ${when} AND (
        SELECT m.id FROM measurement m WHERE m.metric_id = ${p.add(metricId)}::uuid AND m.at <= ${p.add(at)}::timestamptz
        ${PREVIOUS}) IS NOT DISTINCT FROM ${p.add(previousId)}::uuid`;
  }

  /** The measurement's INSERT as a piece of a single-statement write (its id chosen by the caller). */
  addMeasurementPart(row: MeasurementEntity): SqlPart {
    return (p, when) => `INSERT INTO measurement (id, participant_id, metric_id, label, value, at, source, note,
                                                 recorded_by, created_at)
      SELECT ${p.add(row.id)}::uuid, ${p.add(row.participantId)}::uuid, ${p.add(row.metricId)}::uuid, ${p.add(row.label)},
             ${p.add(row.value)}::double precision, ${p.add(row.at)}::timestamptz, ${p.add(row.source)}, ${p.add(row.note)}::text,
             ${p.add(row.recordedBy)}::uuid, ${p.add(row.createdAt)}::timestamptz
       WHERE ${when}`;
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

export interface VisibleMetrics {
  /** Each metric's goalIds hold only links to goals the viewer sees. */
  metrics: MetricEntity[];
  accounts: AccountName[];
  /** Every metric's measurements, by metric id (empty lists for a metric with none). */
  points: Map<string, Points>;
}
