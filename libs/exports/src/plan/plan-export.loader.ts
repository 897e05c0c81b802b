import { Injectable } from '@nestjs/common';
import type { SensitivityLabel } from '@roundtable/contracts';
import { CareTeamRepository, type CareTeamMember } from '@roundtable/care-team';
import type { Actor } from '@roundtable/identity';
import { ProgressReader, WinsSinceReader, type Progress, type Win } from '@roundtable/outcomes';
import { PlanAccess, PlanReader, type Plan, type PlanViewer } from '@roundtable/plan';
import { Clock } from '@roundtable/platform';
import { AccountEmailRepository } from './account-email.repository';

export interface TeamContact extends CareTeamMember {
  /** How to reach them: the address on their account, when there is one. */
  email: string | null;
}

/** A participant's plan as one viewer may see it, under the labels the export carries. */
export interface PlanExport {
  participantId: string;
  participantName: string;
  /** The labels this export carries: what the viewer may see, narrowed by the export's choice. */
  labels: Set<SensitivityLabel>;
  viewer: PlanViewer;
  plan: Plan;
  progress: Progress;
  wins: Win[];
  team: TeamContact[];
}

/**
 * Reads everything a plan export shows through the same readers as GraphQL (PlanReader,
 * ProgressReader.progress, WinsSinceReader) with the viewer's labels from the one policy
 * (PlanAccess → VisibilityPolicy), narrowed to `onlyLabels` when the export asks for less.
 * Hidden items are filtered in SQL by those readers, so nothing hidden is even loaded.
 */
@Injectable()
export class PlanExportLoader {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly plans: PlanReader,
    private readonly progressReader: ProgressReader,
    private readonly winsSince: WinsSinceReader,
    private readonly store: CareTeamRepository,
    private readonly accounts: AccountEmailRepository,
  ) {}

  /** NOT_FOUND (like an unknown id) when the actor may not read this participant. */
  async viewer(actor: Actor, participantId: string): Promise<PlanViewer> {
    return this.access.viewer(actor, participantId);
  }

  async load(
    viewer: PlanViewer,
    options: { onlyLabels?: Iterable<SensitivityLabel>; recentWins?: number } = {},
  ): Promise<PlanExport> {
    const wanted = options.onlyLabels ? new Set(options.onlyLabels) : null;
    const labels = new Set([...viewer.labels].filter((label) => !wanted || wanted.has(label)));
    const narrowed: PlanViewer = { ...viewer, labels };
    const [plan, progress, wins, team, [participant]] = await Promise.all([
      this.plans.load(narrowed),
      this.progressReader.progress(narrowed),
      this.winsSince.since([{ viewer: narrowed, after: null }], options.recentWins ?? 8).then(([wins]) => wins),
      this.team(viewer.participantId),
      this.store.participants([viewer.participantId]),
    ]);
    return {
      participantId: viewer.participantId,
      participantName: participant?.preferredName ?? '',
      labels,
      viewer: narrowed,
      plan,
      progress,
      wins,
      team,
    };
  }

  /** The current care team (the participant sees who is on it: PRODUCT.md rule 10), with a way to reach each. */
  private async team(participantId: string): Promise<TeamContact[]> {
    const members = (await this.store.currentMembers([participantId], this.clock.now())).get(participantId) ?? [];
    if (members.length === 0) return [];
    const emails = await this.accounts.emailsOf(members.map((member) => member.accountId));
    return members.map((member) => ({ ...member, email: emails.get(member.accountId) ?? null }));
  }
}
