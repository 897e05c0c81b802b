import { Injectable } from '@nestjs/common';
import { AccountKind, type SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { forbidden, notFound } from '@roundtable/platform';
import { VisibilityPolicy } from '../visibility.policy';

/** Operations only the participant takes, for themselves (ARCHITECTURE.md "Who may do what is one policy too"). */
export enum ParticipantOnlyPermission {
  /** Answer "how is this working for you?" on one of their safer-use strategies (rule 8). */
  CHECK_IN_ON_STRATEGY = 'strategy.checkIn',
  /** Let the care team see, or stop them seeing, when they are in their plan's live room. */
  SET_PRESENCE_SHARING = 'participant.setPresenceSharing',
}

/** The participant an operation acts on, and the label of the item it touches (if any). */
export interface ParticipantOnlyTarget {
  participantId: string;
  label?: SensitivityLabel;
}

/**
 * Acts that are the participant's alone: nobody can speak for them (rules 1, 3), and what
 * they report about themselves is theirs (rule 13).
 *
 * - Visibility first (rule 11): outside the compartment, or on an item under a label the
 *   actor may not see, the answer is exactly NOT_FOUND, as for an unknown id. A housing
 *   worker learns nothing of a substance-use strategy, not even that a check-in was refused.
 * - Then the participant only: a team member (or support person) who may see the item is
 *   told FORBIDDEN, as for the other participant-only operations (e.g. setting a strategy's
 *   check-in rhythm, answering an offer). There is no "with the participant" path here: a
 *   check-in is how it is going *for them*, said on their own device (rule 3).
 */
@Injectable()
export class ParticipantOnlyPolicy {
  constructor(private readonly visibility: VisibilityPolicy) {}

  isParticipant(actor: Actor, participantId: string): boolean {
    return actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId;
  }

  async authorize(actor: Actor, permission: ParticipantOnlyPermission, target: ParticipantOnlyTarget): Promise<void> {
    // Audited as a touch of the participant (and of the labels the actor may see).
    const labels = await this.visibility.requireVisibleLabels(actor, target.participantId);
    switch (permission) {
      case ParticipantOnlyPermission.CHECK_IN_ON_STRATEGY:
        if (!target.label || !labels.has(target.label)) throw notFound();
        if (!this.isParticipant(actor, target.participantId)) {
          throw forbidden('Only the participant checks in on their strategies: how it is working is theirs to say');
        }
        return;
      case ParticipantOnlyPermission.SET_PRESENCE_SHARING:
        if (!this.isParticipant(actor, target.participantId)) {
          throw forbidden('Only the participant decides whether the team sees when they are here');
        }
        return;
    }
  }
}
