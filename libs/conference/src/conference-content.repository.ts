import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type ObjectLiteral, type Repository } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import type { LabelPairs } from '@roundtable/platform';
import {
  AgendaItemEntity,
  ConferenceNoteEntity,
  DecisionEntity,
  MinutesAmendmentEntity,
  ParticipantResponseEntity,
  PerspectiveEntity,
} from './conference.entities';

/** Everything written in some conferences that one viewer may see, each list in its order. */
export interface VisibleConferenceContent {
  items: AgendaItemEntity[];
  notes: ConferenceNoteEntity[];
  perspectives: PerspectiveEntity[];
  decisions: DecisionEntity[];
  amendments: MinutesAmendmentEntity[];
  responses: ParticipantResponseEntity[];
}

/**
 * What conferences hold (agenda, notes, perspective cards, decisions, amendments, the
 * participant's requests), read for ConferenceReader: every list is filtered in SQL by the
 * labels its conference's viewer may see, given as (conference, label) pairs so that one
 * statement per list serves any number of conferences and viewers (PRODUCT.md rule 11).
 */
@Injectable()
export class ConferenceContentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The six lists, read concurrently; a row only where its (conference, label) is one of the pairs. */
  async visibleContent(visible: LabelPairs<SensitivityLabel>): Promise<VisibleConferenceContent> {
    const rows = <T extends ObjectLiteral>(repository: Repository<T>, order: string) =>
      repository
        .createQueryBuilder('row')
        .where(
          '(row.conference_id, row.label) IN (SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:labels AS text[])))',
          { ids: visible.ids, labels: visible.labels },
        )
        .orderBy(order)
        .getMany();
    const [items, notes, perspectives, decisions, amendments, responses] = await Promise.all([
      rows(this.dataSource.getRepository(AgendaItemEntity), 'row.sort_key'),
      rows(this.dataSource.getRepository(ConferenceNoteEntity), 'row.created_at'),
      rows(this.dataSource.getRepository(PerspectiveEntity), 'row.created_at'),
      rows(this.dataSource.getRepository(DecisionEntity), 'row.proposed_at'),
      rows(this.dataSource.getRepository(MinutesAmendmentEntity), 'row.created_at'),
      rows(this.dataSource.getRepository(ParticipantResponseEntity), 'row.created_at'),
    ]);
    return { items, notes, perspectives, decisions, amendments, responses };
  }
}
