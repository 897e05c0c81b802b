import { countSqlStatements, startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

const CASELOAD_NAMES = '{ caseload { participant { id preferredName } } }';
const CASELOAD_WITH_MEETINGS =
  '{ caseload { participant { id preferredName } nextMeeting { conferenceId scheduledFor timeZone status } } }';
const CONFERENCES = `query C($id: ID!) { conferences(participantId: $id) { id status scheduledFor } }`;
const MY_STEPS = '{ waitingForYou { stepsForYou { id participantId text } } }';
const CREATE = 'mutation P($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }';
const SCHEDULE = 'mutation S($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { id } }';
const ADD_STEP = 'mutation S($input: AddStepInput!) { addStep(input: $input) { id } }';

interface NextMeeting {
  conferenceId: string;
  scheduledFor: string;
  timeZone: string;
  status: string;
}
interface Line {
  participant: { id: string; preferredName: string };
  nextMeeting: NextMeeting | null;
}

/**
 * The staff home in one request: each caseload line's next meeting (one statement for the whole
 * caseload) and my steps across it, each naming whose plan it is in.
 */
describe('the caseload: next meetings and my steps, for the whole caseload at once', () => {
  let t: TestApp, as: Record<string, SignedIn>, samId: string;
  beforeAll(async () => ({ t, as, participantId: samId } = await startDemoApp(['cm', 'housing', 'sam'])));
  afterAll(() => t.close());

  const lines = async (who: string): Promise<Line[]> =>
    (await t.gql.data<{ caseload: Line[] }>(CASELOAD_WITH_MEETINGS, {}, { token: as[who].accessToken })).caseload;

  it('each line carries the earliest conference not yet closed, the same one the conferences list gives', async () => {
    const sam = (await lines('cm')).find((line) => line.participant.id === samId)!;
    const { conferences } = await t.gql.data<{ conferences: { id: string; status: string; scheduledFor: string }[] }>(
      CONFERENCES,
      { id: samId },
      { token: as.cm.accessToken },
    );
    const open = conferences
      .filter((conference) => conference.status !== 'CLOSED')
      .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
    expect(open.length).toBeGreaterThan(0);
    expect(sam.nextMeeting).toEqual(
      expect.objectContaining({ conferenceId: open[0].id, scheduledFor: open[0].scheduledFor, status: open[0].status }),
    );
    // Housing sees GENERAL, so the same meeting time reaches Marcus's line.
    const marcusLine = (await lines('housing')).find((line) => line.participant.id === samId)!;
    expect(marcusLine.nextMeeting?.conferenceId).toBe(open[0].id);
    // Rule 12: Sam sees that Marcus read their meeting time (a GENERAL read of the plan).
    const log = await t.gql.data<{
      accessLog: {
        edges: { node: { action: string; kind: string; labels: string[]; actor: { displayName: string } | null } }[];
      };
    }>(
      'query L($id: ID!) { accessLog(participantId: $id, first: 20) { edges { node { action kind labels actor { displayName } } } } }',
      { id: samId },
      { token: as.sam.accessToken },
    );
    expect(log.accessLog.edges.map((edge) => edge.node)).toContainEqual(
      expect.objectContaining({
        action: 'caseload',
        kind: 'READ',
        labels: ['GENERAL'],
        actor: { displayName: 'Marcus Lee' },
      }),
    );
  });

  it('a new person has no next meeting until one is scheduled, and the statements do not grow with the caseload', async () => {
    const count = async (query: string) =>
      countSqlStatements(t.app, () => t.gql.data(query, {}, { token: as.cm.accessToken }));
    const before = (await count(CASELOAD_WITH_MEETINGS)) - (await count(CASELOAD_NAMES));
    const added: string[] = [];
    for (const name of ['Robin', 'Kai', 'Ari']) {
      const { createParticipant } = await t.gql.data<{ createParticipant: { id: string } }>(
        CREATE,
        { input: { preferredName: `${name} ${Date.now().toString(36)}` } },
        { token: as.cm.accessToken },
      );
      added.push(createParticipant.id);
    }
    expect((await lines('cm')).filter((line) => added.includes(line.participant.id)).map((l) => l.nextMeeting)).toEqual(
      [null, null, null],
    );
    const after = (await count(CASELOAD_WITH_MEETINGS)) - (await count(CASELOAD_NAMES));
    // One statement for every line's next meeting and one for its audit rows, with two people
    // on the caseload or five.
    expect(before).toBe(2);
    expect(after).toBe(2);

    await t.gql.data(
      SCHEDULE,
      {
        input: {
          participantId: added[1],
          title: 'First meeting',
          scheduledFor: '2026-12-03T18:30:00Z',
          timeZone: 'America/Los_Angeles',
          participantAttends: false,
        },
      },
      { token: as.cm.accessToken },
    );
    const kai = (await lines('cm')).find((line) => line.participant.id === added[1])!;
    expect(kai.nextMeeting).toEqual(
      expect.objectContaining({ scheduledFor: '2026-12-03T18:30:00.000Z', timeZone: 'America/Los_Angeles' }),
    );
    // Someone not on that person's team has no line for them, so no meeting time either.
    expect((await lines('housing')).some((line) => added.includes(line.participant.id))).toBe(false);
  });

  it('my steps across the caseload cost the same statements for one plan or four', async () => {
    const count = () => countSqlStatements(t.app, () => t.gql.data(MY_STEPS, {}, { token: as.cm.accessToken }));
    await t.gql.data(
      ADD_STEP,
      { input: { participantId: samId, assigneeAccountId: as.cm.account.id, text: 'Phone the pharmacy' } },
      { token: as.cm.accessToken },
    );
    const one = await count();
    for (const name of ['Noor', 'Lee', 'Max']) {
      const { createParticipant } = await t.gql.data<{ createParticipant: { id: string } }>(
        CREATE,
        { input: { preferredName: `${name} ${Date.now().toString(36)}` } },
        { token: as.cm.accessToken },
      );
      await t.gql.data(
        ADD_STEP,
        {
          input: { participantId: createParticipant.id, assigneeAccountId: as.cm.account.id, text: `Call ${name}` },
        },
        { token: as.cm.accessToken },
      );
    }
    const { waitingForYou } = await t.gql.data<{ waitingForYou: { stepsForYou: { participantId: string }[] } }>(
      MY_STEPS,
      {},
      { token: as.cm.accessToken },
    );
    expect(new Set(waitingForYou.stepsForYou.map((step) => step.participantId)).size).toBeGreaterThanOrEqual(4);
    expect(await count()).toBe(one);
  });

  it('my steps across the caseload name whose plan each is in, and only steps I may see are listed', async () => {
    const visible = `Call the landlord with Sam ${Date.now().toString(36)}`;
    const hidden = `Canary about the dose ${Date.now().toString(36)}`;
    for (const [text, label] of [
      [visible, 'HOUSING'],
      [hidden, 'SUBSTANCE_USE'],
    ]) {
      await t.gql.data(
        ADD_STEP,
        { input: { participantId: samId, assigneeAccountId: as.housing.account.id, label, text } },
        { token: as.cm.accessToken },
      );
    }
    const { waitingForYou } = await t.gql.data<{
      waitingForYou: { stepsForYou: { id: string; participantId: string; text: string }[] };
    }>(MY_STEPS, {}, { token: as.housing.accessToken });
    const mine = waitingForYou.stepsForYou.find((step) => step.text === visible);
    expect(mine?.participantId).toBe(samId);
    expect(JSON.stringify(waitingForYou)).not.toContain(hidden);
  });
});
