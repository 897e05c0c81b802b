import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgendaItemKind, ConferenceStatus, DecisionStatus } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { CompartmentPolicy } from '@roundtable/access';
import { badUserInput, isLocalDate } from '@roundtable/platform';
import { Authors, PlanAccess } from '@roundtable/plan';
import { ProgressReader, WinsService } from '@roundtable/outcomes';
import { CONFERENCE_LABEL } from './conference-access';
import { ConferenceReader, toDecision } from './conference-reader';
import { ConferenceEntity, DecisionEntity } from './conference.entities';
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
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async day(actor: Actor, date: string, timeZone: string): Promise<RoundsEntry[]> {
    if (!isLocalDate(date)) {
      throw badUserInput('date', 'date: a day as YYYY-MM-DD');
    }
    assertTimeZone(timeZone, 'timeZone');
    const candidates = await this.dataSource
      .getRepository(ConferenceEntity)
      .createQueryBuilder('c')
      .where('CAST(c.scheduled_for AT TIME ZONE :timeZone AS date) = CAST(:date AS date)', { timeZone, date })
      .orderBy('c.scheduled_for')
      .getMany();
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
      const [last] = await this.dataSource.query(
        `SELECT closed_at FROM conference
          WHERE participant_id = $1 AND status = $2 AND id <> $3 AND scheduled_for < $4
          ORDER BY scheduled_for DESC LIMIT 1`,
        [conference.participantId, ConferenceStatus.CLOSED, conference.id, conference.scheduledFor],
      );
      const open = await this.dataSource
        .getRepository(DecisionEntity)
        .createQueryBuilder('d')
        .where('d.participant_id = :participantId AND d.status = :status AND d.label = ANY(:labels)', {
          participantId: conference.participantId,
          status: DecisionStatus.WAITING_FOR_PARTICIPANT,
          labels: [...viewer.labels],
        })
        .orderBy('d.proposed_at')
        .getMany();
      const authors = await Authors.load(
        this.dataSource,
        conference.participantId,
        open.flatMap((d) => [d.proposedBy, d.answeredBy]),
      );
      entries.push({
        conference: read,
        participantUpdate: read.agenda.find((item) => item.kind === AgendaItemKind.PARTICIPANT_UPDATE) ?? null,
        winsSinceLastConference: await this.wins.since(viewer, (last?.closed_at as Date | undefined) ?? null),
        openDecisions: open.map((row) => toDecision(row, authors)),
        progress: await this.progressReader.progress(viewer),
      });
    }
    return entries;
  }
}
