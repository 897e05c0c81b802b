import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgendaItemKind } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { CompartmentPolicy } from '@roundtable/access';
import { badUserInput, isLocalDate, labelPairs, mustGet } from '@roundtable/platform';
import { Authors, PlanAccess, type PlanViewer } from '@roundtable/plan';
import { ProgressReader, WinsSinceReader } from '@roundtable/outcomes';
import { CONFERENCE_LABEL } from './conference-access';
import { ConferenceReader, toDecision } from './conference-reader';
import { ConferenceRepository } from './conference.repository';
import { DecisionsRepository } from './decisions.repository';
import type { RoundsEntry } from './conference.models';
import { assertTimeZone } from './local-time';

/**
 * Rounds: for each participant with a conference on the day (in the team's time zone) whose
 * plan the viewer may read: their own update first, wins since their last conference, the
 * decisions waiting for them, and their progress side by side.
 *
 * Read in the same number of statements whatever the number of conferences on the day (issue
 * 15): every participant is read with their own viewer, and each batch read filters every
 * participant by that viewer's labels in SQL (PRODUCT.md rules 10 and 11), so an entry is
 * exactly what the participant's own conference, wins and progress reads show.
 */
@Injectable()
export class RoundsService {
  constructor(
    private readonly plans: PlanAccess,
    private readonly compartment: CompartmentPolicy,
    private readonly reader: ConferenceReader,
    private readonly progressReader: ProgressReader,
    private readonly wins: WinsSinceReader,
    private readonly conferences: ConferenceRepository,
    private readonly decisions: DecisionsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async day(actor: Actor, date: string, timeZone: string): Promise<RoundsEntry[]> {
    if (!isLocalDate(date)) {
      throw badUserInput('date', 'date: a day as YYYY-MM-DD');
    }
    assertTimeZone(timeZone, 'timeZone');
    const candidates = await this.conferences.onDay(date, timeZone);
    // Staff see only participants whose team they are on; nothing else is counted or named.
    const readable = await this.compartment.readableParticipantIds(
      actor,
      candidates.map((conference) => conference.participantId),
    );
    // Each participant's own viewer (staff: from the request's access snapshot, no statement).
    const viewers = new Map<string, PlanViewer>();
    for (const participantId of new Set(candidates.map((c) => c.participantId).filter((id) => readable.has(id)))) {
      const viewer = await this.plans.viewer(actor, participantId);
      if (viewer.labels.has(CONFERENCE_LABEL)) viewers.set(participantId, viewer);
    }
    const day = candidates.filter((conference) => viewers.has(conference.participantId));
    if (day.length === 0) return [];
    const participants = [...viewers.values()];
    const [conferences, lastClosed, open, progress] = await Promise.all([
      this.reader.loadAcross(
        participants.map((viewer) => ({
          viewer,
          conferences: day.filter((conference) => conference.participantId === viewer.participantId),
        })),
      ),
      this.conferences.lastClosedBeforeEach(day),
      this.decisions.waitingForParticipants(
        labelPairs(participants.map((viewer) => ({ id: viewer.participantId, labels: viewer.labels }))),
      ),
      this.progressReader.progressAcross(participants),
    ]);
    const [wins, authors] = await Promise.all([
      this.wins.since(
        day.map((conference) => ({
          viewer: mustGet(viewers, conference.participantId),
          after: lastClosed.get(conference.id) ?? null,
        })),
      ),
      Authors.loadAcross(
        this.dataSource,
        participants.map((viewer) => viewer.participantId),
        open.flatMap((d) => [d.proposedBy, d.answeredBy]),
      ),
    ]);
    const read = new Map(conferences.flat().map((conference) => [conference.id, conference]));
    const progressOf = new Map(progress.map((entry) => [entry.participantId, entry]));
    return day.map((conference, index) => {
      const seen = mustGet(read, conference.id);
      return {
        conference: seen,
        participantUpdate: seen.agenda.find((item) => item.kind === AgendaItemKind.PARTICIPANT_UPDATE) ?? null,
        winsSinceLastConference: wins[index],
        openDecisions: open
          .filter((row) => row.participantId === conference.participantId)
          .map((row) => toDecision(row, mustGet(authors, conference.participantId))),
        progress: mustGet(progressOf, conference.participantId),
      };
    });
  }
}
