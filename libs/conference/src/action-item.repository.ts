import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import type { LabelPairs } from '@roundtable/platform';

/** An action item with the step it made (column names as SQL returns them). */
export interface ActionItemRow {
  id: string;
  conference_id: string;
  agenda_item_id: string;
  step_id: string;
  text: string;
  label: SensitivityLabel;
  assignee: string | null;
  assigned_to_participant: boolean;
  target_date: string | null;
}

/**
 * Action items: the steps a conference agreed, each tied to the agenda item it came from.
 * The step itself is the plan's; this is only the link, read under the step's label.
 */
@Injectable()
export class ActionItemRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Links a step just made to the agenda item it came from (once per step). */
  async add(
    manager: EntityManager,
    link: {
      conferenceId: string;
      participantId: string;
      agendaItemId: string;
      stepId: string;
      createdBy: string;
      at: Date;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO action_item (conference_id, participant_id, agenda_item_id, step_id, created_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (step_id) DO NOTHING`,
      [link.conferenceId, link.participantId, link.agendaItemId, link.stepId, link.createdBy, link.at],
    );
  }

  /**
   * The conferences' action items whose steps carry a label that conference's viewer may see
   * (the (conference, label) pairs), in the order they were agreed; one statement for any
   * number of conferences and viewers.
   */
  visible(visible: LabelPairs<SensitivityLabel>): Promise<ActionItemRow[]> {
    return this.dataSource.query(
      `SELECT a.id, a.conference_id, a.agenda_item_id, a.step_id, s.text, s.label, s.assignee,
                s.assigned_to_participant, to_char(s.target_date, 'YYYY-MM-DD') AS target_date
           FROM action_item a JOIN step s ON s.id = a.step_id
          WHERE (a.conference_id, s.label) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))
          ORDER BY a.created_at`,
      [visible.ids, visible.labels],
    ) as Promise<ActionItemRow[]>;
  }
}
