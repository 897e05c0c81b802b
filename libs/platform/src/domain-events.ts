import type { Discipline, SensitivityLabel } from '@roundtable/contracts';

/**
 * Domain events published inside one API process (services never touch sockets; the
 * realtime gateway listens). Plan events have their own, PLAN_EVENTS_COMMITTED.
 */

/** Who may see what of a participant's plan may have changed (consent, team, break-glass). */
export const ACCESS_CHANGED = 'access.changed';
export interface AccessChanged {
  participantId: string;
}

/**
 * The participant granted a label to a person or a discipline, or revoked a grant (PRODUCT.md
 * rule 10). Published once the grant and its audit row have committed, after ACCESS_CHANGED
 * for the same change (which is what re-checks live connections).
 */
export const CONSENT_CHANGED = 'consent.changed';
export interface ConsentChanged {
  kind: 'GRANTED' | 'REVOKED';
  participantId: string;
  grantId: string;
  label: SensitivityLabel;
  /** The person the grant is for; null for a grant to a discipline. */
  accountId: string | null;
  discipline: Discipline | null;
}

/** Sign-ins ended: one session, or every session of an account (logout, deactivation, reuse). */
export const SESSIONS_REVOKED = 'sessions.revoked';
export type SessionsRevoked = { sessionId: string } | { accountId: string };

/**
 * The participant turned sharing their presence with the team on or off: the realtime
 * gateway re-sends presence in their plan room (on every node) so it takes effect at once.
 */
export const PRESENCE_SHARING_CHANGED = 'presence.sharingChanged';
export interface PresenceSharingChanged {
  participantId: string;
}
