import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authors, type PlanViewer } from '@roundtable/plan';
import { mustGet } from '@roundtable/platform';
import type { Win } from './outcomes.models';
import { toWin } from './wins.service';
import { WinsSinceRepository } from './wins-since.repository';

/**
 * Wins since a moment for several participants, each read with their own viewer (rounds: wins
 * since each participant's last conference), in two statements whatever their number: the
 * wins, then every name they show. For each viewer the same answer as WinsService.since: only
 * labels that viewer may see, never a hidden win, newest first, at most `limit`.
 */
@Injectable()
export class WinsSinceReader {
  constructor(
    private readonly wins: WinsSinceRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** One list per request, in order. */
  async since(requests: readonly { viewer: PlanViewer; after: Date | null }[], limit = 50): Promise<Win[][]> {
    if (requests.length === 0) return [];
    const rows = await this.wins.visibleSince(
      requests.map(({ viewer, after }) => ({ participantId: viewer.participantId, labels: [...viewer.labels], after })),
      limit,
    );
    const authors = await Authors.loadAcross(
      this.dataSource,
      [...new Set(requests.map(({ viewer }) => viewer.participantId))],
      rows.flatMap((wins) => wins.map((win) => win.proposedBy)),
    );
    return requests.map(({ viewer }, index) =>
      rows[index].map((win) => toWin(win, mustGet(authors, viewer.participantId))),
    );
  }
}
