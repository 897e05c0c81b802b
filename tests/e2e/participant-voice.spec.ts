import { DataSource } from 'typeorm';
import { PasswordHasher } from '@roundtable/identity';
import {
  collectPlanEvents,
  connectRealtime,
  DEMO_PASSWORD,
  errorCode,
  expressGoal,
  GOAL_FIELDS,
  inviteSupportPerson,
  joinPlan,
  signIn,
  startTestApp,
  waitFor,
  type GoalView,
  type GraphQLResponse,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/**
 * Issue 13, findings 3, 5 and 7, from the attacker's side over real HTTP and socket.io:
 * nobody but the participant speaks, agrees or is present for them (PRODUCT.md rules 1, 2,
 * 3), a return to use links only to their own abstinence goals (rule 6), and rule 9 is
 * judged by what a proposal asks, not by a flag the proposer sets.
 */
const SAMS_PASSPHRASE = 'biscuit and the yard with the blue gate';

const ENTRY = 'id kind label text targetId status version writtenBy { displayName }';
const WAITING = `{ waitingForYou { goalsToAnswer { id } entriesToConfirm { ${ENTRY} } } }`;
const CONFIRM = `mutation C($input: ConfirmWrittenWithYouInput!) { confirmWrittenWithYou(input: $input) { ${ENTRY} } }`;
const PLAN = `query P($id: ID!) { plan(participantId: $id) { version vision { text writtenWith { displayName } waitingEntry { ${ENTRY} } } entriesWaiting { ${ENTRY} } goals { ${GOAL_FIELDS} } } }`;
const DECISION =
  'id status answeredBy { displayName } coSigned resultingGoalId version answerWaiting { agree recordedBy { displayName } }';
const CONFERENCE = `id version participantAttends participantInvited status attendees { accountId } agenda { id kind body version writtenWithParticipant decisions { ${DECISION} } }`;
const SCHEDULE = `mutation S($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { ${CONFERENCE} } }`;
const ADD_ITEM = `mutation A($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { ${CONFERENCE} } }`;
const START = `mutation S($input: ConferenceStepInput!) { startConference(input: $input) { ${CONFERENCE} } }`;
const ATTENDS = `mutation A($input: SetParticipantAttendsInput!) { setParticipantAttends(input: $input) { ${CONFERENCE} } }`;
const UPDATE = `mutation U($input: RecordParticipantUpdateInput!) { recordParticipantUpdate(input: $input) { ${CONFERENCE} } }`;
const INVITE = `mutation I($input: InviteToConferenceInput!) { inviteToConference(input: $input) { ${CONFERENCE} } }`;
const PROPOSE_DECISION = `mutation P($input: ProposeDecisionInput!) { proposeDecision(input: $input) { ${DECISION} } }`;
const ANSWER_DECISION = `mutation A($input: AnswerDecisionInput!) { answerDecision(input: $input) { ${DECISION} } }`;
const VISION = 'mutation V($input: UpdateVisionInput!) { updateVision(input: $input) { version vision { text } } }';
const SETBACK = `mutation S($input: RecordSetbackInput!) { recordSetback(input: $input) { id label planReview awaitingConfirmation coSigned goalIds } }`;
const SETBACKS = 'query S($id: ID!) { setbacks(participantId: $id) { id awaitingConfirmation planReview } }';
const PROPOSE_GOAL = `mutation P($input: ProposeGoalInput!) { proposeGoal(input: $input) { ${GOAL_FIELDS} reducesCopingBehaviour replacementStrategyIds } }`;
const STRATEGY = 'mutation S($input: AddStrategyInput!) { addStrategy(input: $input) { id } }';
const GOAL_ANSWER = (name: string) =>
  `mutation G($input: GoalVersionInput!) { ${name}(input: $input) { ${GOAL_FIELDS} } }`;

interface Entry {
  id: string;
  kind: string;
  label: string;
  text: string;
  targetId: string | null;
  status: string;
  version: number;
}
interface DecisionView {
  id: string;
  status: string;
  answeredBy: { displayName: string } | null;
  coSigned: boolean;
  resultingGoalId: string | null;
  version: number;
  answerWaiting: { agree: boolean; recordedBy: { displayName: string } } | null;
}
interface ConferenceView {
  id: string;
  version: number;
  participantAttends: boolean;
  participantInvited: boolean;
  status: string;
  attendees: { accountId: string }[];
  agenda: {
    id: string;
    kind: string;
    body: string;
    version: number;
    writtenWithParticipant: boolean;
    decisions: DecisionView[];
  }[];
}
interface PlanView {
  version: number;
  vision: { text: string; writtenWith: { displayName: string } | null; waitingEntry: Entry | null } | null;
  entriesWaiting: Entry[];
  goals: GoalView[];
}

const fieldOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.field;

describe('the participant’s voice is the participant’s act', () => {
  let t: TestApp;
  let sam: SignedIn;
  let cm: SignedIn;
  let housing: SignedIn;
  let participantId: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    dataSource = t.app.get(DataSource);
    // Sam's own passphrase differs from the staff members' demo password, so a co-sign with
    // the staff member's own passphrase can be told apart from Sam's.
    const hash = await t.app.get(PasswordHasher, { strict: false }).hash(SAMS_PASSPHRASE);
    await dataSource.query(`UPDATE account SET password_hash = $1 WHERE email = 'participant@demo.test'`, [hash]);
    sam = await signIn(t.gql, 'participant@demo.test', SAMS_PASSPHRASE);
    cm = await signIn(t.gql, 'cm@demo.test');
    housing = await signIn(t.gql, 'housing@demo.test');
    participantId = sam.account.participantId!;
    // Booting and seeding the demo takes longer than one test's budget on a loaded machine.
  }, 180_000);
  afterAll(() => t?.close());

  const as = <T>(who: SignedIn, query: string, variables: Record<string, unknown>) =>
    t.gql.data<T>(query, variables, { token: who.accessToken });
  const raw = (who: SignedIn, query: string, variables: Record<string, unknown>) =>
    t.gql.request(query, variables, { token: who.accessToken });
  const plan = (who: SignedIn = sam) => as<{ plan: PlanView }>(who, PLAN, { id: participantId }).then((d) => d.plan);
  const waiting = () =>
    as<{ waitingForYou: { goalsToAnswer: { id: string }[]; entriesToConfirm: Entry[] } }>(sam, WAITING, {}).then(
      (d) => d.waitingForYou,
    );
  const confirm = (who: SignedIn, entry: Entry, accept = true, text?: string) =>
    raw(who, CONFIRM, { input: { entryId: entry.id, expectedVersion: entry.version, accept, text } });
  const entryFor = async (predicate: (entry: Entry) => boolean) => {
    const entry = (await waiting()).entriesToConfirm.find(predicate);
    if (!entry) throw new Error('no such entry waiting');
    return entry;
  };
  const sessionsOfSam = async () =>
    Number(
      (await dataSource.query('SELECT count(*) AS n FROM auth_session WHERE account_id = $1', [sam.account.id]))[0].n,
    );

  /** cm schedules a conference "with" Sam attending, adds a topic and starts the room (the attack's set-up). */
  async function liveRoom(): Promise<{ conference: ConferenceView; topicId: string }> {
    const { scheduleConference } = await as<{ scheduleConference: ConferenceView }>(cm, SCHEDULE, {
      input: {
        participantId,
        title: 'Voice conference',
        scheduledFor: '2026-12-03T18:30:00Z',
        timeZone: 'America/Vancouver',
        participantAttends: true,
      },
    });
    const { addAgendaItem } = await as<{ addAgendaItem: ConferenceView }>(cm, ADD_ITEM, {
      input: { conferenceId: scheduleConference.id, title: 'Goals' },
    });
    const { startConference } = await as<{ startConference: ConferenceView }>(cm, START, {
      input: { conferenceId: scheduleConference.id, expectedVersion: addAgendaItem.version },
    });
    return { conference: startConference, topicId: addAgendaItem.agenda.find((item) => item.kind === 'TOPIC')!.id };
  }

  const proposeDecision = (topicId: string, extra: Record<string, unknown>) =>
    as<{ proposeDecision: DecisionView }>(cm, PROPOSE_DECISION, {
      input: { agendaItemId: topicId, summary: 'A plan change', ...extra },
    }).then((d) => d.proposeDecision);

  it('finding 3: staff answering “agree, withParticipant” no longer retires the participant’s goal; it waits for them', async () => {
    const goal = await expressGoal(t.gql, sam.accessToken, {
      participantId,
      text: 'Walk Biscuit daily',
      domain: 'OTHER',
    });
    const socket = await connectRealtime(t.url, sam.accessToken);
    const told: { participantId: string }[] = [];
    socket.on('waiting:changed', (message) => told.push(message));
    try {
      const { conference, topicId } = await liveRoom();
      // participantAttends from staff is an invitation only.
      expect(conference).toMatchObject({ participantAttends: false, participantInvited: true, status: 'IN_PROGRESS' });
      const decision = await proposeDecision(topicId, {
        changeKind: 'SET_GOAL_LIFECYCLE',
        goalId: goal.id,
        lifecycle: 'RETIRED',
      });
      const answered = await as<{ answerDecision: DecisionView }>(cm, ANSWER_DECISION, {
        input: { decisionId: decision.id, agree: true, expectedVersion: decision.version, withParticipant: true },
      });
      expect(answered.answerDecision).toMatchObject({ status: 'WAITING_FOR_PARTICIPANT', answeredBy: null });
      expect((await plan()).goals.find((g) => g.id === goal.id)!.lifecycle).toBe('ACTIVE');
      // Sam's own device is told something waits, and lists it.
      await waitFor(() => told.some((m) => m.participantId === participantId));
      const entry = await entryFor((e) => e.kind === 'DECISION_ANSWER' && e.targetId === decision.id);
      expect(entry).toMatchObject({ status: 'WAITING', writtenBy: { displayName: 'Alex Rivera' } });
      // Staff cannot confirm it for them.
      expect(errorCode(await confirm(cm, entry))).toBe('FORBIDDEN');
      // Sam confirms on their own device: now, and only now, the goal is retired.
      const confirmed = await confirm(sam, entry);
      expect(confirmed.errors).toBeUndefined();
      expect((await plan()).goals.find((g) => g.id === goal.id)!.lifecycle).toBe('RETIRED');
      expect(errorCode(await confirm(sam, { ...entry, version: entry.version + 1 }))).toBe('BAD_USER_INPUT');
    } finally {
      socket.close();
    }
  });

  it('finding 3: an ADD_GOAL decision “agreed” by staff creates no goal until the participant confirms', async () => {
    const { conference, topicId } = await liveRoom();
    const conferenceId = conference.id;
    const decision = await proposeDecision(topicId, {
      changeKind: 'ADD_GOAL',
      newGoal: { text: 'Join the Tuesday walking group', domain: 'RELATIONSHIPS_AND_SUPPORT' },
    });
    expect(decision.answerWaiting).toBeNull();
    const recorded = await as<{ answerDecision: DecisionView }>(cm, ANSWER_DECISION, {
      input: { decisionId: decision.id, agree: true, expectedVersion: decision.version, withParticipant: true },
    });
    // Everyone who sees the decision sees that an answer written with Sam waits for Sam.
    expect(recorded.answerDecision).toMatchObject({
      status: 'WAITING_FOR_PARTICIPANT',
      answerWaiting: { agree: true, recordedBy: { displayName: 'Alex Rivera' } },
    });
    const named = (p: PlanView) => p.goals.filter((g) => g.text === 'Join the Tuesday walking group');
    expect(named(await plan())).toHaveLength(0);
    const entry = await entryFor((e) => e.kind === 'DECISION_ANSWER' && e.targetId === decision.id);
    // Declined: nothing of Sam's changes, and the decision still waits for Sam's own answer.
    expect((await confirm(sam, entry, false)).errors).toBeUndefined();
    expect(named(await plan())).toHaveLength(0);
    const decisionNow = async (who: SignedIn) => {
      const { conference: now } = await as<{ conference: ConferenceView }>(
        who,
        `query C($id: ID!) { conference(id: $id) { ${CONFERENCE} } }`,
        { id: conferenceId },
      );
      return now.agenda.flatMap((item) => item.decisions).find((d) => d.id === decision.id)!;
    };
    expect((await decisionNow(cm)).answerWaiting).toBeNull();
    // Another answer written down for Sam waits...
    await as(cm, ANSWER_DECISION, {
      input: { decisionId: decision.id, agree: false, expectedVersion: decision.version, withParticipant: true },
    });
    expect((await waiting()).entriesToConfirm.filter((e) => e.targetId === decision.id)).toHaveLength(1);
    for (const who of [cm, sam]) {
      expect((await decisionNow(who)).answerWaiting).toEqual({
        agree: false,
        recordedBy: { displayName: 'Alex Rivera' },
      });
    }
    // ...until Sam agrees on their own device: the goal is theirs and active, and what was written for them is moot.
    const own = await as<{ answerDecision: DecisionView }>(sam, ANSWER_DECISION, {
      input: { decisionId: decision.id, agree: true, expectedVersion: decision.version },
    });
    expect(own.answerDecision).toMatchObject({ status: 'AGREED', answeredBy: { displayName: 'Sam' }, coSigned: false });
    expect(named(await plan())[0].lifecycle).toBe('ACTIVE');
    expect((await waiting()).entriesToConfirm.filter((e) => e.targetId === decision.id)).toEqual([]);
    expect(own.answerDecision.answerWaiting).toBeNull();
  });

  it('a co-sign is checked against THIS participant’s passphrase, opens no session, and then the act is theirs', async () => {
    const goal = await expressGoal(t.gql, sam.accessToken, { participantId, text: 'Call my sister', domain: 'OTHER' });
    const { topicId } = await liveRoom();
    const decision = await proposeDecision(topicId, {
      changeKind: 'SET_GOAL_LIFECYCLE',
      goalId: goal.id,
      lifecycle: 'ON_HOLD',
    });
    const answer = (passphrase: string) =>
      raw(cm, ANSWER_DECISION, {
        input: { decisionId: decision.id, agree: true, expectedVersion: decision.version, coSign: { passphrase } },
      });
    // The staff member's own passphrase is not Sam's.
    const own = await answer(DEMO_PASSWORD);
    expect(errorCode(own)).toBe('BAD_USER_INPUT');
    expect(fieldOf(own)).toBe('input.coSign');
    expect(JSON.stringify(own)).not.toMatch(/token|Sam’s account|hash/i);
    const sessionsBefore = await sessionsOfSam();
    const signed = await answer(SAMS_PASSPHRASE);
    expect(signed.errors).toBeUndefined();
    expect(JSON.stringify(signed.data)).not.toMatch(/token/i);
    expect((signed.data as { answerDecision: DecisionView }).answerDecision).toMatchObject({
      status: 'AGREED',
      coSigned: true,
    });
    expect((await plan()).goals.find((g) => g.id === goal.id)!.lifecycle).toBe('ON_HOLD');
    expect(await sessionsOfSam()).toBe(sessionsBefore);
    // Audited, both the miss and the match.
    const audit: { kind: string }[] = await dataSource.query(
      "SELECT kind FROM audit_event WHERE action = 'coSign' AND participant_id = $1",
      [participantId],
    );
    expect(audit.map((row) => row.kind)).toEqual(expect.arrayContaining(['DENIED', 'CHANGE']));

    // Sam's passphrase does not co-sign for another participant's plan.
    const riley = await as<{ createParticipant: { id: string } }>(
      cm,
      'mutation C($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }',
      { input: { preferredName: 'Riley' } },
    );
    const elsewhere = await raw(cm, 'mutation E($input: ExpressGoalInput!) { expressGoal(input: $input) { id } }', {
      input: {
        participantId: riley.createParticipant.id,
        text: 'Not Sam’s words',
        domain: 'OTHER',
        writtenWithParticipant: true,
        coSign: { passphrase: SAMS_PASSPHRASE },
      },
    });
    expect(errorCode(elsewhere)).toBe('BAD_USER_INPUT');
    expect(fieldOf(elsewhere)).toBe('input.coSign');
  });

  it('a goal written with the participant waits: not active, not ranked, not linkable; confirmed, it is theirs; co-signed, at once', async () => {
    const words = {
      participantId,
      text: 'Stop drinking before noon',
      domain: 'SUBSTANCE_USE',
      options: ['ABSTINENCE'],
      writtenWithParticipant: true,
    };
    // Until Sam confirms them, a team member's words that reduce a way of coping fall under rule 9.
    const bare = await raw(cm, 'mutation E($input: ExpressGoalInput!) { expressGoal(input: $input) { id } }', {
      input: words,
    });
    expect(fieldOf(bare)).toBe('input.replacementStrategyIds');
    const strategy = await as<{ addStrategy: { id: string } }>(cm, STRATEGY, {
      input: { participantId, text: 'Coffee with Dee at ten' },
    });
    const written = await expressGoal(t.gql, cm.accessToken, {
      ...words,
      replacementStrategyIds: [strategy.addStrategy.id],
    });
    expect(written).toMatchObject({
      lifecycle: 'PROPOSED',
      awaitingConfirmation: true,
      expressedByKind: 'PARTICIPANT',
    });
    const now = await waiting();
    expect(now.goalsToAnswer.map((g) => g.id)).not.toContain(written.id);
    expect(now.entriesToConfirm.map((e) => e.id)).toContain(written.id);
    // Not linkable to a return to use, by anyone, while it waits.
    for (const who of [sam, cm]) {
      const linked = await raw(who, SETBACK, {
        input: { participantId, returnToUse: true, goalIds: [written.id], withParticipant: who === cm },
      });
      expect(errorCode(linked)).toBe('BAD_USER_INPUT');
      expect(fieldOf(linked)).toBe('input.goalIds');
    }
    // Staff cannot accept it as if it were a proposal, nor confirm it.
    expect(
      errorCode(
        await raw(cm, GOAL_ANSWER('confirmGoal'), { input: { goalId: written.id, expectedVersion: written.version } }),
      ),
    ).toBe('FORBIDDEN');
    const entry = await entryFor((e) => e.id === written.id);
    expect((await confirm(sam, entry, true, 'No drinking before noon')).errors).toBeUndefined();
    const after = (await plan()).goals.find((g) => g.id === written.id)!;
    expect(after).toMatchObject({ lifecycle: 'ACTIVE', awaitingConfirmation: false, text: 'No drinking before noon' });
    // Now it is an abstinence goal Sam took on: a return to use may be linked to it.
    const linked = await as<{ recordSetback: { goalIds: string[] } }>(sam, SETBACK, {
      input: { participantId, returnToUse: true, goalIds: [written.id] },
    });
    expect(linked.recordSetback.goalIds).toEqual([written.id]);

    const coSigned = await expressGoal(t.gql, cm.accessToken, {
      participantId,
      text: 'Fix my bike',
      domain: 'OTHER',
      writtenWithParticipant: true,
      coSign: { passphrase: SAMS_PASSPHRASE },
    });
    expect(coSigned).toMatchObject({
      lifecycle: 'ACTIVE',
      awaitingConfirmation: false,
      writtenWith: { displayName: 'Alex Rivera' },
    });
  });

  it('a staff-written vision is held beside the participant’s own, never over it', async () => {
    const before = await plan();
    const written = await as<{ updateVision: { vision: { text: string } } }>(cm, VISION, {
      input: {
        participantId,
        expectedVersion: before.version,
        text: 'Staff wording of Sam’s vision',
        writtenWithParticipant: true,
      },
    });
    expect(written.updateVision.vision.text).toBe(before.vision!.text);
    const seen = await plan(cm);
    expect(seen.vision).toMatchObject({
      text: before.vision!.text,
      waitingEntry: { kind: 'VISION', text: 'Staff wording of Sam’s vision' },
    });
    const entry = seen.vision!.waitingEntry!;
    expect((await confirm(sam, entry, true, 'My own words, my own door')).errors).toBeUndefined();
    expect((await plan()).vision).toMatchObject({
      text: 'My own words, my own door',
      writtenWith: null,
      waitingEntry: null,
    });
  });

  it('a staff-recorded setback waits (no plan review) and is hidden from viewers who may not see its label', async () => {
    const proposal = await as<{ proposeGoal: GoalView }>(cm, PROPOSE_GOAL, {
      input: { participantId, text: 'Fewer pills', domain: 'OTHER', options: ['SAFER_USE'] },
    });
    expect(proposal.proposeGoal.id).toBeTruthy();
    const recorded = await as<{
      recordSetback: { id: string; label: string; planReview: string; awaitingConfirmation: boolean };
    }>(cm, SETBACK, {
      input: { participantId, returnToUse: true, withParticipant: true, reflection: 'Used after the eviction notice' },
    });
    expect(recorded.recordSetback).toMatchObject({
      label: 'SUBSTANCE_USE',
      planReview: 'NOT_OFFERED',
      awaitingConfirmation: true,
    });
    // Housing may not see substance-use content: not in its plan, its setbacks, nor answerable.
    const housingPlan = await plan(housing);
    expect(JSON.stringify(housingPlan)).not.toContain('eviction notice');
    const housingSetbacks = await as<{ setbacks: { id: string }[] }>(housing, SETBACKS, { id: participantId });
    expect(housingSetbacks.setbacks.map((s) => s.id)).not.toContain(recorded.recordSetback.id);
    const entry = await entryFor((e) => e.id === recorded.recordSetback.id);
    expect(errorCode(await confirm(housing, entry))).toBe('NOT_FOUND');
    expect(errorCode(await confirm(housing, { ...entry, id: '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e' }))).toBe(
      'NOT_FOUND',
    );
    // Sam confirms: it is recorded, with the same id, and the plan review is offered.
    expect((await confirm(sam, entry)).errors).toBeUndefined();
    const mine = await as<{ setbacks: { id: string; awaitingConfirmation: boolean; planReview: string }[] }>(
      sam,
      SETBACKS,
      {
        id: participantId,
      },
    );
    expect(mine.setbacks.find((s) => s.id === recorded.recordSetback.id)).toMatchObject({
      awaitingConfirmation: false,
      planReview: 'OFFERED',
    });
  });

  it('a waiting entry is announced live only on its own label’s stream', async () => {
    const socket = await connectRealtime(t.url, housing.accessToken);
    try {
      const received = collectPlanEvents(socket);
      const joined = await joinPlan(socket, participantId);
      expect(joined).toMatchObject({ ok: true });
      await as(cm, SETBACK, {
        input: { participantId, returnToUse: true, withParticipant: true, reflection: 'Hidden from housing' },
      });
      // A GENERAL sentinel after it: once it arrives, the hidden one would have too.
      const { version } = await plan(cm);
      await as(cm, VISION, {
        input: { participantId, expectedVersion: version, text: 'Sentinel vision', writtenWithParticipant: true },
      });
      await waitFor(() =>
        received.some((event) => event.type === 'WRITTEN_WITH_YOU_WAITING' && event.label === 'GENERAL'),
      );
      expect(received.filter((event) => event.label !== 'GENERAL' && event.label !== 'HOUSING')).toEqual([]);
      expect(JSON.stringify(received)).not.toContain('Hidden from housing');
    } finally {
      socket.close();
    }
  });

  it('finding 5, rule 6: a return to use links only to abstinence goals the participant took on', async () => {
    const strategy = await as<{ addStrategy: { id: string } }>(cm, STRATEGY, {
      input: { participantId, text: 'Call Dee when cravings hit' },
    });
    const propose = (text: string) =>
      as<{ proposeGoal: GoalView }>(cm, PROPOSE_GOAL, {
        input: {
          participantId,
          text,
          domain: 'SUBSTANCE_USE',
          options: ['ABSTINENCE'],
          replacementStrategyIds: [strategy.addStrategy.id],
        },
      }).then((d) => d.proposeGoal);
    const link = (goalId: string) =>
      raw(sam, SETBACK, { input: { participantId, returnToUse: true, goalIds: [goalId] } });
    const unanswered = await propose('Abstain from opioids');
    expect(errorCode(await link(unanswered.id))).toBe('BAD_USER_INPUT');
    const declined = await propose('Abstain from alcohol');
    await as(sam, GOAL_ANSWER('declineGoal'), { input: { goalId: declined.id, expectedVersion: declined.version } });
    expect(errorCode(await link(declined.id))).toBe('BAD_USER_INPUT');
    const noAbstinence = await expressGoal(t.gql, sam.accessToken, {
      participantId,
      text: 'Use with a friend around',
      domain: 'SUBSTANCE_USE',
      options: ['SAFER_USE'],
    });
    const refused = await link(noAbstinence.id);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(fieldOf(refused)).toBe('input.goalIds');
    const accepted = await propose('Abstain from stimulants');
    await as(sam, GOAL_ANSWER('acceptGoal'), { input: { goalId: accepted.id, expectedVersion: accepted.version } });
    expect((await link(accepted.id)).errors).toBeUndefined();
  });

  it('finding 7, rule 9 by content: reducing options need a replacement strategy, whatever the flag says', async () => {
    const taper = await raw(cm, PROPOSE_GOAL, {
      input: {
        participantId,
        text: 'Taper the benzos',
        domain: 'HEALTH',
        options: ['TAPER'],
        reducesCopingBehaviour: false,
      },
    });
    expect(errorCode(taper)).toBe('BAD_USER_INPUT');
    expect(fieldOf(taper)).toBe('input.replacementStrategyIds');
    for (const option of ['ABSTINENCE', 'MODERATION']) {
      expect(
        fieldOf(
          await raw(cm, PROPOSE_GOAL, { input: { participantId, text: 'Less', domain: 'OTHER', options: [option] } }),
        ),
      ).toBe('input.replacementStrategyIds');
    }
    // The self-declared flag is ignored both ways.
    const saferUse = await as<{ proposeGoal: { reducesCopingBehaviour: boolean } }>(cm, PROPOSE_GOAL, {
      input: {
        participantId,
        text: 'Carry naloxone',
        domain: 'HEALTH',
        options: ['SAFER_USE'],
        reducesCopingBehaviour: true,
      },
    });
    expect(saferUse.proposeGoal.reducesCopingBehaviour).toBe(false);

    const { topicId } = await liveRoom();
    const missing = await raw(cm, PROPOSE_DECISION, {
      input: {
        agendaItemId: topicId,
        summary: 'Stop using',
        changeKind: 'ADD_GOAL',
        newGoal: { text: 'Stop using heroin', domain: 'SUBSTANCE_USE', options: ['ABSTINENCE'] },
      },
    });
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    expect(fieldOf(missing)).toBe('input.newGoal.replacementStrategyIds');
    const strategy = await as<{ addStrategy: { id: string } }>(cm, STRATEGY, {
      input: { participantId, text: 'Methadone clinic mornings' },
    });
    const decision = await proposeDecision(topicId, {
      changeKind: 'ADD_GOAL',
      newGoal: {
        text: 'Stop using heroin',
        domain: 'SUBSTANCE_USE',
        options: ['ABSTINENCE'],
        replacementStrategyIds: [strategy.addStrategy.id],
      },
    });
    const agreed = await as<{ answerDecision: DecisionView }>(sam, ANSWER_DECISION, {
      input: { decisionId: decision.id, agree: true, expectedVersion: decision.version },
    });
    const goals = await as<{
      plan: { goals: { id: string; replacementStrategyIds: string[]; reducesCopingBehaviour: boolean }[] };
    }>(
      sam,
      `query P($id: ID!) { plan(participantId: $id) { goals { id replacementStrategyIds reducesCopingBehaviour } } }`,
      { id: participantId },
    );
    expect(goals.plan.goals.find((g) => g.id === agreed.answerDecision.resultingGoalId)).toMatchObject({
      replacementStrategyIds: [strategy.addStrategy.id],
      reducesCopingBehaviour: true,
    });
  });

  it('presence is marked by the participant; their update and a support person’s invitation written by staff wait', async () => {
    const { scheduleConference: conference } = await as<{ scheduleConference: ConferenceView }>(cm, SCHEDULE, {
      input: {
        participantId,
        title: 'Presence conference',
        scheduledFor: '2026-12-10T18:30:00Z',
        timeZone: 'America/Vancouver',
        participantAttends: false,
      },
    });
    const invited = await as<{ setParticipantAttends: ConferenceView }>(cm, ATTENDS, {
      input: { conferenceId: conference.id, attends: true, expectedVersion: conference.version },
    });
    expect(invited.setParticipantAttends).toMatchObject({ participantAttends: false, participantInvited: true });
    const marked = await as<{ setParticipantAttends: ConferenceView }>(sam, ATTENDS, {
      input: { conferenceId: conference.id, attends: true, expectedVersion: invited.setParticipantAttends.version },
    });
    expect(marked.setParticipantAttends.participantAttends).toBe(true);

    const update = marked.setParticipantAttends.agenda[0];
    const written = await as<{ recordParticipantUpdate: ConferenceView }>(cm, UPDATE, {
      input: {
        conferenceId: conference.id,
        expectedVersion: update.version,
        text: 'Sam says things are fine',
        writtenWithParticipant: true,
      },
    });
    expect(written.recordParticipantUpdate.agenda[0]).toMatchObject({ body: '', writtenWithParticipant: false });
    const entry = await entryFor((e) => e.kind === 'PARTICIPANT_UPDATE' && e.targetId === update.id);
    expect((await confirm(sam, entry)).errors).toBeUndefined();
    const read = await as<{ conferences: ConferenceView[] }>(
      sam,
      `query C($id: ID!) { conferences(participantId: $id) { ${CONFERENCE} } }`,
      {
        id: participantId,
      },
    );
    expect(read.conferences.find((c) => c.id === conference.id)!.agenda[0]).toMatchObject({
      body: 'Sam says things are fine',
      writtenWithParticipant: true,
    });

    // A support person: staff cannot invite one to Sam's team without Sam; with Sam's co-sign they can.
    const staffInvite = (coSign?: { passphrase: string }) =>
      raw(
        cm,
        'mutation I($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { member { accountId } } }',
        {
          input: { participantId, displayName: 'Dee (neighbour)', coSign },
        },
      );
    expect(errorCode(await staffInvite())).toBe('FORBIDDEN');
    expect((await staffInvite({ passphrase: SAMS_PASSPHRASE })).errors).toBeUndefined();
    // To a conference: written down by staff, the invitation waits for Sam.
    const friend = await inviteSupportPerson(t.gql, sam.accessToken, participantId, 'kit-friend');
    await as(cm, INVITE, {
      input: { conferenceId: conference.id, accountId: friend.account.id, withParticipant: true },
    });
    const attendees = async () =>
      (
        await as<{ conferences: ConferenceView[] }>(
          sam,
          `query C($id: ID!) { conferences(participantId: $id) { ${CONFERENCE} } }`,
          { id: participantId },
        )
      ).conferences
        .find((c) => c.id === conference.id)!
        .attendees.map((a) => a.accountId);
    expect(await attendees()).not.toContain(friend.account.id);
    const invitation = await entryFor((e) => e.kind === 'CONFERENCE_INVITATION' && e.targetId === conference.id);
    expect((await confirm(sam, invitation)).errors).toBeUndefined();
    expect(await attendees()).toContain(friend.account.id);
  });

  it('co-signing is rate-limited like sign-in: repeated wrong passphrases are refused, even a right one after', async () => {
    const attempt = (passphrase: string) =>
      raw(cm, 'mutation E($input: ExpressGoalInput!) { expressGoal(input: $input) { id } }', {
        input: {
          participantId,
          text: 'Guessing',
          domain: 'OTHER',
          writtenWithParticipant: true,
          coSign: { passphrase },
        },
      });
    const codes: unknown[] = [];
    for (let i = 0; i < t.config.LOGIN_RATE_LIMIT_PER_ACCOUNT + 1; i += 1)
      codes.push(errorCode(await attempt(`guess ${i}`)));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.slice(0, -1).every((code) => code === 'BAD_USER_INPUT' || code === 'RATE_LIMITED')).toBe(true);
    expect(errorCode(await attempt(SAMS_PASSPHRASE))).toBe('RATE_LIMITED');
    // The window passes by the clock, not by sleeping.
    t.clock.advance((t.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS + 1) * 1000);
    expect((await attempt(SAMS_PASSPHRASE)).errors).toBeUndefined();
    // Guesses sent all at once are counted before any is checked: no more checks than the limit.
    t.clock.advance((t.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS + 1) * 1000);
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(`parallel guess ${i}`)));
    const burstCodes = burst.map((answer) => errorCode(answer));
    const checked = burstCodes.filter((code) => code === 'BAD_USER_INPUT').length;
    expect(checked).toBeLessThanOrEqual(t.config.LOGIN_RATE_LIMIT_PER_ACCOUNT);
    expect(burstCodes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(12 - checked);
  });
});
