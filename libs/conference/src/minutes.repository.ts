import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';

/** Everything in a conference that an amendment or a response can point at. */
const TARGET_TABLES = ['agenda_item', 'conference_note', 'perspective', 'decision'] as const;

/** What the minutes' amendments and the participant's responses read beyond their own rows. */
@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The label of what `targetId` is, if it is part of this conference (one statement over every target table). */
  async targetLabel(targetId: string, conferenceId: string): Promise<SensitivityLabel | undefined> {
    const rows: { label: SensitivityLabel }[] = await this.dataSource.query(
      TARGET_TABLES.map((table) => `SELECT label FROM ${table} WHERE id = $1 AND conference_id = $2`).join(
        ' UNION ALL ',
      ),
      [targetId, conferenceId],
    );
    return rows[0]?.label;
  }
}
