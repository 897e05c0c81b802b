import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgendaItemKind, ConferenceStatus, type SensitivityLabel } from '@roundtable/contracts';
import { Authors, checkLanguage, type PlanViewer } from '@roundtable/plan';
import { groupBy, labelPairs, mustGet } from '@roundtable/platform';
import { ConferenceAudience, type Audience } from './audience';
import { ActionItemRepository, type ActionItemRow } from './action-item.repository';
import { AgendaRepository } from './agenda.repository';
import { ConferenceContentRepository, type VisibleConferenceContent } from './conference-content.repository';
import type { AgendaItemEntity, ConferenceEntity, DecisionEntity } from './conference.entities';
import type { ActionItem, AgendaItem, Conference, ConferencePerson, Decision } from './conference.models';
import { localTime } from './local-time';
import { conferenceVersionSeen } from './room-version';

/** Everything one viewer may see in their conferences, as read. */
type VisibleRows = VisibleConferenceContent & { actionItems: ActionItemRow[] };

/** Staff-written text gets advisory hints; the participant's own words never do. */
const hintsFor = (text: string, label: SensitivityLabel, author: { isParticipant: boolean }) =>
  author.isParticipant ? null : checkLanguage(text, label);

export function toDecision(row: DecisionEntity, authors: Authors): Decision {
  return {
    ...row,
    newGoal: row.newGoal && {
      text: row.newGoal.text,
      domain: row.newGoal.domain,
      options: row.newGoal.options,
      replacementStrategyIds: row.newGoal.replacementStrategyIds ?? [],
    },
    proposedBy: authors.get(row.proposedBy),
    answeredBy: authors.maybe(row.answeredBy),
  };
}

/**
 * Conferences as one viewer may see them, in a fixed number of queries whatever their size:
 * every list is filtered by the viewer's labels in SQL, positions are counted over visible
 * items only, and nothing hidden leaves a gap or a count.
 */
