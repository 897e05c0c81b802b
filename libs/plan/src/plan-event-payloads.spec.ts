import {
  CheckInAnswer,
  CheckInRhythm,
  Discipline,
  GoalLifecycle,
  LifeDomain,
  MetricKind,
  PlanEventType,
  SensitivityLabel,
  StageOfChange,
  StrategyStatus,
  TeamRole,
  WinSource,
} from '@roundtable/contracts';
import { planEventOf, type PlanEventPayloads } from './plan-event-payloads';
import { describeEvent } from './timeline.service';
import { entryPayload } from './written-with-you-payloads';
import { WrittenWithYouKind, WrittenWithYouStatus } from './written-with-you.entities';

const goalChange = {
  text: 'Find a flat',
  lifecycle: GoalLifecycle.ON_HOLD,
  previousLifecycle: GoalLifecycle.ACTIVE,
  label: SensitivityLabel.HOUSING,
};
const conference = { conferenceId: '5d0c1f0e-4a8b-4b8e-9f57-4a3c6b0e2d11' };

/** One payload per type as the code writes it today, and the line each shows on the timeline. */
const EXAMPLES: { [T in PlanEventType]: { payload: PlanEventPayloads[T]; summary: string } } = {
  [PlanEventType.VISION_UPDATED]: {
    payload: { text: 'A place of my own', writtenWithParticipant: true, coSigned: false, confirmed: false },
    summary: '“In my own words” updated (written with the participant)',
  },
  [PlanEventType.GOAL_EXPRESSED]: {
    payload: {
      text: 'Find a flat',
      domain: LifeDomain.HOUSING,
      lifecycle: GoalLifecycle.ACTIVE,
      writtenWithParticipant: false,
      awaitingConfirmation: false,
    },
    summary: 'Goal added: Find a flat',
  },
  [PlanEventType.GOAL_PROPOSED]: {
    payload: {
      text: 'See a GP',
      domain: LifeDomain.HEALTH,
      lifecycle: GoalLifecycle.PROPOSED,
      writtenWithParticipant: false,
      awaitingConfirmation: false,
    },
    summary: 'Goal proposed: See a GP',
  },
  [PlanEventType.GOAL_ACCEPTED]: { payload: goalChange, summary: 'Proposal accepted: Find a flat' },
  [PlanEventType.GOAL_DECLINED]: { payload: goalChange, summary: 'Proposal declined: Find a flat' },
  [PlanEventType.GOAL_CONFIRMED]: { payload: goalChange, summary: 'Confirmed: Find a flat' },
  [PlanEventType.GOAL_UPDATED]: { payload: goalChange, summary: 'Goal changed: Find a flat' },
  [PlanEventType.GOAL_LIFECYCLE_CHANGED]: { payload: goalChange, summary: 'Goal on hold: Find a flat' },
  [PlanEventType.GOALS_RANKED]: { payload: { goalIds: ['a', 'b'] }, summary: 'Goals re-ranked' },
  [PlanEventType.STAGE_RATED]: {
    payload: { text: 'Cut down', stage: StageOfChange.ACTION, previous: null, byParticipant: false },
    summary: 'Stage of change (staff view) : action — Cut down',
  },
  [PlanEventType.STEP_ADDED]: { payload: { text: 'Call Anna', goalId: null }, summary: 'Step added: Call Anna' },
  [PlanEventType.STEP_DONE]: { payload: { text: 'Call Anna', goalId: 'g' }, summary: 'Step done: Call Anna' },
  [PlanEventType.STEP_REOPENED]: { payload: { text: 'Call Anna', goalId: 'g' }, summary: 'Step reopened: Call Anna' },
  [PlanEventType.STRATEGY_ADDED]: {
    payload: { text: 'Carry naloxone', status: StrategyStatus.WANT_TO_TRY },
    summary: 'Strategy added: Carry naloxone',
  },
  [PlanEventType.STRATEGY_UPDATED]: {
    payload: {
      text: 'Carry naloxone',
      status: StrategyStatus.ALREADY_DOING,
      checkInRhythm: CheckInRhythm.WEEKLY,
      reminders: true,
    },
    summary: 'Strategy updated: Carry naloxone (already doing)',
  },
  [PlanEventType.STRATEGY_CHECKED_IN]: {
    payload: { text: 'Carry naloxone', answer: CheckInAnswer.NOT_WORKING },
    summary: 'Checked in on Carry naloxone: not working for me right now',
  },
  [PlanEventType.OFFER_MADE]: { payload: { text: 'Bus pass', reason: null }, summary: 'Offered: Bus pass' },
  [PlanEventType.OFFER_ACCEPTED]: { payload: { text: 'Bus pass' }, summary: 'Offer accepted: Bus pass' },
  [PlanEventType.OFFER_DECLINED]: { payload: { text: 'Bus pass' }, summary: 'Offer declined: Bus pass' },
  [PlanEventType.OFFER_HIDDEN]: {
    payload: { text: 'Bus pass' },
    summary: 'Offer put out of view by the participant: Bus pass',
  },
  [PlanEventType.RESOURCE_WITHHELD]: {
    payload: { text: 'Shelter bed', reason: 'No beds tonight' },
    summary: 'Not offered: Shelter bed — No beds tonight',
  },
  [PlanEventType.METRIC_DEFINED]: {
    payload: { text: 'Good days', kind: MetricKind.PARTICIPANT_DEFINED },
    summary: 'Good days',
  },
  [PlanEventType.MEASUREMENT_RECORDED]: {
    payload: { text: 'Good days', value: 4.5, metricId: 'm' },
    summary: 'Good days',
  },
  [PlanEventType.WIN_RECORDED]: {
    payload: { text: 'Done: Call Anna', source: WinSource.STEP_DONE },
    summary: 'Done: Call Anna',
  },
  [PlanEventType.WIN_CONFIRMED]: { payload: { text: 'Done: Call Anna' }, summary: 'Done: Call Anna' },
  [PlanEventType.WIN_HIDDEN]: { payload: {}, summary: 'win hidden' },
  [PlanEventType.ITEM_LABEL_TIGHTENED]: {
    payload: {
      text: 'Call the clinic',
      kind: 'STEP',
      label: SensitivityLabel.SUBSTANCE_USE,
      previousLabel: SensitivityLabel.GENERAL,
    },
    summary: 'Made more private (substance use): Call the clinic',
  },
  [PlanEventType.ITEM_RESTRICTED]: { payload: {}, summary: 'An item was made more private' },
  [PlanEventType.SETBACK_RECORDED]: { payload: { text: '', returnToUse: true }, summary: 'setback recorded' },
  [PlanEventType.PLAN_REVIEW_ANSWERED]: { payload: { text: 'Plan review: yes' }, summary: 'Plan review: yes' },
  [PlanEventType.CONFERENCE_SCHEDULED]: {
    payload: { ...conference, summary: 'Care conference scheduled: Monthly' },
    summary: 'Care conference scheduled: Monthly',
  },
  [PlanEventType.CONFERENCE_CHANGED]: {
    payload: { ...conference, summary: 'The participant will attend' },
    summary: 'The participant will attend',
  },
  [PlanEventType.PARTICIPANT_UPDATE_RECORDED]: {
    payload: { ...conference, summary: 'The participant’s update for Monthly is ready' },
    summary: 'The participant’s update for Monthly is ready',
  },
  [PlanEventType.AGENDA_ITEM_ADDED]: {
    payload: { ...conference, summary: 'On the agenda: Housing' },
    summary: 'On the agenda: Housing',
  },
  [PlanEventType.AGENDA_ITEM_MOVED]: {
    payload: { ...conference, summary: 'Agenda reordered: Housing' },
    summary: 'Agenda reordered: Housing',
  },
  [PlanEventType.CONFERENCE_STARTED]: {
    payload: { ...conference, summary: 'Monthly has started' },
    summary: 'Monthly has started',
  },
  [PlanEventType.AGENDA_ADVANCED]: {
    payload: { ...conference, summary: 'Now discussing: Housing' },
    summary: 'Now discussing: Housing',
  },
  [PlanEventType.CONFERENCE_NOTE_ADDED]: {
    payload: { ...conference, agendaItemId: 'i', summary: 'Note: keys on Friday' },
    summary: 'Note: keys on Friday',
  },
  [PlanEventType.PERSPECTIVE_RECORDED]: {
    payload: { ...conference, agendaItemId: 'i', summary: 'The participant’s perspective: ready' },
    summary: 'The participant’s perspective: ready',
  },
  [PlanEventType.DECISION_PROPOSED]: {
    payload: { ...conference, summary: 'Decision proposed, waiting for the participant: Move' },
    summary: 'Decision proposed, waiting for the participant: Move',
  },
  [PlanEventType.DECISION_ANSWERED]: {
    payload: { ...conference, summary: 'The participant agreed: Move' },
    summary: 'The participant agreed: Move',
  },
  [PlanEventType.ACTION_ITEM_ADDED]: {
    payload: { ...conference, summary: 'Action item: call the landlord' },
    summary: 'Action item: call the landlord',
  },
  [PlanEventType.CONFERENCE_CLOSED]: {
    payload: { ...conference, summary: 'Monthly closed; the minutes are final' },
    summary: 'Monthly closed; the minutes are final',
  },
  [PlanEventType.MINUTES_AMENDED]: {
    payload: { ...conference, summary: 'Minutes amended: typo (why: typo)' },
    summary: 'Minutes amended: typo (why: typo)',
  },
  [PlanEventType.PARTICIPANT_RESPONDED]: {
    payload: { ...conference, summary: 'The participant’s feedback: thanks' },
    summary: 'The participant’s feedback: thanks',
  },
  [PlanEventType.RESPONSE_ANSWERED]: {
    payload: { ...conference, summary: 'What we changed: the date' },
    summary: 'What we changed: the date',
  },
  [PlanEventType.CARE_TEAM_CHANGED]: {
    payload: {
      kind: 'JOINED',
      memberName: 'Dr Ruiz',
      discipline: Discipline.MEDICAL,
      teamRole: TeamRole.CARE_TEAM_MEMBER,
      changedBy: 'Alex',
      summary: 'Dr Ruiz (medical) joined the care team, added by Alex',
    },
    summary: 'Dr Ruiz (medical) joined the care team, added by Alex',
  },
  [PlanEventType.WRITTEN_WITH_YOU_WAITING]: {
    payload: {
      kind: WrittenWithYouKind.VISION,
      text: 'A place of my own',
      summary: 'Their vision, written with them: waiting for the participant to confirm',
    },
    summary: 'Their vision, written with them: waiting for the participant to confirm',
  },
  [PlanEventType.WRITTEN_WITH_YOU_ANSWERED]: {
    payload: {
      kind: WrittenWithYouKind.VISION,
      text: 'A place of my own',
      status: WrittenWithYouStatus.CONFIRMED,
      summary: 'Their vision, written with them: confirmed by the participant',
    },
    summary: 'Their vision, written with them: confirmed by the participant',
  },
};

