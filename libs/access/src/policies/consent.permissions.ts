import type { SubjectCatalogue } from './permission-declaration';

const CONSENT = 'libs/access/src/consent.service.ts';
const EXTERNAL_SHARING = 'libs/exports/src/external-sharing/external-sharing.service.ts';
const POLICY = { file: 'libs/access/src/policies/consent.policy.ts', at: 'ConsentPolicy.assertIsParticipant' };
const RULE = { file: 'libs/access/src/policies/consent.rules.ts', at: 'ConsentRules.participantDecides' };
const ONLY_THEM = 'Anyone else who knows the participant gets FORBIDDEN; everyone else NOT_FOUND.';

/**
 * Consent: the participant decides who sees what, and sees who looked (PRODUCT.md rules 10,
 * 12). Every permission here is the participant's alone (ConsentPolicy.assertIsParticipant loads
 * the facts, ConsentRules.participantDecides decides).
 */
export const CONSENT_PERMISSIONS = {
  'consent.grant': {
    subject: 'consent',
    whoMay: `The participant themself: one label, to a team member, a support person or a discipline, until a date or an event. ${ONLY_THEM}`,
    rules: [10, 11],
    enforcedIn: [{ file: CONSENT, at: 'ConsentService.grant' }, POLICY, RULE],
  },
  'consent.revoke': {
    subject: 'consent',
    whoMay: `The participant themself; it takes effect at once, live connections included. ${ONLY_THEM}`,
    rules: [10, 11],
    enforcedIn: [{ file: CONSENT, at: 'ConsentService.revoke' }],
  },
  'consent.sharePresence': {
    subject: 'consent',
    whoMay: `The participant themself: whether their care team sees when they are in their plan’s live room (off unless they turn it on; never stored as a time). ${ONLY_THEM}`,
    rules: [10],
    enforcedIn: [
      { file: 'libs/access/src/policies/participant-only.policy.ts', at: 'ParticipantOnlyPolicy.authorize' },
      { file: 'libs/access/src/policies/participant-only.rules.ts', at: 'ParticipantOnlyRules.sharePresence' },
    ],
  },
  'consent.read': {
    subject: 'consent',
    whoMay: `The participant themself: their grants, and who on their team sees which label and why. ${ONLY_THEM}`,
    rules: [10, 11],
    enforcedIn: [
      { file: CONSENT, at: 'ConsentService.grants' },
      { file: CONSENT, at: 'ConsentService.whoSeesWhat' },
    ],
  },
  'consent.previewAsMember': {
    subject: 'consent',
    whoMay: `The participant themself, previewing their plan exactly as one member of their care team sees it. ${ONLY_THEM}`,
    rules: [10, 11],
    enforcedIn: [{ file: 'libs/plan/src/plan.resolver.ts', at: 'PlanResolver.planAsSeenBy' }, POLICY, RULE],
  },
  'accessLog.read': {
    subject: 'consent',
    whoMay: `The participant themself: who viewed or changed their plan, or tried to. ${ONLY_THEM}`,
    rules: [12],
    enforcedIn: [{ file: CONSENT, at: 'ConsentService.accessLog' }],
  },
  'externalSharing.allow': {
    subject: 'consent',
    whoMay: `The participant themself: one label may leave Roundtable when their team sends their plan to another system, until a date; substance use only to a named recipient. ${ONLY_THEM}`,
    rules: [10],
    enforcedIn: [{ file: EXTERNAL_SHARING, at: 'ExternalSharingService.allow' }],
  },
  'externalSharing.stop': {
    subject: 'consent',
    whoMay: `The participant themself; it takes effect at once. ${ONLY_THEM}`,
    rules: [10],
    enforcedIn: [{ file: EXTERNAL_SHARING, at: 'ExternalSharingService.stop' }],
  },
  'externalSharing.read': {
    subject: 'consent',
    whoMay: `The participant themself. ${ONLY_THEM}`,
    rules: [10],
    enforcedIn: [{ file: EXTERNAL_SHARING, at: 'ExternalSharingService.list' }],
  },
} satisfies SubjectCatalogue;
