import { allTimelineEvents, EXPRESS_GOAL, startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

/** A retry from a flaky phone connection returns the first result instead of a duplicate. */
describe('create mutations with an idempotency key', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  beforeAll(async () => ({ t, as, participantId } = await startDemoApp(['cm', 'housing', 'sam'])));
  afterAll(() => t.close());

  const express = (token: string, key: string, text = 'Walk the dog every morning') =>
    t.gql.request<{ expressGoal: { id: string } }>(
      EXPRESS_GOAL,
      { input: { participantId, text, domain: 'OTHER', idempotencyKey: key } },
      { token },
    );

  it('a repeated create returns the first result and writes nothing more, even when the retries race', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => express(as.sam.accessToken, 'phone-retry-0001')));
    const ids = new Set(results.map((r) => r.data?.expressGoal.id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    const again = await express(as.sam.accessToken, 'phone-retry-0001');
    expect(again.data?.expressGoal.id).toBe(id);
    const timeline = await allTimelineEvents(t.gql, as.sam.accessToken, participantId);
    expect(timeline.filter((event) => event.itemId === id && event.type === 'GOAL_EXPRESSED')).toHaveLength(1);
  });

  it('keys belong to one person: someone else using the same key gets their own item', async () => {
    const mine = await express(as.sam.accessToken, 'shared-key-0002', 'Mine');
    const cm = await t.gql.request<{ expressGoal: { id: string } }>(
      EXPRESS_GOAL,
      {
        input: {
          participantId,
          text: 'Written with Sam',
          domain: 'OTHER',
          writtenWithParticipant: true,
          idempotencyKey: 'shared-key-0002',
        },
      },
      { token: as.cm.accessToken },
    );
    expect(cm.data?.expressGoal.id).toBeDefined();
    expect(cm.data?.expressGoal.id).not.toBe(mine.data?.expressGoal.id);
  });

  it('refuses a key reused for another kind of change, and a key of the wrong length', async () => {
    await express(as.sam.accessToken, 'one-purpose-0003');
    const other = await t.gql.request(
      'mutation W($input: ProposeWinInput!) { proposeWin(input: $input) { id } }',
      { input: { participantId, text: 'x', idempotencyKey: 'one-purpose-0003' } },
      { token: as.sam.accessToken },
    );
    expect(other.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    const short = await express(as.sam.accessToken, 'short');
    expect(short.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
  });

  it('a retried measurement is recorded once, with at most one win', async () => {
    const metric = await t.gql.data<{ defineMetric: { id: string } }>(
      'mutation D($input: DefineMetricInput!) { defineMetric(input: $input) { id } }',
      {
        input: {
          participantId,
          kind: 'PARTICIPANT_DEFINED',
          name: 'Good days',
          domain: 'QUALITY_OF_LIFE',
          scale: 'COUNT',
          better: 'HIGHER',
          idempotencyKey: 'metric-key-0004',
        },
      },
      { token: as.sam.accessToken },
    );
    const RECORD = 'mutation R($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id win { id } } }';
    await t.gql.data(
      RECORD,
      { input: { metricId: metric.defineMetric.id, value: 1, source: 'SELF_REPORT' } },
      { token: as.sam.accessToken },
    );
    t.clock.advance(1000);
    const input = {
      metricId: metric.defineMetric.id,
      value: 3,
      source: 'SELF_REPORT',
      idempotencyKey: 'measure-key-0005',
    };
    const first = await t.gql.data<{ recordMeasurement: { id: string; win: { id: string } | null } }>(
      RECORD,
      { input },
      { token: as.sam.accessToken },
    );
    const retry = await t.gql.data<{ recordMeasurement: { id: string; win: { id: string } | null } }>(
      RECORD,
      { input },
      { token: as.sam.accessToken },
    );
    expect(retry.recordMeasurement).toEqual(first.recordMeasurement);
    expect(first.recordMeasurement.win).not.toBeNull();
    const progress = await t.gql.data<{
      progress: { domains: { participantDefined: { metric: { id: string }; values: number[] }[] }[] };
    }>(
      'query P($id: ID!) { progress(participantId: $id) { domains { participantDefined { metric { id } values } } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    const series = progress.progress.domains
      .flatMap((d) => d.participantDefined)
      .find((s) => s.metric.id === metric.defineMetric.id)!;
    expect(series.values).toEqual([1, 3]);
  });

  it('a retried new participant is created once', async () => {
    const CREATE = 'mutation C($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }';
    const input = { preferredName: 'Kai', idempotencyKey: 'new-participant-0006' };
    const [a, b] = await Promise.all([
      t.gql.data<{ createParticipant: { id: string } }>(CREATE, { input }, { token: as.housing.accessToken }),
      t.gql.data<{ createParticipant: { id: string } }>(CREATE, { input }, { token: as.housing.accessToken }),
    ]);
    expect(a.createParticipant.id).toBe(b.createParticipant.id);
    const caseload = await t.gql.data<{ caseload: { participant: { preferredName: string } }[] }>(
      '{ caseload { participant { preferredName } } }',
      {},
      { token: as.housing.accessToken },
    );
    expect(caseload.caseload.filter((entry) => entry.participant.preferredName === 'Kai')).toHaveLength(1);
  });
});
