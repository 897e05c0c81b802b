import { Injectable } from '@nestjs/common';
import { AccountKind, type SensitivityLabel } from '@roundtable/contracts';
import { authorize, CompartmentPolicy, VisibilityPolicy } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { notFound } from '@roundtable/platform';

/** The actor's standing toward one participant's plan, resolved once per operation. */
export interface PlanViewer {
  actor: Actor;
  participantId: string;
  labels: Set<SensitivityLabel>;
  isParticipant: boolean;
}

@Injectable()
export class PlanAccess {
  constructor(
    private readonly compartment: CompartmentPolicy,
    private readonly visibility: VisibilityPolicy,
  ) {}

  /** Read access: NOT_FOUND outside the compartment. */
  async viewer(actor: Actor, participantId: string): Promise<PlanViewer> {
    const labels = await this.visibility.requireVisibleLabels(actor, participantId);
    return { actor, participantId, labels, isParticipant: this.isParticipant(actor, participantId) };
  }

  /** Write access: the participant, or staff on their care team (not support persons). */
  async writer(actor: Actor, participantId: string): Promise<PlanViewer> {
    const viewer = await this.viewer(actor, participantId);
    await this.assertWriter(viewer);
    return viewer;
  }

  /**
   * Write access to an existing item (under every label given): visibility first, so a hidden item answers like an
   * unknown one whoever asks, and only then the right to write.
   */
  async itemWriter(actor: Actor, participantId: string, ...labels: SensitivityLabel[]): Promise<PlanViewer> {
    const viewer = await this.viewer(actor, participantId);
    for (const label of labels) this.requireLabel(viewer, label);
    await this.assertWriter(viewer);
    return viewer;
  }

  /** An item under a label the viewer may not see answers like an unknown id. */
  requireLabel(viewer: PlanViewer, label: SensitivityLabel): void {
    if (!viewer.labels.has(label)) throw notFound();
  }

  isParticipant(actor: Actor, participantId: string): boolean {
    return actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId;
  }

  private async assertWriter(viewer: PlanViewer): Promise<void> {
    authorize('shared:planWriter', viewer, viewer.actor);
    if (viewer.isParticipant) return;
    await this.compartment.assertStaffOnTeam(viewer.actor, viewer.participantId);
  }
}
