import type { SubjectCatalogue } from './permission-declaration';

const ACCESS = 'libs/conference/src/conference-access.ts';
const SCHEDULING = 'libs/conference/src/conference.service.ts';
const AGENDA = 'libs/conference/src/agenda.service.ts';
const DECISIONS = 'libs/conference/src/decisions.service.ts';
const MINUTES = 'libs/conference/src/minutes.service.ts';
const POLICY = 'libs/access/src/policies/conference.policy.ts';

/** On the care team (staff or participant) and the minutes still open: every room operation asks this much. */
const TEAM_WRITER = 'The participant, or a staff member on their care team';

/** Issue 17: who runs the room, checked at call time (a co-facilitator who left the team no longer may). */
const RUNS_THE_ROOM =
  'The conference’s facilitator, or the co-facilitator they named, while a staff member on the participant’s care team; anyone else who may see the conference (the participant included) gets FORBIDDEN';

/**
 * Care conferences (PRODUCT.md rules 2, 3). A conference is part of the participant's
 * record: ConferenceAccess reads it like the plan and writes it like the plan.
 */
export const CONFERENCE_PERMISSIONS = {
  'conference.read': {
    subject: 'conference',
    whoMay:
      'Whoever may read the participant’s plan and see its general content, each as they may see it; anyone else gets NOT_FOUND.',
    rules: [2, 10, 11],
    enforcedIn: [{ file: ACCESS, at: 'ConferenceAccess.reader' }],
  },
  'conference.list': {
    subject: 'conference',
    whoMay:
      'Whoever may read the participant’s plan; those who may not see its general content get an empty list. Anyone else gets NOT_FOUND.',
    rules: [10, 11],
    enforcedIn: [{ file: 'libs/conference/src/conference.resolver.ts', at: 'ConferenceResolver.conferences' }],
  },
  'conference.readRounds': {
    subject: 'conference',
    whoMay:
      'Any signed-in account: that day’s conferences only of participants whose care team they are on, each as they may see it; nothing else is named or counted.',
    rules: [2, 10, 11],
    enforcedIn: [{ file: 'libs/conference/src/rounds.service.ts', at: 'RoundsService.day' }],
  },
  'conference.schedule': {
    subject: 'conference',
    whoMay: `${TEAM_WRITER}. Only the participant (on their device or by co-sign) marks that they attend.`,
    rules: [2, 3],
    enforcedIn: [{ file: SCHEDULING, at: 'ConferenceService.schedule' }],
  },
  'conference.invite': {
    subject: 'conference',
    whoMay: `${TEAM_WRITER}, inviting team members. A support person comes only at the participant’s invitation: theirs, written down with them (it waits), or co-signed.`,
    rules: [3, 10],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.invite' },
      { file: SCHEDULING, at: 'ConferenceService.invite' },
    ],
  },
  'conference.setParticipantAttends': {
    subject: 'conference',
    whoMay:
      'The participant, or a staff member with their co-sign. Other staff on the team only invite them, or say they will not come before the room opens.',
    rules: [2, 3],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.setParticipantAttends' },
      { file: SCHEDULING, at: 'ConferenceService.setParticipantAttends' },
    ],
  },
  'conference.recordParticipantUpdate': {
    subject: 'conference',
    whoMay:
      'The participant; a staff member on their care team only writing it with them (it waits for them unless they co-sign it).',
    rules: [2],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.recordParticipantUpdate' },
      { file: SCHEDULING, at: 'ConferenceService.recordParticipantUpdate' },
    ],
  },
  'agenda.addItem': {
    subject: 'conference',
    whoMay: `${TEAM_WRITER}, while the minutes are open. Only the participant marks a topic “not without me”.`,
    rules: [2],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.addItem' },
      { file: POLICY, at: 'ConferencePolicy.assertOpen' },
      { file: AGENDA, at: 'AgendaService.addItem' },
    ],
  },
  'agenda.moveItem': {
    subject: 'conference',
    whoMay: `${TEAM_WRITER} who may see the item, while the minutes are open. The participant’s update stays first.`,
    rules: [2],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.moveItem' },
      { file: POLICY, at: 'ConferencePolicy.assertOpen' },
      { file: AGENDA, at: 'AgendaService.moveItem' },
      { file: ACCESS, at: 'ConferenceAccess.itemWriter' },
    ],
  },
  'agenda.setNotWithoutParticipant': {
    subject: 'conference',
    whoMay: 'The participant themself.',
    rules: [2],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.setNotWithoutParticipant' },
      { file: AGENDA, at: 'AgendaService.setNotWithoutParticipant' },
    ],
  },
  'conference.nameCoFacilitator': {
    subject: 'conference',
    whoMay:
      'The conference’s facilitator, while a staff member on the participant’s care team and the minutes are open; anyone else who may see the conference gets FORBIDDEN. The one named is a staff member of the care team attending the conference (anyone else: BAD_USER_INPUT, the same for an unknown account).',
    rules: [2, 11],
    enforcedIn: [
      { file: ACCESS, at: 'ConferenceAccess.writer' },
      { file: POLICY, at: 'ConferencePolicy.nameCoFacilitator' },
      { file: POLICY, at: 'ConferencePolicy.assertOpen' },
      { file: SCHEDULING, at: 'ConferenceService.nameCoFacilitator' },
    ],
  },
  'conference.start': {
    subject: 'conference',
    whoMay: `${RUNS_THE_ROOM}. While the minutes are open; the room opens on the participant’s own update.`,
    rules: [2],
    enforcedIn: [
      { file: ACCESS, at: 'ConferenceAccess.roomRunner' },
      { file: POLICY, at: 'ConferencePolicy.runTheRoom' },
      { file: POLICY, at: 'ConferencePolicy.assertOpen' },
      { file: SCHEDULING, at: 'ConferenceService.start' },
    ],
  },
  'conference.advance': {
    subject: 'conference',
    whoMay: `${RUNS_THE_ROOM}. While the minutes are open; never onto a “not without me” topic in the participant’s absence.`,
    rules: [2],
    enforcedIn: [
      { file: ACCESS, at: 'ConferenceAccess.roomRunner' },
      { file: POLICY, at: 'ConferencePolicy.runTheRoom' },
      { file: POLICY, at: 'ConferencePolicy.assertOpen' },
      { file: POLICY, at: 'ConferencePolicy.advanceTo' },
      { file: SCHEDULING, at: 'ConferenceService.advance' },
    ],
  },
  'conference.close': {
    subject: 'conference',
    whoMay: `${RUNS_THE_ROOM}. While the minutes are open; later corrections are amendments.`,
    rules: [2],
    enforcedIn: [
      { file: ACCESS, at: 'ConferenceAccess.roomRunner' },
      { file: POLICY, at: 'ConferencePolicy.runTheRoom' },
      { file: POLICY, at: 'ConferencePolicy.assertOpen' },
      { file: SCHEDULING, at: 'ConferenceService.close' },
    ],
  },
  'conference.addNote': {
    subject: 'conference',
    whoMay: `${TEAM_WRITER} who may see the item, while the minutes are open; never on a “not without me” topic in the participant’s absence. The participant reads every note.`,
    rules: [2],
    enforcedIn: [
      { file: AGENDA, at: 'AgendaService.addNote' },
      { file: ACCESS, at: 'ConferenceAccess.assertParticipantPresent' },
      { file: POLICY, at: 'ConferencePolicy.assertParticipantPresent' },
    ],
  },
  'conference.recordPerspective': {
    subject: 'conference',
    whoMay: `${TEAM_WRITER} who may see the item, each on their own card.`,
    rules: [3],
    enforcedIn: [{ file: AGENDA, at: 'AgendaService.recordPerspective' }],
  },
  'conference.addActionItem': {
    subject: 'conference',
    whoMay: `${TEAM_WRITER} who may see the item, while the minutes are open; it becomes a step in the plan.`,
    rules: [2, 10],
    enforcedIn: [{ file: DECISIONS, at: 'DecisionsService.addActionItem' }],
  },
  'decision.propose': {
    subject: 'conference',
    whoMay:
      'A staff member on the participant’s care team who may see the item (the participant changes their plan directly); never on a “not without me” topic in their absence.',
    rules: [3, 9],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.proposeDecision' },
      { file: POLICY, at: 'ConferencePolicy.assertParticipantPresent' },
      { file: DECISIONS, at: 'DecisionsService.propose' },
    ],
  },
  'decision.answer': {
    subject: 'conference',
    whoMay:
      'The participant. A staff member on their care team only records the answer with them (it waits for their confirmation) or with their co-sign: staff never agree on their behalf.',
    rules: [3],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.answerDecision' },
      { file: DECISIONS, at: 'DecisionsService.answer' },
    ],
  },
  'minutes.amend': {
    subject: 'conference',
    whoMay: `${TEAM_WRITER}, once the minutes are closed.`,
    rules: [2, 12],
    enforcedIn: [{ file: MINUTES, at: 'MinutesService.amend' }],
  },
  'minutes.respond': {
    subject: 'conference',
    whoMay: 'The participant themself: ask for a correction, or leave feedback.',
    rules: [2],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.respondToMinutes' },
      { file: MINUTES, at: 'MinutesService.respond' },
    ],
  },
  'minutes.answerResponse': {
    subject: 'conference',
    whoMay: 'A staff member on the participant’s care team who may see the request.',
    rules: [2],
    enforcedIn: [
      { file: POLICY, at: 'ConferencePolicy.answerResponse' },
      { file: MINUTES, at: 'MinutesService.answer' },
    ],
  },
} satisfies SubjectCatalogue;
