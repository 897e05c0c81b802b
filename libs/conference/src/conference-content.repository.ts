import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type ObjectLiteral, type Repository } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
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
 * participant's requests), read for ConferenceReader: every list is filtered by the viewer's
 * labels in SQL, one statement per list whatever the number of conferences (PRODUCT.md rule 11).
 */
@Injectable()
export class ConferenceContentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The six lists, read concurrently. */
  async visibleContent(conferenceIds: string[], labels: SensitivityLabel[]): Promise<VisibleConferenceContent> {
    const visible = <T extends ObjectLiteral>(repository: Repository<T>, order: string) =>
      repository
        .createQueryBuilder('row')
        .where('row.conference_id = ANY(:ids) AND row.label = ANY(:labels)', { ids: conferenceIds, labels })
        .orderBy(order)
        .getMany();
    const [items, notes, perspectives, decisions, amendments, responses] = await Promise.all([
      visible(this.dataSource.getRepository(AgendaItemEntity), 'row.sort_key'),
      visible(this.dataSource.getRepository(ConferenceNoteEntity), 'row.created_at'),
      visible(this.dataSource.getRepository(PerspectiveEntity), 'row.created_at'),
      visible(this.dataSource.getRepository(DecisionEntity), 'row.proposed_at'),
      visible(this.dataSource.getRepository(MinutesAmendmentEntity), 'row.created_at'),
      visible(this.dataSource.getRepository(ParticipantResponseEntity), 'row.created_at'),
    ]);
    return { items, notes, perspectives, decisions, amendments, responses };
  }
}