/** As stored: through JSON, so undefined fields are gone. */
const stored = (type: string, payload: unknown) => ({ type, payload: JSON.parse(JSON.stringify(payload)) as unknown });

describe('plan event payloads', () => {
  it.each(Object.values(PlanEventType))('%s has a payload type, reads back as written and has a summary', (type) => {
    const example = EXAMPLES[type];
    expect(example).toBeDefined();
    expect(planEventOf(stored(type, example.payload))).toEqual({ type, payload: example.payload });
    expect(describeEvent(stored(type, example.payload))).toBe(example.summary);
  });

  it('reads rows written before a field existed, with the same summaries', () => {
    const rows: [PlanEventType, object, string][] = [
      [PlanEventType.VISION_UPDATED, { text: 'Mine', writtenWithParticipant: false }, '“In my own words” updated'],
      [
        PlanEventType.GOAL_EXPRESSED,
        { text: 'Flat', domain: 'HOUSING', lifecycle: 'ACTIVE', writtenWithParticipant: true },
        'Goal added: Flat (written with the participant)',
      ],
      [
        PlanEventType.GOAL_LIFECYCLE_CHANGED,
        { text: 'Flat', lifecycle: 'ACHIEVED', previousLifecycle: 'ACTIVE' },
        'Goal achieved: Flat',
      ],
      [
        PlanEventType.GOAL_ACCEPTED,
        { text: 'Flat', domain: 'HOUSING', lifecycle: 'ACTIVE', decisionId: 'd' },
        'Proposal accepted: Flat',
      ],
      [
        PlanEventType.STAGE_RATED,
        { stage: 'PREPARATION', previous: 'CONTEMPLATION', byParticipant: true, text: 'Flat' },
        'Stage of change : preparation — Flat',
      ],
    ];
    for (const [type, payload, summary] of rows) {
      expect(planEventOf(stored(type, payload))?.type).toBe(type);
      expect(describeEvent(stored(type, payload))).toBe(summary);
    }
  });

  it('reads a row of another shape or an unknown type as its own line, its text, or its type in words', () => {
    expect(planEventOf(stored(PlanEventType.GOAL_UPDATED, { text: 'Only text' }))).toBeUndefined();
    expect(describeEvent(stored(PlanEventType.GOAL_UPDATED, { text: 'Only text' }))).toBe('Only text');
    expect(describeEvent(stored('BENCH_EDIT', { summary: 'A line', text: 'Words' }))).toBe('A line');
    expect(describeEvent(stored('BENCH_EDIT', { text: 'Words', summary: 3 }))).toBe('Words');
    expect(describeEvent(stored('BENCH_EDIT', []))).toBe('bench edit');
  });
});

describe('written-with-you payloads', () => {
  const entry = {
    id: 'e',
    kind: WrittenWithYouKind.DECISION_ANSWER,
    payload: { decisionId: 'd', agree: true, note: null },
  };

  it('reads an entry of its kind', () => {
    expect(entryPayload(entry, WrittenWithYouKind.DECISION_ANSWER)).toEqual({
      decisionId: 'd',
      agree: true,
      note: null,
    });
  });

  it('refuses an entry of another kind or shape', () => {
    expect(() => entryPayload(entry, WrittenWithYouKind.SETBACK)).toThrow('does not hold a SETBACK entry');
    expect(() =>
      entryPayload({ ...entry, payload: { decisionId: 'd' } }, WrittenWithYouKind.DECISION_ANSWER),
    ).toThrow();
  });
});
