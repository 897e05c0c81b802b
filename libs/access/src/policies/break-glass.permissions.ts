import type { SubjectCatalogue } from './permission-declaration';
import { BreakGlassPermission } from './break-glass.policy';

const POLICY = { file: 'libs/access/src/policies/break-glass.policy.ts', at: 'BreakGlassPolicy.authorize' };
const rule = (method: string) => ({
  file: 'libs/access/src/policies/break-glass.rules.ts',
  at: `BreakGlassRules.${method}`,
});

/** Emergency ("break-glass") access: a reason, time limits, audited, shown to the participant (PRODUCT.md rule 12). */
export const BREAK_GLASS_PERMISSIONS = {
  [BreakGlassPermission.REQUEST]: {
    subject: 'break-glass',
    whoMay:
      'A physician, prescriber or nurse on the participant’s care team, with a reason the participant will see. Others on the team get FORBIDDEN; anyone else NOT_FOUND.',
    rules: [11, 12],
    enforcedIn: [POLICY, rule('request')],
  },
  [BreakGlassPermission.END]: {
    subject: 'break-glass',
    whoMay: 'The clinician who holds it (or asked for it); anyone else gets NOT_FOUND.',
    rules: [11, 12],
    enforcedIn: [POLICY, rule('end')],
  },
  [BreakGlassPermission.APPROVE]: {
    subject: 'break-glass',
    whoMay:
      'A supervisor of the participant’s program who is not the clinician: a repeat request opens only with their approval.',
    rules: [12],
    enforcedIn: [POLICY, rule('supervise')],
  },
  [BreakGlassPermission.REVIEW]: {
    subject: 'break-glass',
    whoMay:
      'A supervisor of the participant’s program who is not the clinician, once it ended; the participant reads the note.',
    rules: [12],
    enforcedIn: [POLICY, rule('supervise')],
  },
  [BreakGlassPermission.LIST_FOR_SUPERVISION]: {
    subject: 'break-glass',
    whoMay:
      'A program supervisor: emergency accesses in their own program awaiting approval or review, never their own.',
    rules: [12],
    enforcedIn: [POLICY, rule('listForSupervision')],
  },
  [BreakGlassPermission.READ_OWN]: {
    subject: 'break-glass',
    whoMay:
      'The participant themself: every emergency access to their plan. Others who know the participant get FORBIDDEN; anyone else NOT_FOUND.',
    rules: [11, 12],
    enforcedIn: [POLICY, rule('readOwn')],
  },
} satisfies SubjectCatalogue;
