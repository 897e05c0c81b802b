import { DataSource } from 'typeorm';
import {
  collectPlanEvents,
  countSqlStatements,
  DEMO_PASSWORD,
  errorCode,
  inviteSupportPerson,
  joinPlan,
  LIVE_FROM_NOW,
  signInDemoPeople,
  SocketPool,
  startTestApp,
  waitFor,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const PERSON = 'accountId displayName discipline attendeeKind isParticipant';
const CONFERENCE = `id title status version participantAttends localTime timeZone currentItemId minutesLocked warnings
  facilitator { ${PERSON} } attendees { ${PERSON} }
  agenda { id position kind title body label goalId notWithoutParticipant version writtenWithParticipant
    addedBy { displayName isParticipant } hiddenFrom { displayName } readers { displayName isParticipant }
    notes { id text label author { displayName isParticipant } languageHints { hints { term } suggestedLabel } }
    perspectives { id text discipline version author { displayName isParticipant } languageHints { hints { term } } }
    decisions { id status summary version }
    actionItems { id stepId text forParticipant targetDate assignee { displayName } } }
  amendments { id targetId text reason createdAt author { displayName } answersResponseId }
  responses { id kind text answer version answeredBy { displayName } }`;

interface Person {
  accountId: string;
  displayName: string;
  discipline: string | null;
  isParticipant: boolean;
}
interface Item {
  id: string;
  position: number;
  kind: string;
  title: string;
  body: string;
  label: string;
  notWithoutParticipant: boolean;
  version: number;
  writtenWithParticipant: boolean;
  addedBy: { displayName: string; isParticipant: boolean };
  hiddenFrom: { displayName: string }[];
  readers: { displayName: string; isParticipant: boolean }[];
  notes: {
    id: string;
    text: string;
    label: string;
    author: { displayName: string; isParticipant: boolean };
    languageHints: { hints: { term: string }[]; suggestedLabel: string | null } | null;
  }[];
  perspectives: {
    id: string;
    text: string;
    discipline: string | null;
    version: number;
    author: { displayName: string; isParticipant: boolean };
    languageHints: { hints: { term: string }[] } | null;
  }[];
  decisions: { id: string; status: string; summary: string; version: number }[];
  actionItems: {
    id: string;
    stepId: string;
    text: string;
    forParticipant: boolean;
    targetDate: string | null;
    assignee: { displayName: string } | null;
  }[];
}
interface ConferenceView {
  id: string;
  title: string;
  status: string;
  version: number;
  participantAttends: boolean;
  localTime: string;
  currentItemId: string | null;
  minutesLocked: boolean;
  warnings: string[];
  facilitator: Person;
  attendees: Person[];
  agenda: Item[];
  amendments: {
    id: string;
    targetId: string | null;
    text: string;
    reason: string;
    createdAt: string;
    author: { displayName: string };
    answersResponseId: string | null;
  }[];
  responses: {
    id: string;
    kind: string;
    text: string;
    answer: string | null;
    version: number;
    answeredBy: { displayName: string } | null;
  }[];
}

describe('care conferences: participant voice first, perspectives side by side, decisions the participant agrees to', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  let substanceGoalId: string;
  let housingGoalId: string;
  const pool = new SocketPool();
  const connect = (who: string) => pool.connect(t.url, as[who].accessToken);
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => {
    ({ participantId } = await signInDemoPeople(t.gql, ['cm', 'md', 'housing', 'peer', 'supervisor', 'sam'], as));
    const { plan } = await t.gql.data<{ plan: { goals: { id: string; text: string; label: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id text label } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    substanceGoalId = plan.goals.find((g) => g.label === 'SUBSTANCE_USE')!.id;
    housingGoalId = plan.goals.find((g) => g.label === 'HOUSING')!.id;
  });
  afterEach(() => {
    pool.closeAll();
  });
  afterAll(() => t.close());

  const token = (who: string) => ({ token: as[who].accessToken });
  const call = <T>(who: string, query: string, input: Record<string, unknown>) =>
    t.gql.data<T>(query, { input }, token(who));
  const tryCall = (who: string, query: string, input: Record<string, unknown>) =>
    t.gql.request(query, { input }, token(who));
  const view = (who: string, id: string) =>
    t.gql
      .data<{ conference: ConferenceView }>(
        `query C($id: ID!) { conference(id: $id) { ${CONFERENCE} } }`,
        { id },
        token(who),
      )
      .then((d) => d.conference);

  const SCHEDULE = `mutation S($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { ${CONFERENCE} } }`;
  const ADD_ITEM = `mutation A($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { ${CONFERENCE} } }`;
  const MOVE = `mutation M($input: MoveAgendaItemInput!) { moveAgendaItem(input: $input) { ${CONFERENCE} } }`;
  const UPDATE = `mutation U($input: RecordParticipantUpdateInput!) { recordParticipantUpdate(input: $input) { ${CONFERENCE} } }`;
  const START = `mutation S($input: ConferenceStepInput!) { startConference(input: $input) { ${CONFERENCE} } }`;
  const ADVANCE = `mutation A($input: AdvanceConferenceInput!) { advanceConference(input: $input) { ${CONFERENCE} } }`;
  const CLOSE = `mutation C($input: ConferenceStepInput!) { closeConference(input: $input) { ${CONFERENCE} } }`;
  const NAME_CO_FACILITATOR = `mutation N($input: NameCoFacilitatorInput!) { nameCoFacilitator(input: $input) { ${CONFERENCE} } }`;
  const NOTE = `mutation N($input: AddConferenceNoteInput!) { addConferenceNote(input: $input) { ${CONFERENCE} } }`;
  const PERSPECTIVE = `mutation P($input: RecordPerspectiveInput!) { recordPerspective(input: $input) { ${CONFERENCE} } }`;
  const PROPOSE = `mutation P($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id status version label } }`;
  const ANSWER = `mutation A($input: AnswerDecisionInput!) { answerDecision(input: $input) { id status version answeredLive resultingGoalId answeredBy { displayName } } }`;
  const AMEND = `mutation A($input: AmendMinutesInput!) { amendMinutes(input: $input) { ${CONFERENCE} } }`;
  const RESPOND = `mutation R($input: RespondToConferenceInput!) { respondToConference(input: $input) { ${CONFERENCE} } }`;
  const ANSWER_RESPONSE = `mutation A($input: AnswerParticipantResponseInput!) { answerParticipantResponse(input: $input) { ${CONFERENCE} } }`;
  const ACTION = `mutation A($input: AddActionItemInput!) { addActionItem(input: $input) { ${CONFERENCE} } }`;
  const INVITE = `mutation I($input: InviteToConferenceInput!) { inviteToConference(input: $input) { ${CONFERENCE} } }`;

  async function schedule(participantAttends = false, extra: Record<string, unknown> = {}): Promise<ConferenceView> {
    const ids = await teamIds();
    const { scheduleConference } = await call<{ scheduleConference: ConferenceView }>('cm', SCHEDULE, {
      participantId,
      title: 'Rounds with Sam',
      scheduledFor: '2026-12-03T18:30:00Z',
      // Los Angeles, not Vancouver: British Columbia keeps daylight time all year from
      // November 2026 (tzdata 2026e, in Node 24), so Vancouver's December offset depends on
      // the runtime's time-zone data.
      timeZone: 'America/Los_Angeles',
      participantAttends,
      teamMemberIds: [ids.md, ids.housing],
      ...extra,
    });
    return scheduleConference;
  }

  async function teamIds(): Promise<Record<string, string>> {
    return { cm: as.cm.account.id, md: as.md.account.id, housing: as.housing.account.id, peer: as.peer.account.id };
  }

  async function addItem(who: string, conferenceId: string, input: Record<string, unknown>): Promise<ConferenceView> {
    return (await call<{ addAgendaItem: ConferenceView }>(who, ADD_ITEM, { conferenceId, ...input })).addAgendaItem;
  }

  const itemTitled = (c: ConferenceView, title: string) => c.agenda.find((item) => item.title === title)!;

  /** Starts, moves on or closes the room as `who`, from the version they read. */
  async function startRoom(who: string, conferenceId: string, expectedVersion: number): Promise<ConferenceView> {
    return (await call<{ startConference: ConferenceView }>(who, START, { conferenceId, expectedVersion }))
      .startConference;
  }
  async function advanceRoom(who: string, conferenceId: string, expectedVersion: number): Promise<ConferenceView> {
    return (await call<{ advanceConference: ConferenceView }>(who, ADVANCE, { conferenceId, expectedVersion }))
      .advanceConference;
  }
  async function closeRoom(who: string, conferenceId: string, expectedVersion: number): Promise<ConferenceView> {
    return (await call<{ closeConference: ConferenceView }>(who, CLOSE, { conferenceId, expectedVersion }))
      .closeConference;
  }

  it('schedules in the conference’s own time zone, with the participant’s update as item 1 from the start', async () => {
    const conference = await schedule();
    expect(conference.localTime).toBe('2026-12-03 10:30');
    expect(conference.status).toBe('SCHEDULED');
    expect(conference.facilitator.displayName).toBe('Alex Rivera');
    expect(conference.attendees.map((a) => a.displayName).sort()).toEqual(
      ['Alex Rivera', 'Dr. Priya Natarajan', 'Marcus Lee'].sort(),
    );
    expect(conference.agenda).toHaveLength(1);
    expect(conference.agenda[0]).toMatchObject({ position: 1, kind: 'PARTICIPANT_UPDATE', body: '' });
    expect(conference.agenda[0].addedBy.isParticipant).toBe(true);
  });

  it('the demo has a closed conference with minutes and an amendment, and an upcoming one with Sam’s update', async () => {
    const { conferences } = await t.gql.data<{ conferences: ConferenceView[] }>(
      `query C($id: ID!) { conferences(participantId: $id) { ${CONFERENCE} } }`,
      { id: participantId },
      token('sam'),
    );
    const demo = conferences.filter((c) => ['Monthly care conference', 'Care conference'].includes(c.title));
    const [upcoming, past] = demo;
    expect(past).toMatchObject({ status: 'CLOSED', minutesLocked: true, participantAttends: true });
    expect(past.agenda[0].body).toMatch(/own place with Biscuit/);
    expect(past.agenda.flatMap((i) => i.notes)).not.toHaveLength(0);
    expect(itemTitled(past, 'Apartment search').perspectives.map((p) => p.author.displayName)).toEqual([
      'Sam',
      'Marcus Lee',
      'Alex Rivera',
    ]);
    expect(itemTitled(past, 'Apartment search').decisions[0].status).toBe('AGREED');
    expect(itemTitled(past, 'Apartment search').actionItems).toHaveLength(2);
    expect(past.amendments).toEqual([expect.objectContaining({ text: 'Three units in range; two allow pets.' })]);
    expect(upcoming).toMatchObject({ status: 'SCHEDULED', participantAttends: false });
    expect(upcoming.agenda[0]).toMatchObject({ position: 1, kind: 'PARTICIPANT_UPDATE' });
    expect(upcoming.agenda[0].body).toMatch(/food bank/);
    // Marcus (housing) does not see the naloxone item; Alex is warned about it.
    const housingView = await view('housing', upcoming.id);
    expect(housingView.agenda.map((i) => i.title)).toEqual([upcoming.agenda[0].title, 'Moving costs']);
    expect((await view('cm', upcoming.id)).warnings.join(' ')).toMatch(/Naloxone refresher.*Marcus Lee/);
  });

  it('support persons come at the participant’s invitation, and see only what is shared with them', async () => {
    const conference = await schedule();
    const friend = await inviteSupportPerson(t.gql, as.sam.accessToken, participantId, 'jordan-friend');
    expect(errorCode(await tryCall('cm', INVITE, { conferenceId: conference.id, accountId: friend.account.id }))).toBe(
      'FORBIDDEN',
    );
    const invited = await call<{ inviteToConference: ConferenceView }>('sam', INVITE, {
      conferenceId: conference.id,
      accountId: friend.account.id,
    });
    expect(invited.inviteToConference.attendees.find((a) => a.displayName === 'jordan-friend')).toMatchObject({
      attendeeKind: 'SUPPORT_PERSON',
    });
    // Once general content is shared they see when it is, and the agenda as far as it is shared.
    const friendView = () =>
      t.gql
        .data<{ conference: { localTime: string; agenda: { kind: string; body: string }[] } }>(
          'query C($id: ID!) { conference(id: $id) { localTime agenda { kind body } } }',
          { id: conference.id },
          { token: friend.accessToken },
        )
        .then((d) => d.conference);
    // Nothing shared yet: the conference answers like an unknown one (its title is general content).
    expect(
      errorCode(
        await t.gql.request(
          'query C($id: ID!) { conference(id: $id) { id } }',
          { id: conference.id },
          { token: friend.accessToken },
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(invited.inviteToConference.agenda[0].hiddenFrom.map((p) => p.displayName)).toEqual(['jordan-friend']);
    await t.gql.data(
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      {
        input: {
          participantId,
          label: 'GENERAL',
          accountId: friend.account.id,
          includesFutureMembers: false,
          endsAt: '2027-06-01T00:00:00Z',
        },
      },
      token('sam'),
    );
    expect(await friendView()).toEqual({
      localTime: '2026-12-03 10:30',
      agenda: [{ kind: 'PARTICIPANT_UPDATE', body: '' }],
    });
    // Someone outside the team cannot be invited.
    const { me } = await t.gql.data<{ me: { id: string } }>('{ me { id } }', {}, token('supervisor'));
    expect(errorCode(await tryCall('cm', INVITE, { conferenceId: conference.id, accountId: me.id }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses a time zone that does not exist and team members from elsewhere, naming the field', async () => {
    const bad = await tryCall('cm', SCHEDULE, {
      participantId,
      title: 'x',
      scheduledFor: '2026-12-03T18:30:00Z',
      timeZone: 'Mars/Olympus',
      participantAttends: true,
    });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad)).toMatch(/input.timeZone/);
    const { me } = await t.gql.data<{ me: { id: string } }>('{ me { id } }', {}, token('supervisor'));
    const outsider = await tryCall('cm', SCHEDULE, {
      participantId,
      title: 'x',
      scheduledFor: '2026-12-03T18:30:00Z',
      timeZone: 'UTC',
      participantAttends: true,
      teamMemberIds: [me.id],
    });
    expect(errorCode(outsider)).toBe('BAD_USER_INPUT');
  });

  it('item 1 is always the participant’s update, for every attendee, however the agenda is changed', async () => {
    const conference = await schedule();
    await addItem('cm', conference.id, { title: 'Housing application' });
    await addItem('md', conference.id, { title: 'Medication review' });
    const withTopics = await addItem('sam', conference.id, { title: 'What I want to talk about' });
    const update = withTopics.agenda[0];

    // Nothing moves above it, and it never moves.
    const moved = await call<{ moveAgendaItem: ConferenceView }>('cm', MOVE, {
      agendaItemId: itemTitled(withTopics, 'What I want to talk about').id,
      expectedVersion: 1,
    });
    expect(moved.moveAgendaItem.agenda.map((i) => i.title)).toEqual([
      update.title,
      'What I want to talk about',
      'Housing application',
      'Medication review',
    ]);
    expect(
      errorCode(
        await tryCall('cm', MOVE, {
          agendaItemId: update.id,
          afterItemId: itemTitled(withTopics, 'Medication review').id,
          expectedVersion: 1,
        }),
      ),
    ).toBe('FORBIDDEN');

    // The participant records the update beforehand and sees who will read it.
    const recorded = await call<{ recordParticipantUpdate: ConferenceView }>('sam', UPDATE, {
      conferenceId: conference.id,
      text: 'Biscuit and I are okay. I want to talk about the apartment first.',
      expectedVersion: update.version,
    });
    const mine = recorded.recordParticipantUpdate.agenda[0];
    expect(mine.body).toMatch(/Biscuit and I are okay/);
    expect(mine.readers.map((r) => r.displayName)).toEqual(
      expect.arrayContaining(['Alex Rivera', 'Dr. Priya Natarajan', 'Marcus Lee']),
    );
    // A team member may not write it as theirs.
    expect(
      errorCode(
        await tryCall('cm', UPDATE, { conferenceId: conference.id, text: 'Doing fine', expectedVersion: mine.version }),
      ),
    ).toBe('FORBIDDEN');

    for (const who of ['sam', 'cm', 'md', 'housing']) {
      const seen = await view(who, conference.id);
      expect(seen.agenda[0]).toMatchObject({ position: 1, kind: 'PARTICIPANT_UPDATE' });
      expect(seen.agenda[0].body).toMatch(/Biscuit and I are okay/);
    }

    // The database holds the line too: no topic can take sort position 0.
    await expect(
      t.app
        .get(DataSource)
        .query("UPDATE agenda_item SET sort_key = 0 WHERE conference_id = $1 AND kind = 'TOPIC'", [conference.id]),
    ).rejects.toThrow();
  });

  it('a housing attendee never sees a substance-use item, its notes or its live moves; the facilitator is warned', async () => {
    const conference = await schedule(true);
    await addItem('cm', conference.id, { title: 'Apartment viewing', goalId: housingGoalId });
    const withSu = await addItem('cm', conference.id, { title: 'Never using alone', goalId: substanceGoalId });
    const suItem = itemTitled(withSu, 'Never using alone');
    expect(suItem.label).toBe('SUBSTANCE_USE');
    expect(suItem.hiddenFrom.map((p) => p.displayName)).toEqual(['Marcus Lee']);
    expect(withSu.warnings.join(' ')).toMatch(/Never using alone.*Marcus Lee.*still hear it/);

    const housingSocket = await connect('housing');
    const cmSocket = await connect('cm');
    const housingEvents = collectPlanEvents(housingSocket);
    const cmEvents = collectPlanEvents(cmSocket);
    await joinPlan(housingSocket, participantId, { GENERAL: 1e6, HOUSING: 1e6 });
    await joinPlan(cmSocket, participantId, LIVE_FROM_NOW);

    let current = await startRoom('cm', conference.id, conference.version);
    current = await advanceRoom('cm', conference.id, current.version);
    current = await advanceRoom('cm', conference.id, current.version);
    expect(current.currentItemId).toBe(suItem.id);
    await call('md', NOTE, { agendaItemId: suItem.id, text: 'Sam has naloxone and a buddy for weekends.' });
    await waitFor(() => cmEvents.some((e) => e.type === 'CONFERENCE_NOTE_ADDED'));
    expect(cmEvents.find((e) => e.type === 'AGENDA_ADVANCED' && e.itemId === suItem.id)?.summary).toMatch(
      /Now discussing: Never using alone — not on the screen of Marcus Lee; they will still hear it/,
    );

    // A later general event proves the housing socket has caught up; nothing substance-use reached it.
    await call('cm', ADD_ITEM, { conferenceId: conference.id, title: 'Anything else' });
    await waitFor(() => housingEvents.some((e) => e.summary.includes('Anything else')));
    expect(housingEvents.every((e) => e.label === 'GENERAL' || e.label === 'HOUSING')).toBe(true);
    expect(JSON.stringify(housingEvents)).not.toMatch(/naloxone|Never using alone|SUBSTANCE/);

    const seen = await view('housing', conference.id);
    expect(seen.agenda.map((i) => i.title)).not.toContain('Never using alone');
    expect(seen.agenda.map((i) => i.position)).toEqual(seen.agenda.map((_, index) => index + 1));
    // While the room is on the hidden item, the housing screen stays on the last item it could see.
    expect(seen.currentItemId).toBe(itemTitled(withSu, 'Apartment viewing').id);
    expect(JSON.stringify(seen)).not.toMatch(/naloxone|Never using alone|SUBSTANCE_USE/);
    expect(seen.warnings).toEqual([]);
    // Its id answers like an unknown one.
    expect(errorCode(await tryCall('housing', NOTE, { agendaItemId: suItem.id, text: 'hello' }))).toBe('NOT_FOUND');
    // The timeline agrees.
    const { timeline } = await t.gql.data<{ timeline: { edges: { node: { summary: string } }[] } }>(
      'query T($id: ID!) { timeline(participantId: $id, first: 100) { edges { node { summary } } } }',
      { id: participantId },
      token('housing'),
    );
    expect(JSON.stringify(timeline)).not.toMatch(/naloxone|Never using alone/);
  });

  it('the participant reads every note and perspective about them, under every label', async () => {
    const conference = await schedule();
    await addItem('cm', conference.id, { title: 'Housing', goalId: housingGoalId });
    const c = await addItem('md', conference.id, { title: 'Safer use', goalId: substanceGoalId });
    await call('cm', NOTE, { agendaItemId: itemTitled(c, 'Housing').id, text: 'Viewing on Tuesday.' });
    await call('housing', NOTE, { agendaItemId: itemTitled(c, 'Housing').id, text: 'Landlord accepts pets.' });
    await call('md', NOTE, { agendaItemId: itemTitled(c, 'Safer use').id, text: 'Fentanyl test strips restocked.' });
    await call('md', PERSPECTIVE, { agendaItemId: itemTitled(c, 'Safer use').id, text: 'Doing well on the plan.' });

    const sams = await view('sam', conference.id);
    const notes = sams.agenda.flatMap((item) => item.notes.map((n) => n.text));
    expect(notes.sort()).toEqual(['Fentanyl test strips restocked.', 'Landlord accepts pets.', 'Viewing on Tuesday.']);
    expect(sams.agenda.flatMap((i) => i.perspectives.map((p) => p.text))).toEqual(['Doing well on the plan.']);
    // Nothing in the database about this conference is missing from the participant's view.
    const [{ count }] = await t.app
      .get(DataSource)
      .query('SELECT count(*)::int AS count FROM conference_note WHERE conference_id = $1', [conference.id]);
    expect(notes).toHaveLength(count);
  });

  it('perspectives sit side by side on their own cards, the participant’s first; staff text gets language hints', async () => {
    const conference = await schedule(true);
    const c = await addItem('cm', conference.id, { title: 'Housing', goalId: housingGoalId });
    const itemId = itemTitled(c, 'Housing').id;
    await call('cm', PERSPECTIVE, { agendaItemId: itemId, text: 'He has been non-compliant with viewings.' });
    t.clock.advance(1000);
    await call('housing', PERSPECTIVE, {
      agendaItemId: itemId,
      text: 'Two viewings missed; the units were far from the clinic.',
    });
    t.clock.advance(1000);
    const withMine = await call<{ recordPerspective: ConferenceView }>('sam', PERSPECTIVE, {
      agendaItemId: itemId,
      text: 'I missed them because I had no bus fare. I am not non-compliant.',
    });
    const cards = itemTitled(withMine.recordPerspective, 'Housing').perspectives;
    expect(cards.map((card) => card.author.displayName)).toEqual(['Sam', 'Alex Rivera', 'Marcus Lee']);
    expect(cards[0]).toMatchObject({ discipline: null, languageHints: null });
    expect(cards[1].discipline).toBe('CASE_MANAGEMENT');
    expect(cards[1].languageHints!.hints.map((h) => h.term.toLowerCase())).toContain('non-compliant');
    expect(cards[2].discipline).toBe('HOUSING');

    // Changing your card needs its version; nobody else's card changes.
    const cmCard = cards[1];
    expect(errorCode(await tryCall('cm', PERSPECTIVE, { agendaItemId: itemId, text: 'Missed viewings.' }))).toBe(
      'BAD_USER_INPUT',
    );
    const changed = await call<{ recordPerspective: ConferenceView }>('cm', PERSPECTIVE, {
      agendaItemId: itemId,
      text: 'Missed two viewings; bus fare is the barrier.',
      expectedVersion: cmCard.version,
    });
    const after = itemTitled(changed.recordPerspective, 'Housing').perspectives;
    expect(after.map((card) => card.text)).toEqual([
      'I missed them because I had no bus fare. I am not non-compliant.',
      'Missed two viewings; bus fare is the barrier.',
      'Two viewings missed; the units were far from the clinic.',
    ]);
  });

  it('a decision changes the plan only after the participant agrees; declining changes nothing', async () => {
    const conference = await schedule(false);
    const c = await addItem('cm', conference.id, { title: 'Income', goalId: housingGoalId });
    const itemId = itemTitled(c, 'Income').id;
    const goalText = 'Open a bank account for the rent deposit';
    const proposed = (
      await call<{ proposeDecision: { id: string; status: string; version: number } }>('cm', PROPOSE, {
        agendaItemId: itemId,
        summary: 'Add a goal to open a bank account',
        changeKind: 'ADD_GOAL',
        newGoal: { text: goalText, domain: 'INCOME' },
      })
    ).proposeDecision;
    expect(proposed.status).toBe('WAITING_FOR_PARTICIPANT');
    const goals = async () =>
      (
        await t.gql.data<{ plan: { goals: { id: string; text: string; lifecycle: string }[] } }>(
          'query P($id: ID!) { plan(participantId: $id) { goals { id text lifecycle } } }',
          { id: participantId },
          token('sam'),
        )
      ).plan.goals;
    expect((await goals()).map((g) => g.text)).not.toContain(goalText);

    // Not attending: it waits in the participant's plan; a team member cannot answer for them:
    // what they write down "with" the participant only waits beside it (rule 3).
    const { waitingForYou } = await t.gql.data<{ waitingForYou: { decisionsToAnswer: { id: string }[] } }>(
      '{ waitingForYou { decisionsToAnswer { id } } }',
      {},
      token('sam'),
    );
    expect(waitingForYou.decisionsToAnswer.map((d) => d.id)).toContain(proposed.id);
    const byStaff = await call<{ answerDecision: { status: string } }>('cm', ANSWER, {
      decisionId: proposed.id,
      agree: true,
      expectedVersion: 1,
      withParticipant: true,
    });
    expect(byStaff.answerDecision.status).toBe('WAITING_FOR_PARTICIPANT');
    expect((await goals()).map((g) => g.text)).not.toContain(goalText);

    const agreed = await call<{ answerDecision: { status: string; resultingGoalId: string; answeredLive: boolean } }>(
      'sam',
      ANSWER,
      {
        decisionId: proposed.id,
        agree: true,
        expectedVersion: proposed.version,
      },
    );
    expect(agreed.answerDecision).toMatchObject({ status: 'AGREED', answeredLive: false });
    const added = (await goals()).find((g) => g.text === goalText)!;
    expect(added).toMatchObject({ id: agreed.answerDecision.resultingGoalId, lifecycle: 'ACTIVE' });
    expect(errorCode(await tryCall('sam', ANSWER, { decisionId: proposed.id, agree: false, expectedVersion: 2 }))).toBe(
      'BAD_USER_INPUT',
    );

    // Declined: the goal stays as it was.
    const hold = (
      await call<{ proposeDecision: { id: string; version: number } }>('cm', PROPOSE, {
        agendaItemId: itemId,
        summary: 'Put the housing goal on hold for now',
        changeKind: 'SET_GOAL_LIFECYCLE',
        goalId: housingGoalId,
        lifecycle: 'ON_HOLD',
      })
    ).proposeDecision;
    await call('sam', ANSWER, {
      decisionId: hold.id,
      agree: false,
      expectedVersion: hold.version,
      note: 'I want to keep looking.',
    });
    expect((await goals()).find((g) => g.id === housingGoalId)!.lifecycle).toBe('ACTIVE');
  });

  it('live, with the participant in the room, their agreement is theirs: a team member records it only with their co-sign', async () => {
    const conference = await schedule(true);
    const c = await addItem('cm', conference.id, { title: 'Housing', goalId: housingGoalId });
    const proposed = (
      await call<{ proposeDecision: { id: string; version: number } }>('cm', PROPOSE, {
        agendaItemId: itemTitled(c, 'Housing').id,
        summary: 'Housing goal achieved: Sam signed the lease',
        changeKind: 'SET_GOAL_LIFECYCLE',
        goalId: housingGoalId,
        lifecycle: 'ACHIEVED',
      })
    ).proposeDecision;
    // Before the room opens (and in it), a team member's "agree" only waits for the participant.
    const beforeStart = await call<{ answerDecision: { status: string } }>('cm', ANSWER, {
      decisionId: proposed.id,
      agree: true,
      expectedVersion: 1,
      withParticipant: true,
    });
    expect(beforeStart.answerDecision.status).toBe('WAITING_FOR_PARTICIPANT');
    const started = await startRoom('cm', conference.id, c.version);
    // Staff scheduling "attends" was an invitation: Sam marks their own presence.
    expect(started.participantAttends).toBe(false);
    await call(
      'sam',
      'mutation A($input: SetParticipantAttendsInput!) { setParticipantAttends(input: $input) { id } }',
      {
        conferenceId: conference.id,
        attends: true,
        expectedVersion: started.version,
      },
    );
    // Even in the room, a team member's "agree" waits for Sam...
    const waiting = await call<{ answerDecision: { status: string } }>('cm', ANSWER, {
      decisionId: proposed.id,
      agree: true,
      expectedVersion: proposed.version,
      withParticipant: true,
    });
    expect(waiting.answerDecision.status).toBe('WAITING_FOR_PARTICIPANT');
    // ...unless Sam co-signs it on the team member's screen (their own passphrase).
    const answered = await call<{
      answerDecision: { status: string; answeredLive: boolean; answeredBy: { displayName: string } };
    }>('cm', ANSWER, {
      decisionId: proposed.id,
      agree: true,
      expectedVersion: proposed.version,
      withParticipant: true,
      coSign: { passphrase: DEMO_PASSWORD },
    });
    expect(answered.answerDecision).toMatchObject({
      status: 'AGREED',
      answeredLive: true,
      answeredBy: { displayName: 'Alex Rivera' },
    });
    const { plan } = await t.gql.data<{ plan: { goals: { id: string; lifecycle: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id lifecycle } } }',
      { id: participantId },
      token('sam'),
    );
    expect(plan.goals.find((g) => g.id === housingGoalId)!.lifecycle).toBe('ACHIEVED');
  });

  it('“not without me”: only the participant marks it, and the room skips it while they are absent', async () => {
    const conference = await schedule(false);
    expect(
      errorCode(
        await tryCall('cm', ADD_ITEM, { conferenceId: conference.id, title: 'Family', notWithoutParticipant: true }),
      ),
    ).toBe('FORBIDDEN');
    await addItem('sam', conference.id, { title: 'My family', notWithoutParticipant: true });
    const c = await addItem('cm', conference.id, { title: 'Benefits' });
    const family = itemTitled(c, 'My family');
    expect(family.notWithoutParticipant).toBe(true);

    let current = await startRoom('cm', conference.id, c.version);
    current = await advanceRoom('cm', conference.id, current.version);
    expect(current.currentItemId).toBe(itemTitled(c, 'Benefits').id);
    expect(
      errorCode(
        await tryCall('cm', ADVANCE, {
          conferenceId: conference.id,
          expectedVersion: current.version,
          toItemId: family.id,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await tryCall('cm', NOTE, { agendaItemId: family.id, text: 'Sister called.' }))).toBe('FORBIDDEN');
  });

  it('action items become plan steps for a team member or the participant', async () => {
    const conference = await schedule(true);
    const c = await addItem('cm', conference.id, { title: 'Apartment', goalId: housingGoalId });
    const itemId = itemTitled(c, 'Apartment').id;
    await call('cm', ACTION, {
      agendaItemId: itemId,
      text: 'Call the landlord about Biscuit',
      assigneeAccountId: as.housing.account.id,
      targetDate: '2026-12-10',
    });
    const withBoth = await call<{ addActionItem: ConferenceView }>('cm', ACTION, {
      agendaItemId: itemId,
      text: 'Bring ID to the viewing',
    });
    const actions = itemTitled(withBoth.addActionItem, 'Apartment').actionItems;
    // The target date reads back as the day it was given (a raw SQL date must not become a timestamp).
    expect(actions.map((a) => [a.text, a.assignee?.displayName ?? null, a.forParticipant, a.targetDate])).toEqual([
      ['Call the landlord about Biscuit', 'Marcus Lee', false, '2026-12-10'],
      ['Bring ID to the viewing', null, true, null],
    ]);
    const { plan } = await t.gql.data<{
      plan: { goals: { id: string; steps: { id: string; text: string; label: string }[] }[] };
    }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id steps { id text label } } } }',
      { id: participantId },
      token('sam'),
    );
    const steps = plan.goals.find((g) => g.id === housingGoalId)!.steps;
    expect(steps.map((s) => s.id)).toEqual(expect.arrayContaining(actions.map((a) => a.stepId)));
  });

  it('closing locks the minutes: edits are refused (in the API and the database); amendments append with author, time and reason', async () => {
    const conference = await schedule(true);
    const c = await addItem('cm', conference.id, { title: 'Housing', goalId: housingGoalId });
    const itemId = itemTitled(c, 'Housing').id;
    const noted = await call<{ addConferenceNote: ConferenceView }>('cm', NOTE, {
      agendaItemId: itemId,
      text: 'Viewing booked for the 12th.',
    });
    const note = itemTitled(noted.addConferenceNote, 'Housing').notes[0];
    const closed = await closeRoom('cm', conference.id, noted.addConferenceNote.version);
    expect(closed).toMatchObject({ status: 'CLOSED', minutesLocked: true });

    const refused = [
      await tryCall('cm', NOTE, { agendaItemId: itemId, text: 'One more thing' }),
      await tryCall('cm', PERSPECTIVE, { agendaItemId: itemId, text: 'My view' }),
      await tryCall('cm', ADD_ITEM, { conferenceId: conference.id, title: 'Late topic' }),
      await tryCall('cm', MOVE, { agendaItemId: itemId, expectedVersion: 1 }),
      await tryCall('sam', UPDATE, {
        conferenceId: conference.id,
        text: 'changed',
        expectedVersion: closed.agenda[0].version,
      }),
      await tryCall('cm', PROPOSE, { agendaItemId: itemId, summary: 'Late decision' }),
      await tryCall('cm', ACTION, { agendaItemId: itemId, text: 'Late step' }),
    ];
    expect(refused.map(errorCode)).toEqual(Array(refused.length).fill('FORBIDDEN'));
    await expect(
      t.app.get(DataSource).query('UPDATE conference_note SET text = $2 WHERE id = $1', [note.id, 'rewritten']),
    ).rejects.toThrow(/closed/);
    await expect(
      t.app.get(DataSource).query(
        `INSERT INTO decision (conference_id, participant_id, agenda_item_id, label, summary, change_kind, status, proposed_by, proposed_at)
           SELECT conference_id, participant_id, id, label, 'late', 'RECORD_ONLY', 'WAITING_FOR_PARTICIPANT', added_by, now() FROM agenda_item WHERE id = $1`,
        [itemId],
      ),
    ).rejects.toThrow(/closed/);

    // The participant asks for a correction; the team amends and that answers the request.
    const asked = await call<{ respondToConference: ConferenceView }>('sam', RESPOND, {
      conferenceId: conference.id,
      kind: 'CORRECTION_REQUEST',
      targetId: note.id,
      text: 'The viewing is on the 14th, not the 12th.',
    });
    const request = asked.respondToConference.responses[0];
    expect(errorCode(await tryCall('cm', RESPOND, { conferenceId: conference.id, kind: 'FEEDBACK', text: 'x' }))).toBe(
      'FORBIDDEN',
    );
    t.clock.advance(60_000);
    const amended = await call<{ amendMinutes: ConferenceView }>('cm', AMEND, {
      conferenceId: conference.id,
      targetId: note.id,
      text: 'Viewing booked for the 14th.',
      reason: 'Sam corrected the date',
      answersResponseId: request.id,
    });
    const after = amended.amendMinutes;
    expect(itemTitled(after, 'Housing').notes[0].text).toBe('Viewing booked for the 12th.');
    expect(after.amendments).toEqual([
      expect.objectContaining({
        targetId: note.id,
        text: 'Viewing booked for the 14th.',
        reason: 'Sam corrected the date',
        author: { displayName: 'Alex Rivera' },
      }),
    ]);
    expect(after.responses[0].answer).toMatch(/14th/);
    await expect(
      t.app
        .get(DataSource)
        .query('UPDATE minutes_amendment SET text = $2 WHERE id = $1', [after.amendments[0].id, 'x']),
    ).rejects.toThrow(/append-only/);

    // Feedback, answered with what we changed.
    const fed = await call<{ respondToConference: ConferenceView }>('sam', RESPOND, {
      conferenceId: conference.id,
      kind: 'FEEDBACK',
      text: 'Too many people talked at once.',
    });
    const feedback = fed.respondToConference.responses.find((r) => r.kind === 'FEEDBACK')!;
    const answered = await call<{ answerParticipantResponse: ConferenceView }>('cm', ANSWER_RESPONSE, {
      responseId: feedback.id,
      answer: 'Next time one person speaks at a time and we check in with you after each item.',
      expectedVersion: feedback.version,
    });
    expect(answered.answerParticipantResponse.responses.find((r) => r.id === feedback.id)).toMatchObject({
      answer: expect.stringMatching(/one person speaks/),
      answeredBy: { displayName: 'Alex Rivera' },
    });
    // Amending open minutes is refused: add a note instead.
    const open = await schedule();
    expect(errorCode(await tryCall('cm', AMEND, { conferenceId: open.id, text: 'x', reason: 'y' }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('rounds: each participant on the day’s list with their own update first, wins since last time, open decisions and progress', async () => {
    const earlier = await schedule(false, { scheduledFor: '2026-12-01T17:00:00Z' });
    const closed = await closeRoom('cm', earlier.id, earlier.version);
    expect(closed.status).toBe('CLOSED');
    t.clock.advance(60_000);
    await t.gql.data(
      'mutation W($input: ProposeWinInput!) { proposeWin(input: $input) { id } }',
      { input: { participantId, text: 'Walked Biscuit every day this week' } },
      token('peer'),
    );
    // Late evening in Los Angeles is already the next day in UTC: the team's day decides.
    const today = await schedule(false, { scheduledFor: '2026-12-16T06:30:00Z', title: 'Evening rounds' });
    await call('sam', UPDATE, {
      conferenceId: today.id,
      text: 'Good week. Biscuit is well.',
      expectedVersion: today.agenda[0].version,
    });
    const c = await addItem('cm', today.id, { title: 'Benefits' });
    await call('cm', PROPOSE, { agendaItemId: itemTitled(c, 'Benefits').id, summary: 'Apply for the rent supplement' });

    const ROUNDS = `query R($date: String!, $tz: String!) { roundsSummary(date: $date, timeZone: $tz) {
      conference { id title localTime } participantUpdate { position body }
      winsSinceLastConference { text } openDecisions { summary status }
      progress { domains { domain } } } }`;
    type Rounds = {
      roundsSummary: {
        conference: { id: string; title: string; localTime: string };
        participantUpdate: { position: number; body: string } | null;
        winsSinceLastConference: { text: string }[];
        openDecisions: { summary: string; status: string }[];
        progress: { domains: { domain: string }[] };
      }[];
    };
    const { roundsSummary } = await t.gql.data<Rounds>(
      ROUNDS,
      { date: '2026-12-15', tz: 'America/Los_Angeles' },
      token('cm'),
    );
    const entry = roundsSummary.find((e) => e.conference.id === today.id)!;
    expect(entry.conference.localTime).toBe('2026-12-15 22:30');
    expect(entry.participantUpdate).toEqual({ position: 1, body: 'Good week. Biscuit is well.' });
    expect(entry.winsSinceLastConference.map((w) => w.text)).toEqual(['Walked Biscuit every day this week']);
    expect(entry.openDecisions.map((d) => d.summary)).toContain('Apply for the rent supplement');
    expect(entry.progress.domains.length).toBeGreaterThan(0);
    // Someone not on the team sees nobody on the list; a bad day or zone is refused.
    const other = await t.gql.data<Rounds>(
      ROUNDS,
      { date: '2026-12-15', tz: 'America/Los_Angeles' },
      token('supervisor'),
    );
    expect(other.roundsSummary).toEqual([]);
    expect(errorCode(await t.gql.request(ROUNDS, { date: '15/12/2026', tz: 'America/Los_Angeles' }, token('cm')))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await t.gql.request(ROUNDS, { date: '2026-12-15', tz: 'Nowhere/Land' }, token('cm')))).toBe(
      'BAD_USER_INPUT',
    );
    const participantView = await t.gql.data<Rounds>(
      ROUNDS,
      { date: '2026-12-15', tz: 'America/Los_Angeles' },
      token('sam'),
    );
    expect(participantView.roundsSummary.map((e) => e.conference.id)).toContain(today.id);
  });

  it('reading a conference costs the same number of SQL statements with 1 topic or 20 topics and 40 notes', async () => {
    const conference = await schedule(true);
    const first = await addItem('cm', conference.id, { title: 'Topic 0' });
    await call('cm', NOTE, { agendaItemId: itemTitled(first, 'Topic 0').id, text: 'Note 0' });
    const count = () => countSqlStatements(t.app, () => view('sam', conference.id));
    const before = await count();
    for (let i = 1; i < 20; i++) {
      const c = await addItem(i % 2 ? 'md' : 'cm', conference.id, {
        title: `Topic ${i}`,
        goalId: i % 3 ? undefined : housingGoalId,
      });
      const itemId = itemTitled(c, `Topic ${i}`).id;
      await call('md', NOTE, { agendaItemId: itemId, text: `Note ${i}a` });
      await call('housing', PERSPECTIVE, { agendaItemId: itemId, text: `View ${i}` });
      if (i % 2) await call('cm', NOTE, { agendaItemId: itemId, text: `Note ${i}b` });
    }
    const after = await count();
    expect(before).toBeGreaterThan(0);
    expect(after).toBe(before);
    console.log(`conference read: ${after} SQL statements (1 topic and 20 topics alike)`);
  });

  it('what is derived from an item follows it when it becomes stricter: the goal, then the agenda item and its notes', async () => {
    const conference = await schedule(true);
    const c = await addItem('cm', conference.id, { title: 'Apartment', goalId: housingGoalId });
    const itemId = itemTitled(c, 'Apartment').id;
    await call('cm', NOTE, { agendaItemId: itemId, text: 'Landlord wants a reference.' });
    expect((await view('housing', conference.id)).agenda.map((i) => i.title)).toContain('Apartment');
    const { plan } = await t.gql.data<{ plan: { goals: { id: string; version: number }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id version } } }',
      { id: participantId },
      token('sam'),
    );
    // Sam names a substance in the goal: it becomes substance-use content, and so does what was said about it.
    await call('sam', 'mutation U($input: UpdateGoalInput!) { updateGoal(input: $input) { id label } }', {
      goalId: housingGoalId,
      substance: 'alcohol',
      expectedVersion: plan.goals.find((g) => g.id === housingGoalId)!.version,
    });
    const housing = await view('housing', conference.id);
    expect(JSON.stringify(housing)).not.toMatch(/Apartment|Landlord wants a reference/);
    const sams = await view('sam', conference.id);
    expect(itemTitled(sams, 'Apartment')).toMatchObject({ label: 'SUBSTANCE_USE' });
    expect(itemTitled(sams, 'Apartment').notes.map((n) => n.label)).toEqual(['SUBSTANCE_USE']);
  });

  it('a team member cannot loosen the label the participant chose for their update, nor declare them present', async () => {
    const conference = await schedule(false);
    const recorded = await call<{ recordParticipantUpdate: ConferenceView }>('sam', UPDATE, {
      conferenceId: conference.id,
      text: 'My mood has been low.',
      label: 'MENTAL_HEALTH',
      expectedVersion: conference.agenda[0].version,
    });
    const update = recorded.recordParticipantUpdate.agenda[0];
    expect((await view('housing', conference.id)).agenda.map((i) => i.kind)).not.toContain('PARTICIPANT_UPDATE');
    const loosened = await tryCall('cm', UPDATE, {
      conferenceId: conference.id,
      text: 'Mood low.',
      label: 'GENERAL',
      writtenWithParticipant: true,
      expectedVersion: update.version,
    });
    expect(errorCode(loosened)).toBe('BAD_USER_INPUT');

    const started = await startRoom('cm', conference.id, recorded.recordParticipantUpdate.version);
    const ATTENDS =
      'mutation A($input: SetParticipantAttendsInput!) { setParticipantAttends(input: $input) { version participantAttends } }';
    // A team member's "attends" is only an invitation (rules 2, 3); their "not attending" is refused once started.
    const invited = await call<{ setParticipantAttends: { version: number; participantAttends: boolean } }>(
      'cm',
      ATTENDS,
      { conferenceId: conference.id, attends: true, expectedVersion: started.version },
    );
    expect(invited.setParticipantAttends.participantAttends).toBe(false);
    expect(
      errorCode(
        await tryCall('cm', ATTENDS, {
          conferenceId: conference.id,
          attends: false,
          expectedVersion: invited.setParticipantAttends.version,
        }),
      ),
    ).toBe('FORBIDDEN');
    const joined = await call<{ setParticipantAttends: { participantAttends: boolean } }>('sam', ATTENDS, {
      conferenceId: conference.id,
      attends: true,
      expectedVersion: invited.setParticipantAttends.version,
    });
    expect(joined.setParticipantAttends.participantAttends).toBe(true);
  });

  it('moving on from an item hidden from you goes forward, never back to the start', async () => {
    const conference = await schedule(true);
    await addItem('cm', conference.id, { title: 'Safer use', goalId: substanceGoalId });
    const c = await addItem('cm', conference.id, { title: 'Housing next' });
    // Only the facilitator and their co-facilitator move the room (issue 17): Alex names Marcus.
    const named = (
      await call<{ nameCoFacilitator: ConferenceView }>('cm', NAME_CO_FACILITATOR, {
        conferenceId: conference.id,
        accountId: as.housing.account.id,
      })
    ).nameCoFacilitator;
    let current = await startRoom('cm', conference.id, named.version);
    current = await advanceRoom('cm', conference.id, current.version);
    expect(current.currentItemId).toBe(itemTitled(c, 'Safer use').id);
    // Versions are per viewer: housing passes the version housing read.
    const moved = await advanceRoom('housing', conference.id, (await view('housing', conference.id)).version);
    expect(moved.currentItemId).toBe(itemTitled(c, 'Housing next').id);
  });

  it('refuses impossible days and times without an offset, naming the field', async () => {
    const ROUNDS = 'query R($d: String!) { roundsSummary(date: $d, timeZone: "UTC") { conference { id } } }';
    for (const d of ['2026-02-30', '0000-01-01', '2026-W48-1']) {
      expect(errorCode(await t.gql.request(ROUNDS, { d }, token('cm')))).toBe('BAD_USER_INPUT');
    }
    for (const scheduledFor of ['2026-12-03T10:30:00', '2026-W48-1', '2026-327']) {
      const bad = await tryCall('cm', SCHEDULE, {
        participantId,
        title: 'x',
        scheduledFor,
        timeZone: 'UTC',
        participantAttends: true,
      });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(bad)).toMatch(/input.scheduledFor/);
    }
    const step = await tryCall('cm', 'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }', {
      participantId,
      text: 'x',
      targetDate: '2026-W48-1',
    });
    expect(errorCode(step)).toBe('BAD_USER_INPUT');
  });

  it('a decision cannot move a goal that is still only a proposal', async () => {
    const conference = await schedule(true);
    const c = await addItem('cm', conference.id, { title: 'Income' });
    const { plan } = await t.gql.data<{ plan: { goals: { id: string; lifecycle: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id lifecycle } } }',
      { id: participantId },
      token('cm'),
    );
    const proposal = plan.goals.find((g) => g.lifecycle === 'PROPOSED')!;
    const refused = await tryCall('cm', PROPOSE, {
      agendaItemId: itemTitled(c, 'Income').id,
      summary: 'Make it active',
      changeKind: 'SET_GOAL_LIFECYCLE',
      goalId: proposal.id,
      lifecycle: 'ACTIVE',
    });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
  });

  it('the live room delivers agenda moves and notes to every attendee in the same order', async () => {
    const conference = await schedule(true);
    await addItem('cm', conference.id, { title: 'First topic' });
    const c = await addItem('cm', conference.id, { title: 'Second topic' });
    const who = ['sam', 'cm', 'md', 'housing'];
    const events: Record<string, ReturnType<typeof collectPlanEvents>> = {};
    for (const person of who) {
      const socket = await connect(person);
      events[person] = collectPlanEvents(socket);
      await joinPlan(socket, participantId, LIVE_FROM_NOW);
    }
    let version = c.version;
    const step = async (mutation: string, input: Record<string, unknown>, key: string) => {
      const result = await call<Record<string, ConferenceView>>('cm', mutation, {
        conferenceId: conference.id,
        expectedVersion: version,
        ...input,
      });
      version = result[key].version;
    };
    await step(START, {}, 'startConference');
    await call('sam', NOTE, { agendaItemId: c.agenda[0].id, text: 'I am here and okay.' });
    await step(ADVANCE, {}, 'advanceConference');
    await call('md', NOTE, { agendaItemId: itemTitled(c, 'First topic').id, text: 'Note one.' });
    await call('housing', NOTE, { agendaItemId: itemTitled(c, 'First topic').id, text: 'Note two.' });
    await step(ADVANCE, {}, 'advanceConference');
    await call('cm', NOTE, { agendaItemId: itemTitled(c, 'Second topic').id, text: 'Note three.' });
    await step(CLOSE, {}, 'closeConference');

    const live = (person: string) =>
      events[person]
        .filter((e) =>
          ['CONFERENCE_STARTED', 'AGENDA_ADVANCED', 'CONFERENCE_NOTE_ADDED', 'CONFERENCE_CLOSED'].includes(e.type),
        )
        .map((e) => e.summary);
    const expected = [
      'Rounds with Sam has started',
      expect.stringMatching(/^Now discussing: How things are going/),
      'Note: I am here and okay.',
      'Now discussing: First topic',
      'Note: Note one.',
      'Note: Note two.',
      'Now discussing: Second topic',
      'Note: Note three.',
      expect.stringMatching(/closed/),
    ];
    for (const person of who) await waitFor(() => live(person).length === expected.length);
    for (const person of who) expect(live(person)).toEqual(expected);
  });
});
