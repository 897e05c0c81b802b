import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DecisionChangeKind } from '@roundtable/contracts';
import {
  conferenceVersionSeen,
  AgendaItemEntity,
  AgendaService,
  ConferenceEntity,
  ConferenceService,
  DecisionsService,
  MinutesService,
  type AddActionItemInput,
  type AddAgendaItemInput,
  type ProposeDecisionInput,
  type ScheduleConferenceInput,
  type SetParticipantAttendsInput,
} from '@roundtable/conference';
import type { Actor } from '@roundtable/identity';
import { Clock } from '@roundtable/platform';
import { PlanAccess } from '@roundtable/plan';
import { atTenLocal, daysToNextWeekThursday, DEMO_TIME_ZONE, nextWeekThursdayAtTen } from './demo-calendar';
import { DemoDatesRepository } from './demo-dates.repository';

const TIME_ZONE = DEMO_TIME_ZONE;

interface DemoActors {
  sam: Actor;
  cm: Actor;
  md: Actor;
  housing: Actor;
  peer: Actor;
}

/**
 * Two conferences about Sam: one closed on a Thursday about two weeks ago (update, notes, perspectives side by
 * side, a decision Sam agreed to in the room, action items, and an amendment), and one next
 * week that Sam cannot attend, with their update already recorded.
 */
