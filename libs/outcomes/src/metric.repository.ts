import type { EntityManager } from 'typeorm';
import { newestFirstPage, type NewestFirstPage, type SqlPart } from '@roundtable/platform';
import { MeasurementEntity, MetricEntity, WinEntity } from './outcomes.entities';

/**
 * Which measurement is "the previous one" (newest first; the id breaks a tie, so the read
 * before a write and the write's own check always name the same row).
 */
const PREVIOUS = 'ORDER BY m.at DESC, m.created_at DESC, m.id DESC LIMIT 1';

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
    // Both columns come from the same measurement row (value is NOT NULL): both or neither.
    const row = raw[0] as { previous_id: null; previous_value: null } | { previous_id: string; previous_value: number };
    return {
      metric: entities[0],
      previous: row.previous_id === null ? null : { id: row.previous_id, value: row.previous_value },
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
