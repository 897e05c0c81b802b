import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Discipline, TeamRole } from '@roundtable/contracts';

/** What a CARE_TEAM_CHANGED plan event carries: names and roles only, general content. */
export interface CareTeamChangePayload {
  kind: 'JOINED' | 'LEFT';
  memberName: string;
  discipline: Discipline | null;
  teamRole: TeamRole;
  changedBy: string;
  /** The timeline's line. */
  summary: string;
}

/** A care-team change as the plan's timeline shows it (a GENERAL plan event). */
export interface CareTeamTimelineEntry {
  participantId: string;
  membershipId: string;
  actor: string;
  payload: CareTeamChangePayload;
}

/** A transaction in which care-team rows are written and their timeline entries appended. */
export interface CareTeamWrite {
  manager: EntityManager;
  appendToTimeline(entry: CareTeamTimelineEntry): Promise<void>;
}

export interface CareTeamTimelineWriter {
  write<T>(work: (write: CareTeamWrite) => Promise<T>): Promise<T>;
}

/**
 * The port through which care-team changes reach the plan's event log, so the
 * participant's open page updates live (PRODUCT.md rule 10: they see every change). The
 * plan lib owns the log and sits above this one, so it plugs its writer in at start-up;
 * without it (a slice of the app with no plan) changes are written without an event.
 */
@Injectable()
export class CareTeamTimeline {
  private writer: CareTeamTimelineWriter | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  use(writer: CareTeamTimelineWriter): void {
    this.writer = writer;
  }

  write<T>(work: (write: CareTeamWrite) => Promise<T>): Promise<T> {
    if (this.writer) return this.writer.write(work);
    return this.dataSource.transaction((manager) => work({ manager, appendToTimeline: async () => undefined }));
  }
}
