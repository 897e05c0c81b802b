import type { SubjectCatalogue } from './permission-declaration';
import { CareTeamPermission } from './care-team.policy';

const COMPARTMENT = 'libs/access/src/policies/compartment.policy.ts';
const PARTICIPANTS = 'libs/access/src/participants.service.ts';
const TEAM_POLICY = 'libs/access/src/policies/care-team.policy.ts';
const TEAM_RULES = 'libs/access/src/policies/care-team.rules.ts';
const COMPARTMENT_RULES = 'libs/access/src/policies/compartment.rules.ts';

/**
 * Participants and their care teams (PRODUCT.md rule 10: staff see only participants whose
 * care team they are on; the participant sees who is on their team and every change to it).
 */
export const CARE_TEAM_PERMISSIONS = {
  'participant.read': {
    subject: 'care team',
    whoMay:
      'The participant themself, and everyone on their care team now (staff and support persons). Anyone else, supervisors and administrators off the team included, gets NOT_FOUND.',
    rules: [10, 11],
    enforcedIn: [
      { file: COMPARTMENT, at: 'CompartmentPolicy.assertReadable' },
      { file: COMPARTMENT_RULES, at: 'CompartmentRules.readable' },
    ],
  },
  'participant.listCaseload': {
    subject: 'care team',
    whoMay:
      'Any signed-in account, listing only the participants whose care team they are on now, with the last contact (never “overdue”).',
    rules: [6, 10],
    enforcedIn: [
      { file: 'libs/access/src/participants.resolver.ts', at: 'ParticipantsResolver.caseload' },
      { file: COMPARTMENT, at: 'CompartmentPolicy.readableParticipantIds' },
    ],
  },
  'participant.readProgramRoster': {
    subject: 'care team',
    whoMay: 'A program supervisor or administrator: their program’s participants and care teams, with no plan content.',
    rules: ['roles', 10],
    enforcedIn: [
      { file: COMPARTMENT, at: 'CompartmentPolicy.seesProgramRoster' },
      { file: 'libs/access/src/policies/participants.policy.ts', at: 'ParticipantsPolicy.readProgramRoster' },
    ],
  },
  'participant.create': {
    subject: 'care team',
    whoMay:
      'A staff member of a program (administrators included), in their own program. Staff other than administrators join the new care team as its primary case manager.',
    rules: ['roles', 10],
    enforcedIn: [
      { file: PARTICIPANTS, at: 'ParticipantsService.createParticipant' },
      { file: 'libs/access/src/policies/participants.policy.ts', at: 'ParticipantsPolicy.createParticipant' },
    ],
  },
  [CareTeamPermission.ADD_MEMBER]: {
    subject: 'care team',
    whoMay:
      'The participant’s primary case manager or a supervisor of their program; never an administrator, never the person added. Only a supervisor names a primary case manager; support persons come only at the participant’s invitation. Anyone who may not know the participant gets NOT_FOUND.',
    rules: [10, 11],
    enforcedIn: [
      { file: TEAM_POLICY, at: 'CareTeamPolicy.authorize' },
      { file: TEAM_RULES, at: 'CareTeamRules.manageTeam' },
      { file: TEAM_POLICY, at: 'CareTeamPolicy.checkNewMember' },
      { file: TEAM_RULES, at: 'CareTeamRules.newMember' },
    ],
  },
  [CareTeamPermission.END_MEMBERSHIP]: {
    subject: 'care team',
    whoMay:
      'The participant’s primary case manager or a supervisor of their program; never an administrator. Anyone who may not know the participant gets NOT_FOUND.',
    rules: [10, 11],
    enforcedIn: [
      { file: TEAM_POLICY, at: 'CareTeamPolicy.authorize' },
      { file: TEAM_RULES, at: 'CareTeamRules.manageTeam' },
    ],
  },
  [CareTeamPermission.READ_CHANGES]: {
    subject: 'care team',
    whoMay: 'The participant themself and everyone on their care team; anyone else gets NOT_FOUND.',
    rules: [10, 11],
    enforcedIn: [
      { file: TEAM_POLICY, at: 'CareTeamPolicy.authorize' },
      { file: TEAM_RULES, at: 'CareTeamRules.readChanges' },
    ],
  },
  'careTeam.recordContact': {
    subject: 'care team',
    whoMay: 'A staff member on the participant’s care team.',
    rules: [6, 10],
    enforcedIn: [
      { file: PARTICIPANTS, at: 'ParticipantsService.recordContact' },
      { file: COMPARTMENT, at: 'CompartmentPolicy.assertStaffOnTeam' },
      { file: COMPARTMENT_RULES, at: 'CompartmentRules.staffOnTeam' },
    ],
  },
  'careTeam.inviteSupportPerson': {
    subject: 'care team',
    whoMay:
      'The participant, on their own device; a staff member on their care team only with the participant’s co-sign (their passphrase typed on that screen). The support person’s set-up code works only after a second staff member approves it.',
    rules: [1, 10],
    enforcedIn: [
      { file: PARTICIPANTS, at: 'ParticipantsService.inviteSupportPerson' },
      {
        file: 'libs/access/src/policies/participant-voice.policy.ts',
        at: 'ParticipantVoicePolicy.requireParticipantOrCoSign',
      },
      { file: 'libs/access/src/policies/participant-voice.rules.ts', at: 'ParticipantVoiceRules.ownOrCoSigned' },
      { file: 'libs/access/src/policies/sign-in-setup.policy.ts', at: 'SignInSetupPolicy.issueAwaitingApproval' },
    ],
  },
} satisfies SubjectCatalogue;