export async function seedDemoConferences(
  app: INestApplicationContext,
  participantId: string,
  goals: { homeGoalId: string; saferUseGoalId: string },
  who: DemoActors,
): Promise<void> {
  const conferences = app.get(ConferenceService, { strict: false });
  const agenda = app.get(AgendaService, { strict: false });
  const decisions = app.get(DecisionsService, { strict: false });
  const minutes = app.get(MinutesService, { strict: false });
  const dataSource = app.get(DataSource);
  const now = app.get(Clock).now().getTime();
  const team = [who.md.accountId, who.housing.accountId, who.peer.accountId];
  // 10:00 where the team works, whatever the offset of the day (tzdata changes included).
  const at = (days: number) => atTenLocal(new Date(now), days, TIME_ZONE).toISOString();
  // The seed acts as the case manager: pass the version as they see it (versions are per viewer).
  const cmLabels = (await app.get(PlanAccess, { strict: false }).viewer(who.cm, participantId)).labels;
  const version = async (id: string) =>
    conferenceVersionSeen(await dataSource.getRepository(ConferenceEntity).findOneByOrFail({ id }), cmLabels);
  const items = (conferenceId: string) =>
    dataSource.getRepository(AgendaItemEntity).find({ where: { conferenceId }, order: { sortKey: 'ASC' } });
  const topic = (actor: Actor, conferenceId: string, fields: Partial<AddAgendaItemInput>) =>
    agenda.addItem(actor, { conferenceId, body: '', notWithoutParticipant: false, ...fields } as AddAgendaItemInput);
  const note = (actor: Actor, agendaItemId: string, text: string) => agenda.addNote(actor, { agendaItemId, text });
  const perspective = (actor: Actor, agendaItemId: string, text: string) =>
    agenda.recordPerspective(actor, { agendaItemId, text });

  /** Alex schedules it with the whole team; Sam writes their own update, item 1 (rule 2). */
  const scheduleWithUpdate = async (
    fields: Pick<ScheduleConferenceInput, 'title' | 'scheduledFor' | 'participantAttends'>,
    text: string,
  ) => {
    const conferenceId = await conferences.schedule(who.cm, {
      participantId,
      timeZone: TIME_ZONE,
      teamMemberIds: team,
      ...fields,
    } as ScheduleConferenceInput);
    const [update] = await items(conferenceId);
    await conferences.recordParticipantUpdate(who.sam, {
      conferenceId,
      text,
      expectedVersion: update.version,
      writtenWithParticipant: false,
    });
    return { conferenceId, update };
  };

  // A Thursday two or so weeks ago (the team meets on Thursdays): Sam attended.
  const { conferenceId: past, update } = await scheduleWithUpdate(
    {
      title: 'Monthly care conference',
      scheduledFor: at(daysToNextWeekThursday(new Date(now), TIME_ZONE) - 21),
      participantAttends: true,
    },
    'The shelter bed has been steady. I want to talk about getting my own place with Biscuit first.',
  );
  // Alex invited Sam; Sam marked on their own phone that they would be there (rules 2, 3).
  await conferences.setParticipantAttends(who.sam, {
    conferenceId: past,
    attends: true,
    expectedVersion: await version(past),
  } as SetParticipantAttendsInput);
  const apartment = await topic(who.cm, past, { title: 'Apartment search', goalId: goals.homeGoalId });
  const evenings = await topic(who.sam, past, { title: 'Evenings are hard' });
  await conferences.start(who.cm, { conferenceId: past, expectedVersion: await version(past) });
  await note(who.cm, update.id, 'Sam’s update read first; Sam led this part.');
  await conferences.advance(who.cm, { conferenceId: past, expectedVersion: await version(past) });
  const countNote = await note(who.housing, apartment, 'Two units in range; one allows pets.');
  await perspective(who.sam, apartment, 'I want a place near the clinic. Biscuit comes with me or I don’t move.');
  await perspective(
    who.housing,
    apartment,
    'Pet-friendly units are rare near the clinic; widening the search east would double the options.',
  );
  await perspective(who.cm, apartment, 'Sam is ready to view units. Bus fare is the barrier, not motivation.');
  const busPass = await decisions.propose(who.cm, {
    agendaItemId: apartment,
    summary: 'Add a goal: a bus pass for getting to viewings',
    changeKind: DecisionChangeKind.ADD_GOAL,
    newGoal: {
      text: 'Get a monthly bus pass',
      domain: 'HOUSING',
      horizon: 'RIGHT_NOW',
      options: [],
      replacementStrategyIds: [],
    },
  } as ProposeDecisionInput);
  // Sam agreed in the room, on their own phone: staff never answer for them (rule 3).
  await decisions.answer(who.sam, {
    decisionId: busPass,
    agree: true,
    expectedVersion: 1,
    withParticipant: false,
    note: 'Yes — bus fare is what stops me.',
  });
  await decisions.addActionItem(who.housing, {
    agendaItemId: apartment,
    text: 'Book two viewings of pet-friendly units',
    assigneeAccountId: who.housing.accountId,
  } as AddActionItemInput);
  await decisions.addActionItem(who.cm, {
    agendaItemId: apartment,
    text: 'Bring ID to the viewings',
  } as AddActionItemInput);
  await conferences.advance(who.cm, { conferenceId: past, expectedVersion: await version(past) });
  await note(who.peer, evenings, 'Peer drop-in runs Tuesday and Thursday evenings; Sam may come along with me first.');
  await perspective(who.peer, evenings, 'Sam is already reaching out more; the evenings group could help.');
  await conferences.close(who.cm, { conferenceId: past, expectedVersion: await version(past) });
  await minutes.amend(who.housing, {
    conferenceId: past,
    targetId: countNote,
    text: 'Three units in range; two allow pets.',
    reason: 'Marcus rechecked the listings after the meeting',
  });
  // The meeting happened then (services stamp the seeding time).
  await new DemoDatesRepository(dataSource).backdateMeetingToSchedule(past);

  // Next week: Sam can't come, and has left their update.
  const { conferenceId: next } = await scheduleWithUpdate(
    {
      title: 'Care conference',
      // Thursday next week: the day Sam's update says they cannot come.
      scheduledFor: nextWeekThursdayAtTen(new Date(now)).toISOString(),
      participantAttends: false,
    },
    'I can’t come: I start at the food bank on Thursdays. The second viewing went well and Biscuit liked the yard.',
  );
  await topic(who.sam, next, { title: 'Moving costs', notWithoutParticipant: true });
  await topic(who.cm, next, { title: 'Naloxone refresher', goalId: goals.saferUseGoalId });
}
