import { Injectable } from '@nestjs/common';
import { AccountKind, type SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { VisibilityPolicy } from '../visibility.policy';
import { authorize } from './authorize';

/** Operations only the participant takes, for themselves (ARCHITECTURE.md "Who may do what is one policy too"). */
export enum ParticipantOnlyPermission {
  /** Answer "how is this working for you?" on one of their safer-use strategies (rule 8). */
  CHECK_IN_ON_STRATEGY = 'strategy.checkIn',
  /** Let the care team see, or stop them seeing, when they are in their plan's live room. */
  SET_PRESENCE_SHARING = 'consent.sharePresence',
}

/** The participant an operation acts on, and the label of the item it touches (if any). */
export interface ParticipantOnlyTarget {
  participantId: string;
  label?: SensitivityLabel;
}

/**
 * Acts that are the participant's alone (rules 1, 3, 13; the rules are ParticipantOnlyRules in
 * participant-only.rules.ts). Visibility first (rule 11): outside the compartment, or on an
 * item under a label the actor may not see, the answer is exactly NOT_FOUND, as for an
 * unknown id; then the participant only.
 */
@Injectable()
export class ParticipantOnlyPolicy {
  constructor(private readonly visibility: VisibilityPolicy) {}

  isParticipant(actor: Actor, participantId: string): boolean {
    return actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId;
  }

  async authorize(actor: Actor, permission: ParticipantOnlyPermission, target: ParticipantOnlyTarget): Promise<void> {
    // Visibility first (rule 11), audited as a touch of the participant (and of the labels the actor may see).
    const labels = await this.visibility.requireVisibleLabels(actor, target.participantId);
    const viewer = { isParticipant: this.isParticipant(actor, target.participantId) };
    switch (permission) {
      case ParticipantOnlyPermission.CHECK_IN_ON_STRATEGY:
        authorize('strategy.checkIn', viewer, { labelVisible: target.label !== undefined && labels.has(target.label) });
        return;
      case ParticipantOnlyPermission.SET_PRESENCE_SHARING:
        authorize('consent.sharePresence', viewer);
        return;
    }
  }
}
