import { EXPRESS_GOAL, startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

const CONFERENCE = 'id version status responses { id answer version }';
const SCHEDULE = `mutation S($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { ${CONFERENCE} } }`;
const START = `mutation S($input: ConferenceStepInput!) { startConference(input: $input) { ${CONFERENCE} } }`;
const CLOSE = `mutation C($input: ConferenceStepInput!) { closeConference(input: $input) { ${CONFERENCE} } }`;
const RESPOND = `mutation R($input: RespondToConferenceInput!) { respondToConference(input: $input) { ${CONFERENCE} } }`;
const AMEND = `mutation A($input: AmendMinutesInput!) { amendMinutes(input: $input) { ${CONFERENCE} } }`;
const ANSWER = `mutation A($input: AnswerParticipantResponseInput!) { answerParticipantResponse(input: $input) { ${CONFERENCE} } }`;

interface ConferenceView {
  id: string;
  version: number;
  responses: { id: string; answer: string | null; version: number }[];
}

/** Issue 13, finding 9: every edit is guarded by its version; an idempotency key is bound to its input. */
describe('one edit idiom: versioned edits and idempotency keys bound to their input', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  beforeAll(async () => ({ t, as, participantId } = await startDemoApp(['cm', 'peer', 'sam'])));
  afterAll(() => t.close());

  const call = <T>(who: string, query: string, input: Record<string, unknown>) =>
    t.gql.data<T>(query, { input }, { token: as[who].accessToken });
  const tryCall = (who: string, query: string, input: Record<string, unknown>) =>
    t.gql.request<Record<string, ConferenceView>>(query, { input }, { token: as[who].accessToken });

  /** A closed conference with a correction request from Sam waiting for an answer. */
  async function waitingCorrection(): Promise<{ conferenceId: string; responseId: string; version: number }> {
    const { scheduleConference: scheduled } = await call<{ scheduleConference: ConferenceView }>('cm', SCHEDULE, {
      participantId,
      title: 'Check-in',
      scheduledFor: '2026-12-03T10:30:00-08:00',
      timeZone: 'America/Vancouver',
      participantAttends: false,
    });
    const { startConference: started } = await call<{ startConference: ConferenceView }>('cm', START, {
      conferenceId: scheduled.id,
      expectedVersion: scheduled.version,
    });
    await call('cm', CLOSE, { conferenceId: scheduled.id, expectedVersion: started.version });
    const { respondToConference } = await call<{ respondToConference: ConferenceView }>('sam', RESPOND, {
      conferenceId: scheduled.id,
      kind: 'CORRECTION_REQUEST',
      text: 'I said Tuesday, not Thursday.',
    });
    const [request] = respondToConference.responses;
    return { conferenceId: scheduled.id, responseId: request.id, version: request.version };
  }

  it('two team members answering the same request at once: one wins, the other gets CONFLICT', async () => {
    for (let round = 0; round < 3; round++) {
      const { conferenceId, responseId, version } = await waitingCorrection();
      const [amended, answered] = await Promise.all([
        tryCall('cm', AMEND, {
          conferenceId,
          text: 'Moved to Tuesday.',
          reason: 'Sam corrected the day',
          answersResponseId: responseId,
        }),
        tryCall('peer', ANSWER, { responseId, answer: 'We wrote down Tuesday.', expectedVersion: version }),
      ]);
      const outcomes = [amended, answered].map((r) => String(r.errors?.[0]?.extensions?.code ?? 'OK')).sort();
      expect(outcomes).toEqual(['CONFLICT', 'OK']);
      const winner = (amended.data?.amendMinutes ?? answered.data?.answerParticipantResponse)!;
      const response = winner.responses.find((r) => r.id === responseId)!;
      // Exactly one answer is stored, and the version moved exactly once.
      expect(response.version).toBe(version + 1);
      expect(response.answer).toMatch(amended.data ? /Amended: Moved to Tuesday/ : /We wrote down Tuesday/);
    }
  });

  it('two amendments answering the same request at once: one answers it, the other gets CONFLICT', async () => {
    const { conferenceId, responseId, version } = await waitingCorrection();
    const amend = (text: string) =>
      tryCall('cm', AMEND, { conferenceId, text, reason: 'Sam corrected it', answersResponseId: responseId });
    const results = await Promise.all([amend('Tuesday.'), amend('Tuesday at ten.')]);
    expect(results.map((r) => String(r.errors?.[0]?.extensions?.code ?? 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const conflict = results.find((r) => r.errors)!;
    expect(conflict.errors![0].extensions).toEqual({ code: 'CONFLICT', currentVersion: version + 1 });
  });

  const express = (key: string, text: string) =>
    t.gql.request<{ expressGoal: { id: string } }>(
      EXPRESS_GOAL,
      { input: { participantId, text, domain: 'OTHER', idempotencyKey: key } },
      { token: as.sam.accessToken },
    );

  it('a key reused with different input answers BAD_USER_INPUT on input.idempotencyKey, even when the two race', async () => {
    const first = await express('bound-key-0001', 'Visit my aunt');
    expect(first.data?.expressGoal.id).toBeDefined();
    const other = await express('bound-key-0001', 'Visit my uncle');
    expect(other.data).toBeFalsy();
    expect(other.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });

    const racing = await Promise.all([
      express('bound-key-0002', 'Phone my brother'),
      express('bound-key-0002', 'Phone my sister'),
      express('bound-key-0002', 'Phone my brother'),
    ]);
    const winners = new Set(racing.filter((r) => r.data).map((r) => r.data!.expressGoal.id));
    expect(winners.size).toBe(1);
    const refused = racing.filter((r) => r.errors);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused)
      expect(r.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
  });

  it('the same key with the same input returns the first result, however many retries race', async () => {
    const retries = await Promise.all(Array.from({ length: 6 }, () => express('bound-key-0003', 'Plant tomatoes')));
    expect(new Set(retries.map((r) => r.data?.expressGoal.id)).size).toBe(1);
    expect(retries.every((r) => !r.errors)).toBe(true);
    // Field order does not matter: the hash is over the input's content.
    const reordered = await t.gql.request<{ expressGoal: { id: string } }>(
      EXPRESS_GOAL,
      { input: { idempotencyKey: 'bound-key-0003', domain: 'OTHER', text: 'Plant tomatoes', participantId } },
      { token: as.sam.accessToken },
    );
    expect(reordered.data?.expressGoal.id).toBe(retries[0].data?.expressGoal.id);
  });
});
