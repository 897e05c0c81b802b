import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The outbox reads /metrics needs: the SQL lives here, ServerMetrics keeps the series. */
@Injectable()
export class OutboxLagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Seconds the oldest unpublished plan event has waited (0 when none waits), on the database's clock. */
  async oldestUnpublishedAgeSeconds(): Promise<number | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(recorded_at)), 0)::float8 AS lag
             FROM plan_event WHERE published_at IS NULL`,
    )) as { lag: number }[];
    return row?.lag;
  }
}
