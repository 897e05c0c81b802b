import type { EntityManager } from 'typeorm';
import { newestFirstPage, type NewestFirstPage } from '@roundtable/platform';
import { MeasurementEntity, MetricEntity, WinEntity } from './outcomes.entities';

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
