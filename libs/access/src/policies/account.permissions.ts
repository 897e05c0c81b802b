import type { SubjectCatalogue } from './permission-declaration';

const ACCOUNTS = 'libs/identity/src/accounts.service.ts';
const POLICY = 'libs/access/src/policies/account.policy.ts';

/** Accounts and program administration, the program itself included (administrators see no plan content: "Who does what"). */
export const ACCOUNT_PERMISSIONS = {
  'account.readOwn': {
    subject: 'account',
    whoMay: 'The signed-in account: itself.',
    rules: [11],
    enforcedIn: [{ file: 'libs/identity/src/auth.resolver.ts', at: 'AuthResolver.me' }],
  },
  'account.listProgramStaff': {
    subject: 'account',
    whoMay: 'A program administrator: the staff accounts of their own program, with no participant or plan content.',
    rules: ['roles', 11],
    enforcedIn: [{ file: POLICY, at: 'AccountPolicy.administerStaff' }],
  },
  'account.inviteStaff': {
    subject: 'account',
    whoMay:
      'A program administrator, for their own program. The new account acts only after a supervisor other than the inviter confirms it.',
    rules: ['roles', 1],
    enforcedIn: [{ file: POLICY, at: 'AccountPolicy.administerStaff' }],
  },
  'account.listAwaitingConfirmation': {
    subject: 'account',
    whoMay:
      'A program supervisor: invited staff of their program whom they did not invite. Everyone else gets an empty list.',
    rules: [1],
    enforcedIn: [{ file: ACCOUNTS, at: 'AccountsService.staffAwaitingConfirmation' }],
  },
  'account.confirmStaff': {
    subject: 'account',
    whoMay: 'A supervisor of the account’s program who did not invite it.',
    rules: [1],
    enforcedIn: [
      { file: POLICY, at: 'AccountPolicy.confirmStaffAccount' },
      { file: POLICY, at: 'AccountPolicy.confirmStaffAccountOf' },
      { file: ACCOUNTS, at: 'AccountsService.confirmStaffAccount' },
    ],
  },
  'account.changeActive': {
    subject: 'account',
    whoMay:
      'A staff account: an administrator of its program (never their own). A participant’s account: their primary case manager or a program supervisor, never an administrator. A support person’s: the participant they support, that participant’s primary case manager or a supervisor. For participants and support persons a reason is required, and the participant sees it.',
    rules: [1, 12],
    enforcedIn: [
      {
        file: 'libs/access/src/policies/account-lifecycle.policy.ts',
        at: 'AccountLifecyclePolicy.assertMayChangeActive',
      },
      { file: POLICY, at: 'AccountPolicy.changeActive' },
      { file: POLICY, at: 'AccountPolicy.changeActiveOfParticipants' },
    ],
  },
  'program.read': {
    subject: 'account',
    whoMay:
      'Any staff member: their own program’s name and start. Administrators and supervisors also get its staff accounts counted by state; never anything about participants or plans.',
    rules: ['roles', 11],
    enforcedIn: [
      { file: POLICY, at: 'AccountPolicy.readProgram' },
      { file: POLICY, at: 'AccountPolicy.seesStaffCounts' },
    ],
  },
  'program.rename': {
    subject: 'account',
    whoMay: 'A program administrator: their own program. Recorded in the audit trail with the old and new names.',
    rules: ['roles'],
    enforcedIn: [{ file: POLICY, at: 'AccountPolicy.renameProgram' }],
  },
} satisfies SubjectCatalogue;
