import type { SubjectCatalogue } from './permission-declaration';

const LOADER = { file: 'libs/exports/src/plan/plan-export.loader.ts', at: 'PlanExportLoader.viewer' };
const AUDIT = { file: 'libs/exports/src/http/export-audit.ts', at: 'ExportAudit.run' };
const rule = (method: string) => ({ file: 'libs/access/src/policies/export.policy.ts', at: `ExportPolicy.${method}` });

/**
 * Exports: the same access as GraphQL, answered 404 alike for unknown and hidden, and every
 * export and refusal audited (PRODUCT.md rules 10-12). A bearer token in the header only.
 */
export const EXPORT_PERMISSIONS = {
  'export.planPdf': {
    subject: 'export',
    whoMay:
      'Whoever may read the plan (plan.read), under the labels they may see, narrowed by what the export asks for. Anyone else gets 404.',
    rules: [10, 11, 12],
    enforcedIn: [LOADER, rule('planPdf'), AUDIT],
  },
  'export.ownRecord': {
    subject: 'export',
    whoMay: 'The participant themself only; everyone else, emergency access included, gets 404.',
    rules: [10, 11, 12],
    enforcedIn: [
      { file: 'libs/exports/src/record/participant-record.service.ts', at: 'ParticipantRecordService.assertOwnRecord' },
      rule('ownRecord'),
      AUDIT,
    ],
  },
  'export.fhirEverything': {
    subject: 'export',
    whoMay:
      'The participant (everything, their consents included); their care team only under the labels they may see that the participant allowed to leave Roundtable (substance use only to the named recipient). Anyone else gets 404.',
    rules: [10, 11, 12],
    enforcedIn: [
      LOADER,
      {
        file: 'libs/exports/src/external-sharing/external-sharing.service.ts',
        at: 'ExternalSharingService.shareableLabels',
      },
      rule('fhirEverything'),
      AUDIT,
    ],
  },
  'export.minutesPdf': {
    subject: 'export',
    whoMay: 'Whoever may read the conference (conference.read), as they may see it. Anyone else gets 404.',
    rules: [2, 10, 12],
    enforcedIn: [
      { file: 'libs/conference/src/conference-access.ts', at: 'ConferenceAccess.reader' },
      rule('minutesPdf'),
      AUDIT,
    ],
  },
} satisfies SubjectCatalogue;
