import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail, VisibilityPolicy } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { mustGet } from '@roundtable/platform';
import { Authors, toStep } from './plan-reader';
import type { Step } from './plan.models';
import { PlanRepository } from './plan.repository';

/**
 * A team member's own open steps across their caseload (or one plan), in a fixed number of
 * statements whatever the caseload's size: the steps, the compartment, grants and
 * break-glass, then names. It shows exactly what the plan read would (PRODUCT.md rules 10,
 * 11): only participants whose care team they are on, only steps under labels they see
 * there, and a step's goal only when that goal is visible too. Each plan reached is audited
 * with the labels seen in it (rule 12), as reading the plan would be.
 */
@Injectable()
export class StepsForYouReader {
  constructor(
    private readonly visibility: VisibilityPolicy,
    private readonly audit: AuditTrail,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async openStepsOf(actor: Actor, participantId: string | null): Promise<Step[]> {
    const rows = await new PlanRepository(this.dataSource.manager).openStepsAssignedTo(actor.accountId, participantId);
    if (rows.length === 0) return [];
    const participantIds = [...new Set(rows.map((row) => row.participantId))];
    const labels = await this.visibility.visibleLabelsAcross(actor, participantIds);
    const visible = rows.filter((row) => labels.get(row.participantId)?.has(row.label));
    const reached = [...labels].filter(([, seen]) => seen.size > 0);
    for (const [id, seen] of reached) this.audit.touch(id, seen);
    if (visible.length === 0) return [];
    const authors = await Authors.loadAcross(
      this.dataSource,
      reached.map(([id]) => id),
      visible.flatMap((row) => [row.createdBy, row.assignee]),
    );
    return visible.map((row) => ({
      ...toStep(row, mustGet(authors, row.participantId)),
      goalId: row.goalId && row.goalLabel && labels.get(row.participantId)?.has(row.goalLabel) ? row.goalId : null,
    }));
  }
}