@Injectable()
export class ConferenceReader {
  constructor(
    private readonly audiences: ConferenceAudience,
    private readonly content: ConferenceContentRepository,
    private readonly actionItemRows: ActionItemRepository,
    private readonly agenda: AgendaRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async load(viewer: PlanViewer, conferences: ConferenceEntity[]): Promise<Conference[]> {
    return (await this.loadAcross([{ viewer, conferences }]))[0];
  }

  /**
   * `load` for several viewers, each with the conferences of their participant (rounds: one
   * viewer per participant, each with their own labels), in the same number of statements
   * whatever their number: every list is filtered in SQL by each conference's own viewer's
   * labels, as (conference, label) pairs (PRODUCT.md rules 10 and 11). Answers in order.
   */
  async loadAcross(reads: readonly { viewer: PlanViewer; conferences: ConferenceEntity[] }[]): Promise<Conference[][]> {
    const all = reads.flatMap(({ viewer, conferences }) => conferences.map((conference) => ({ viewer, conference })));
    if (all.length === 0) return reads.map(() => []);
    const visible = labelPairs(all.map(({ viewer, conference }) => ({ id: conference.id, labels: viewer.labels })));
    const [content, actionItems] = await Promise.all([
      this.content.visibleContent(visible),
      this.actionItemRows.visible(visible),
    ]);
    // Where each room is, by position only (never content): a viewer who may not see the
    // current item sees the room on the last item before it that they can see.
    const currentKey = await this.agenda.sortKeys(
      all.map(({ conference }) => conference.currentItemId).filter((id): id is string => Boolean(id)),
    );
    const byConference = <T extends { conferenceId: string }>(rows: T[]) => groupBy(rows, (row) => row.conferenceId);
    const items = byConference(content.items);
    const notes = byConference(content.notes);
    const perspectives = byConference(content.perspectives);
    const decisions = byConference(content.decisions);
    const amendments = byConference(content.amendments);
    const responses = byConference(content.responses);
    const actions = groupBy(actionItems, (row) => row.conference_id);
    const of = <T>(rows: Map<string, T[]>, conferences: ConferenceEntity[]) =>
      conferences.flatMap((conference) => rows.get(conference.id) ?? []);
    const visibleTo = reads.map(({ conferences }) => ({
      items: of(items, conferences),
      notes: of(notes, conferences),
      perspectives: of(perspectives, conferences),
      decisions: of(decisions, conferences),
      amendments: of(amendments, conferences),
      responses: of(responses, conferences),
      actionItems: of(actions, conferences),
    }));
    const [authorsOf, audiences] = await Promise.all([
      Authors.loadAcross(
        this.dataSource,
        [...new Set(reads.map(({ viewer }) => viewer.participantId))],
        visibleTo.flatMap((rows) => [
          ...rows.items.flatMap((item) => [item.addedBy, item.writtenWith]),
          ...rows.notes.map((note) => note.author),
          ...rows.perspectives.map((card) => card.author),
          ...rows.decisions.flatMap((decision) => [decision.proposedBy, decision.answeredBy]),
          ...rows.amendments.map((amendment) => amendment.author),
          ...rows.responses.flatMap((response) => [response.createdBy, response.answeredBy]),
          ...rows.actionItems.map((row) => row.assignee),
        ]),
      ),
      this.audiences.loadAcross(
        reads.map(({ viewer, conferences }) => ({
          participantId: viewer.participantId,
          conferenceIds: conferences.map((conference) => conference.id),
          alsoAccountIds: conferences.flatMap(({ facilitatorId, coFacilitatorId }) =>
            coFacilitatorId ? [facilitatorId, coFacilitatorId] : [facilitatorId],
          ),
        })),
      ),
    ]);
    return reads.map(({ viewer, conferences }, index) =>
      this.assemble(
        viewer,
        conferences,
        visibleTo[index],
        mustGet(authorsOf, viewer.participantId),
        audiences[index],
        currentKey,
      ),
    );
  }

  /** One viewer's conferences from the rows they may see. */
  private assemble(
    viewer: PlanViewer,
    conferences: ConferenceEntity[],
    { items, notes, perspectives, decisions, amendments, responses, actionItems }: VisibleRows,
    authors: Authors,
    audience: Audience,
    currentKey: Map<string, number>,
  ): Conference[] {
    const notesByItem = groupBy(notes, (note) => note.agendaItemId);
    const cardsByItem = groupBy(perspectives, (card) => card.agendaItemId);
    const decisionsByItem = groupBy(decisions, (decision) => decision.agendaItemId);
    const actionsByItem = groupBy(actionItems, (row) => row.agenda_item_id);
    const itemsByConference = groupBy(items, (item) => item.conferenceId);

    const toItem = (item: AgendaItemEntity, index: number): AgendaItem => ({
      ...item,
      position: index + 1,
      addedBy: item.kind === AgendaItemKind.PARTICIPANT_UPDATE ? authors.participant : authors.get(item.addedBy),
      writtenWithParticipant: Boolean(item.writtenWith),
      hiddenFrom: audience.hiddenFrom(item.conferenceId, item.label),
      readers: audience.readers(item.conferenceId, item.label),
      notes: (notesByItem.get(item.id) ?? []).map((note) => {
        const author = authors.get(note.author);
        return { ...note, author, languageHints: hintsFor(note.text, note.label, author) };
      }),
      // The participant's own card first; then the team's, each on its own card.
      perspectives: (cardsByItem.get(item.id) ?? [])
        .map((card) => {
          const author = authors.get(card.author);
          return { ...card, author, languageHints: hintsFor(card.text, card.label, author) };
        })
        .sort((a, b) => Number(b.author.isParticipant) - Number(a.author.isParticipant)),
      decisions: (decisionsByItem.get(item.id) ?? []).map((row) => toDecision(row, authors)),
      actionItems: (actionsByItem.get(item.id) ?? []).map((row): ActionItem => ({
        id: row.id,
        agendaItemId: row.agenda_item_id,
        stepId: row.step_id,
        text: row.text,
        label: row.label,
        assignee: authors.maybe(row.assignee),
        forParticipant: row.assigned_to_participant,
        targetDate: row.target_date,
      })),
    });

    return conferences.map((conference) => {
      const agenda = (itemsByConference.get(conference.id) ?? []).map(toItem);
      return {
        ...conference,
        // The version this viewer sees: hidden moves of the room never move it (finding 6).
        version: conferenceVersionSeen(conference, viewer.labels),
        localTime: localTime(conference.scheduledFor, conference.timeZone),
        facilitator: this.person(audience, conference.facilitatorId),
        coFacilitator: conference.coFacilitatorId ? this.person(audience, conference.coFacilitatorId) : null,
        attendees: audience.attendees(conference.id).map((member) => member.person),
        agenda,
        currentItemId: this.currentAsSeen(
          itemsByConference.get(conference.id) ?? [],
          conference.currentItemId ? currentKey.get(conference.currentItemId) : undefined,
        ),
        warnings: agenda
          .filter((item) => item.hiddenFrom.length)
          .map(
            (item) =>
              `Item ${item.position}, “${item.title}”, is not on the screen of ${item.hiddenFrom
                .map((person) => person.displayName)
                .join(', ')}: they will still hear it in the room.`,
          ),
        amendments: amendments
          .filter((row) => row.conferenceId === conference.id)
          .map((row) => ({ ...row, author: authors.get(row.author) })),
        responses: responses
          .filter((row) => row.conferenceId === conference.id)
          .map((row) => ({
            ...row,
            author: authors.get(row.createdBy),
            answeredBy: authors.maybe(row.answeredBy),
          })),
        minutesLocked: conference.status === ConferenceStatus.CLOSED,
      };
    });
  }

  private currentAsSeen(visible: AgendaItemEntity[], key: number | undefined): string | null {
    if (key === undefined) return null;
    return visible.filter((item) => item.sortKey <= key).at(-1)?.id ?? null;
  }

  /** Whoever runs (or ran) the room, by name; an account no longer there is a former team member. */
  private person(audience: Audience, accountId: string): ConferencePerson {
    return (
      audience.person(accountId) ?? {
        accountId,
        displayName: 'Former team member',
        discipline: null,
        attendeeKind: null,
        isParticipant: false,
      }
    );
  }
}
