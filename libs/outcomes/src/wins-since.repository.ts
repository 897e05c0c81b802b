import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import type { WinEntity } from './outcomes.entities';

/** One participant's wins after a moment (all when null), only under these labels. */
export interface WinsSinceRequest {
  participantId: string;
  labels: readonly SensitivityLabel[];
  after: Date | null;
}

/**
 * Wins since a moment for several participants at once (rounds: since each one's last
 * conference), in one statement whatever their number. Filtered in SQL by the labels each
 * request's viewer may see, given as (request, label) pairs, and never a hidden win
 * (PRODUCT.md rules 10 and 11).
 */
@Injectable()
export class WinsSinceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For each request, in order, the visible wins after its moment, newest first, at most `limit`. */
  async visibleSince(requests: readonly WinsSinceRequest[], limit: number): Promise<WinEntity[][]> {
    const pairs = requests.flatMap(({ labels }, index) => labels.map((label) => ({ index, label })));
    const rows: (WinEntity & { request: number })[] = await this.dataSource.query(
      `SELECT ranked.request, ranked.id, ranked.participant_id AS "participantId", ranked.source,
              ranked.source_id AS "sourceId", ranked.label, ranked.text, ranked.proposed_by AS "proposedBy",
              ranked.confirmed_at AS "confirmedAt", ranked.hidden_at AS "hiddenAt",
              ranked.occurred_at AS "occurredAt", ranked.version
         FROM (SELECT r.request, w.*,
                      row_number() OVER (PARTITION BY r.request ORDER BY w.occurred_at DESC, w.id) AS n
                 FROM unnest($1::int[], $2::uuid[], $3::timestamptz[]) AS r(request, participant_id, after)
                 JOIN win w ON w.participant_id = r.participant_id
                WHERE (r.request, w.label) IN (SELECT * FROM unnest($4::int[], $5::text[]))
                  AND w.hidden_at IS NULL AND (r.after IS NULL OR w.occurred_at > r.after)) ranked
        WHERE ranked.n <= $6
        ORDER BY ranked.request, ranked.occurred_at DESC, ranked.id`,
      [
        requests.map((_, index) => index),
        requests.map(({ participantId }) => participantId),
        requests.map(({ after }) => after),
        pairs.map(({ index }) => index),
        pairs.map(({ label }) => label),
        limit,
      ],
    );
    const byRequest = requests.map((): WinEntity[] => []);
    for (const { request, ...win } of rows) byRequest[request].push(win);
    return byRequest;
  }
}
