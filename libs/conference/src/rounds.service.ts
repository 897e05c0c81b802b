import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgendaItemKind } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { CompartmentPolicy } from '@roundtable/access';
import { badUserInput, isLocalDate } from '@roundtable/platform';
import { Authors, PlanAccess } from '@roundtable/plan';
import { ProgressReader, WinsService } from '@roundtable/outcomes';
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
 */
@Injectable()
export class RoundsService {
  constructor(
    private readonly plans: PlanAccess,
    private readonly compartment: CompartmentPolicy,
    private readonly reader: ConferenceReader,
    private readonly progressReader: ProgressReader,
    private readonly wins: WinsService,
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
    const entries: RoundsEntry[] = [];
    for (const conference of candidates.filter((c) => readable.has(c.participantId))) {
      const viewer = await this.plans.viewer(actor, conference.participantId);
      if (!viewer.labels.has(CONFERENCE_LABEL)) continue;
      const [read] = await this.reader.load(viewer, [conference]);
      const lastClosedAt = await this.conferences.lastClosedBefore(conference);
      const open = await this.decisions.waitingForParticipant(conference.participantId, [...viewer.labels]);
      const authors = await Authors.load(
        this.dataSource,
        conference.participantId,
        open.flatMap((d) => [d.proposedBy, d.answeredBy]),
      );
      entries.push({
        conference: read,
        participantUpdate: read.agenda.find((item) => item.kind === AgendaItemKind.PARTICIPANT_UPDATE) ?? null,
        winsSinceLastConference: await this.wins.since(viewer, lastClosedAt),
        openDecisions: open.map((row) => toDecision(row, authors)),
        progress: await this.progressReader.progress(viewer),
      });
    }
    return entries;
  }
}
