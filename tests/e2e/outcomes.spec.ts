import { DataSource } from 'typeorm';
import {
  allTimelineEvents,
  collectPlanEvents,
  connectRealtime,
  countSqlStatements,
  errorCode,
  expressGoal,
  joinPlan,
  signInDemoPeople,
  startTestApp,
  waitFor,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';
import type { PlanEventMessage } from '@roundtable/contracts';

const PROGRESS = `query P($id: ID!) {
  progress(participantId: $id) {
    domains {
      domain
      participantDefined { metric { id name kind label } trend baseline { value } latest { value } times values }
      clinical { metric { id name kind label catalogueCode } trend baseline { value } latest { value } times values }
    }
  }
}`;
const WINS =
  'query W($id: ID!) { wins(participantId: $id, first: 100) { edges { node { id text source label confirmed version } } pageInfo { hasNextPage } } }';
const DEFINE =
  'mutation D($input: DefineMetricInput!) { defineMetric(input: $input) { id name label scale minimum maximum better } }';
const RECORD =
  'mutation R($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id value win { id text source label } } }';

interface SeriesView {
  metric: { id: string; name: string; kind: string; label: string; catalogueCode?: string };
  trend: string;
  baseline: { value: number } | null;
  latest: { value: number } | null;
  times: string[];
  values: number[];
}
interface ProgressView {
  domains: { domain: string; participantDefined: SeriesView[]; clinical: SeriesView[] }[];
}
interface WinView {
  id: string;
  text: string;
  source: string;
  label: string;
  confirmed: boolean;
  version: number;
}

describe('success, side by side: metrics, measurements, wins and setbacks', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => ({ participantId } = await signInDemoPeople(t.gql, ['cm', 'md', 'housing', 'sam'], as)));
  afterAll(() => t.close());

  const progressAs = (who: string) =>
    t.gql
      .data<{ progress: ProgressView }>(PROGRESS, { id: participantId }, { token: as[who].accessToken })
      .then((d) => d.progress);
  const winsAs = (who: string) =>
    t.gql
      .data<{ wins: { edges: { node: WinView }[] } }>(WINS, { id: participantId }, { token: as[who].accessToken })
      .then((d) => d.wins.edges.map((e) => e.node));
  const series = (progress: ProgressView, name: string) =>
    progress.domains.flatMap((d) => [...d.participantDefined, ...d.clinical]).find((s) => s.metric.name === name)!;
  const define = (who: string, input: Record<string, unknown>) =>
    t.gql.request<{ defineMetric: { id: string; label: string } }>(
      DEFINE,
      { input: { participantId, ...input } },
      { token: as[who].accessToken },
    );
  const record = (who: string, input: Record<string, unknown>) =>
    t.gql.request<{ recordMeasurement: { id: string; win: WinView | null } }>(
      RECORD,
      { input },
      { token: as[who].accessToken },
    );

  it('groups by life domain, the participant’s own measures first, clinical beside them', async () => {
    const progress = await progressAs('sam');
    expect(progress.domains.map((d) => d.domain)).toEqual([
      'QUALITY_OF_LIFE',
      'HEALTH',
      'SAFETY',
      'HOUSING',
      'EMOTIONAL_WELLBEING',
      'SUBSTANCE_USE',
    ]);
    const housing = progress.domains.find((d) => d.domain === 'HOUSING')!;
    expect(housing.participantDefined.map((s) => s.metric.name)).toEqual(['Getting my own place (goal attainment)']);
    expect(housing.clinical.map((s) => s.metric.name)).toEqual(['Nights housed (last 30)']);
    const safe = series(progress, 'Days I felt safe this week');
    expect(safe.times).toHaveLength(26);
    expect(safe.values).toHaveLength(26);
    expect(safe.trend).toBe('TOWARD_BETTER');
  });

  it('reads trends in each metric’s own direction: lower is better for PHQ-9 and viral load', async () => {
    const progress = await progressAs('md');
    const phq9 = series(progress, 'PHQ-9 (depression)');
    expect([phq9.baseline!.value, phq9.latest!.value, phq9.trend]).toEqual([17, 9, 'TOWARD_BETTER']);
    expect(series(progress, 'HIV viral load').trend).toBe('TOWARD_BETTER');
    // A team member's value is never labelled as the participant's own report (rules 1, 4).
    const posing = await record('md', { metricId: phq9.metric.id, value: 12, source: 'SELF_REPORT' });
    expect(posing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.source' });
    expect(series(await progressAs('md'), 'PHQ-9 (depression)').latest!.value).toBe(9);
    const worse = await record('md', { metricId: phq9.metric.id, value: 19, source: 'CLINICIAN' });
    expect(worse.data!.recordMeasurement.win).toBeNull();
    expect(series(await progressAs('md'), 'PHQ-9 (depression)').trend).toBe('AWAY_FROM_BETTER');
  });

  it('a measure in the participant’s own words is theirs to fill in: staff record values on clinical measures only', async () => {
    const progress = await progressAs('cm');
    const own = series(progress, 'Days I felt safe this week');
    const before = own.values.length;
    const answer = await record('cm', { metricId: own.metric.id, value: 1, source: 'CLINICIAN' });
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(answer.errors?.[0]?.message).toContain('own words');
    expect(series(await progressAs('cm'), 'Days I felt safe this week').values).toHaveLength(before);
    // The participant fills in their own; the team's clinical measure still takes the team's value.
    const mine = await record('sam', { metricId: own.metric.id, value: 5, source: 'SELF_REPORT' });
    expect(mine.errors).toBeUndefined();
    const nights = series(progress, 'Nights housed (last 30)');
    const team = await record('housing', { metricId: nights.metric.id, value: 20, source: 'PROGRAM_RECORD' });
    expect(team.errors).toBeUndefined();
  });

  it('housing sees only what is theirs to see in progress: no mental-health or substance-use series, no empty groups', async () => {
    const progress = await progressAs('housing');
    expect(progress.domains.map((d) => d.domain)).toEqual(['QUALITY_OF_LIFE', 'SAFETY', 'HOUSING']);
    expect(JSON.stringify(progress)).not.toMatch(/PHQ|Naloxone|viral|SUBSTANCE_USE|MENTAL_HEALTH|HEALTH"/i);
  });

  it.each([
    [{ name: 'Goal attainment', domain: 'OTHER', scale: 'GOAL_ATTAINMENT', better: 'HIGHER' }, 3],
    [{ name: 'Slept indoors', domain: 'HOUSING', scale: 'YES_NO', better: 'HIGHER' }, 2],
    [{ name: 'Meals eaten', domain: 'HEALTH', scale: 'COUNT', better: 'HIGHER' }, -1],
    [{ name: 'Energy', domain: 'QUALITY_OF_LIFE', scale: 'NUMBER', minimum: 0, maximum: 10, better: 'HIGHER' }, 10.5],
    [
      {
        name: 'Mood',
        domain: 'QUALITY_OF_LIFE',
        scale: 'ORDERED_LABELS',
        orderedLabels: ['low', 'okay', 'good'],
        better: 'HIGHER',
      },
      3,
    ],
  ])('refuses a value off the scale with BAD_USER_INPUT naming input.value (%j, %d)', async (definition, value) => {
    const metric = (await define('sam', { kind: 'PARTICIPANT_DEFINED', ...definition })).data!.defineMetric;
    const response = await record('sam', { metricId: metric.id, value, source: 'SELF_REPORT' });
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.value' });
  });

  it('refuses an incomplete or unknown metric definition, naming the field', async () => {
    expect((await define('md', { kind: 'CLINICAL', catalogueCode: 'NOT_A_CODE' })).errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.catalogueCode',
    });
    expect(
      (
        await define('sam', {
          kind: 'PARTICIPANT_DEFINED',
          name: 'x',
          domain: 'OTHER',
          scale: 'NUMBER',
          minimum: 5,
          maximum: 1,
          better: 'HIGHER',
        })
      ).errors![0].extensions,
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.maximum' });
  });

  it('tracking an amount of substance use exists only when the participant opts in', async () => {
    const drinksPerDay = {
      kind: 'PARTICIPANT_DEFINED',
      name: 'Drinks per day',
      domain: 'OTHER',
      scale: 'COUNT',
      better: 'LOWER',
      tracksSubstanceAmount: true,
    };
    const byStaff = await define('cm', drinksPerDay);
    expect(errorCode(byStaff)).toBe('FORBIDDEN');
    const mine = await define('sam', drinksPerDay);
    expect(mine.data!.defineMetric.label).toBe('SUBSTANCE_USE');
  });

  it('a measurement moving the better way is a win; a step done and a stage moving forward are wins too', async () => {
    const life = series(await progressAs('sam'), 'How life is going, 0 to 10');
    const better = await record('sam', { metricId: life.metric.id, value: 9, source: 'SELF_REPORT' });
    expect(better.data!.recordMeasurement.win).toMatchObject({
      source: 'MEASUREMENT',
      text: 'How life is going, 0 to 10: 8 → 9',
      label: 'GENERAL',
    });

    const goal = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Join the library',
      domain: 'QUALITY_OF_LIFE',
    });
    const step = await t.gql.data<{ addStep: { id: string; version: number } }>(
      'mutation A($input: AddStepInput!) { addStep(input: $input) { id version } }',
      { input: { participantId, goalId: goal.id, text: 'Ask about a card' } },
      { token: as.sam.accessToken },
    );
    await t.gql.data(
      'mutation D($input: SetStepDoneInput!) { setStepDone(input: $input) { done } }',
      { input: { stepId: step.addStep.id, expectedVersion: step.addStep.version, done: true } },
      { token: as.sam.accessToken },
    );
    const rate = 'mutation S($input: RateStageInput!) { rateStage(input: $input) { stage version } }';
    let version = goal.version;
    for (const stage of ['CONTEMPLATION', 'ACTION', 'PREPARATION']) {
      const rated = await t.gql.data<{ rateStage: { version: number } }>(
        rate,
        { input: { goalId: goal.id, stage, expectedVersion: version } },
        { token: as.sam.accessToken },
      );
      version = rated.rateStage.version;
    }

    const texts = (await winsAs('sam')).map((w) => [w.source, w.text]);
    expect(texts).toEqual(
      expect.arrayContaining([
        ['STEP_DONE', 'Done: Ask about a card'],
        ['STAGE_FORWARD', 'Moved forward to action: Join the library'],
      ]),
    );
    expect(
      texts.filter(([source, text]) => source === 'STAGE_FORWARD' && text.includes('Join the library')),
    ).toHaveLength(1);
  });

  it('anyone proposes a win; the participant confirms it', async () => {
    const proposed = await t.gql.data<{ proposeWin: WinView }>(
      'mutation P($input: ProposeWinInput!) { proposeWin(input: $input) { id text source confirmed version label } }',
      { input: { participantId, text: 'Came to every appointment this month' } },
      { token: as.cm.accessToken },
    );
    expect(proposed.proposeWin).toMatchObject({ source: 'PROPOSED', confirmed: false });
    expect(
      errorCode(
        await t.gql.request(
          'mutation C($input: WinVersionInput!) { confirmWin(input: $input) { id } }',
          { input: { winId: proposed.proposeWin.id, expectedVersion: 1 } },
          { token: as.cm.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    const confirmed = await t.gql.data<{ confirmWin: WinView }>(
      'mutation C($input: WinVersionInput!) { confirmWin(input: $input) { confirmed } }',
      { input: { winId: proposed.proposeWin.id, expectedVersion: 1 } },
      { token: as.sam.accessToken },
    );
    expect(confirmed.confirmWin.confirmed).toBe(true);
  });

  it('a hidden win stays hidden: from every list and timeline, for everyone; open screens drop it at once', async () => {
    const proposed = await t.gql.data<{ proposeWin: WinView }>(
      'mutation P($input: ProposeWinInput!) { proposeWin(input: $input) { id } }',
      { input: { participantId, text: 'Tidied the shelter locker' } },
      { token: as.cm.accessToken },
    );
    // Sam's other device and Alex's screen are open on the plan while Sam hides it.
    const samPhone = await connectRealtime(t.url, as.sam.accessToken);
    const alexScreen = await connectRealtime(t.url, as.cm.accessToken);
    const onPhone = collectPlanEvents(samPhone);
    const onAlex = collectPlanEvents(alexScreen);
    await joinPlan(samPhone, participantId);
    await joinPlan(alexScreen, participantId);
    await t.gql.data(
      'mutation H($id: ID!) { hideWin(winId: $id) }',
      { id: proposed.proposeWin.id },
      { token: as.sam.accessToken },
    );
    const hidden = (events: PlanEventMessage[]) =>
      events.filter((event) => event.type === 'WIN_HIDDEN' && event.itemId === proposed.proposeWin.id);
    await waitFor(() => hidden(onPhone).length === 1 && hidden(onAlex).length === 1);
    expect(JSON.stringify(hidden(onPhone))).not.toContain('Tidied the shelter locker');
    // A screen reconnecting from before the win was proposed replays none of its events, the hiding included.
    const [{ label, sequence }] = hidden(onPhone);
    const later = await connectRealtime(t.url, as.sam.accessToken);
    const replayed = collectPlanEvents(later);
    const ack = await joinPlan(later, participantId, { [label]: Math.max(0, sequence - 3) });
    expect(ack).toMatchObject({ ok: true });
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.filter((event) => event.itemId === proposed.proposeWin.id)).toEqual([]);
    for (const socket of [samPhone, alexScreen, later]) socket.close();
    for (const who of ['sam', 'cm']) {
      expect((await winsAs(who)).map((w) => w.id)).not.toContain(proposed.proposeWin.id);
      const timeline = await allTimelineEvents(t.gql, as[who].accessToken, participantId);
      expect(timeline.map((e) => e.itemId)).not.toContain(proposed.proposeWin.id);
      expect(JSON.stringify(timeline)).not.toContain('Tidied the shelter locker');
    }
    const again = await t.gql.request(
      'mutation H($id: ID!) { hideWin(winId: $id) }',
      { id: proposed.proposeWin.id },
      { token: as.sam.accessToken },
    );
    // Hiding twice (a retry from a flaky connection) changes nothing and answers like the first.
    expect(again.data).toEqual({ hideWin: true });
    expect((await winsAs('sam')).map((w) => w.id)).not.toContain(proposed.proposeWin.id);
    // For the team the hidden win answers exactly like an id that never existed.
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [proposed.proposeWin.id, unknown]) {
      const byStaff = await t.gql.request(
        'mutation H($id: ID!) { hideWin(winId: $id) }',
        { id },
        {
          token: as.cm.accessToken,
        },
      );
      expect(byStaff.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
      expect(byStaff.errors?.[0]?.message).toBe(
        (
          await t.gql.request(
            'mutation H($id: ID!) { hideWin(winId: $id) }',
            { id: unknown },
            {
              token: as.cm.accessToken,
            },
          )
        ).errors?.[0]?.message,
      );
    }
  });

  it('a setback never removes a win and changes no status; a return to use links only to abstinence goals', async () => {
    const winsBefore = (await winsAs('sam')).map((w) => w.id).sort();
    const abstinence = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Stop drinking for Ramadan',
      domain: 'SUBSTANCE_USE',
      options: ['ABSTINENCE'],
    });
    const other = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Cut down smoking',
      domain: 'SUBSTANCE_USE',
      options: ['MODERATION'],
    });
    const SETBACK =
      'mutation S($input: RecordSetbackInput!) { recordSetback(input: $input) { id label planReview returnToUse version withParticipant } }';

    const wrongGoal = await t.gql.request(
      SETBACK,
      { input: { participantId, returnToUse: true, goalIds: [other.id] } },
      { token: as.sam.accessToken },
    );
    expect(wrongGoal.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.goalIds' });
    const staffAlone = await t.gql.request(
      SETBACK,
      { input: { participantId, reflection: 'Noted in chart' } },
      { token: as.cm.accessToken },
    );
    expect(errorCode(staffAlone)).toBe('FORBIDDEN');

    const setback = await t.gql.data<{
      recordSetback: { id: string; label: string; planReview: string; version: number };
    }>(
      SETBACK,
      { input: { participantId, returnToUse: true, goalIds: [abstinence.id], reflection: 'Had a drink at the wake.' } },
      { token: as.sam.accessToken },
    );
    expect(setback.recordSetback).toMatchObject({ label: 'SUBSTANCE_USE', planReview: 'OFFERED' });
    const declined = await t.gql.data<{ answerPlanReview: { planReview: string } }>(
      'mutation A($input: AnswerPlanReviewInput!) { answerPlanReview(input: $input) { planReview } }',
      { input: { setbackId: setback.recordSetback.id, expectedVersion: setback.recordSetback.version, accept: false } },
      { token: as.sam.accessToken },
    );
    expect(declined.answerPlanReview.planReview).toBe('DECLINED');

    expect(
      (await winsAs('sam'))
        .map((w) => w.id)
        .filter((id) => winsBefore.includes(id))
        .sort(),
    ).toEqual(winsBefore);
    const { plan } = await t.gql.data<{ plan: { goals: { id: string; lifecycle: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id lifecycle } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    expect(plan.goals.find((g) => g.id === abstinence.id)!.lifecycle).toBe('ACTIVE');
    // Housing never learns of it.
    const housingTimeline = await allTimelineEvents(t.gql, as.housing.accessToken, participantId);
    expect(housingTimeline.map((e) => e.itemId)).not.toContain(setback.recordSetback.id);
  });

  it('the demo’s earlier wins still stand after its setback', async () => {
    const wins = await winsAs('sam');
    expect(wins.filter((w) => w.source === 'MEASUREMENT').length).toBeGreaterThan(10);
    const timeline = await allTimelineEvents(t.gql, as.sam.accessToken, participantId);
    expect(timeline.some((e) => e.type === 'SETBACK_RECORDED')).toBe(true);
  });

  it('lists a metric’s measurements newest first, page by page, only for those who may see it', async () => {
    const progress = await progressAs('sam');
    const safe = series(progress, 'Days I felt safe this week');
    const PAGE =
      'query M($id: ID!, $after: String) { measurements(metricId: $id, first: 10, after: $after) { edges { node { value at recordedBy { displayName } } } pageInfo { hasNextPage endCursor } } }';
    const values: number[] = [];
    const times: string[] = [];
    for (let after: string | null = null, pages = 0; ; pages++) {
      const page: {
        measurements: {
          edges: { node: { value: number; at: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      } = await t.gql.data(PAGE, { id: safe.metric.id, after }, { token: as.sam.accessToken });
      values.push(...page.measurements.edges.map((e) => e.node.value));
      times.push(...page.measurements.edges.map((e) => e.node.at));
      expect(pages).toBeLessThan(3);
      if (!page.measurements.pageInfo.hasNextPage) break;
      after = page.measurements.pageInfo.endCursor;
    }
    expect(values).toEqual([...safe.values].reverse());
    expect(times).toEqual([...safe.times].reverse());

    const phq9 = series(await progressAs('md'), 'PHQ-9 (depression)');
    const hidden = await t.gql.request(PAGE, { id: phq9.metric.id }, { token: as.housing.accessToken });
    const unknown = await t.gql.request(
      PAGE,
      { id: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918' },
      { token: as.housing.accessToken },
    );
    expect(errorCode(hidden)).toBe('NOT_FOUND');
    expect(hidden.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('progress costs the same SQL whatever the number of metrics and measurements', async () => {
    const count = () => countSqlStatements(t.app, () => progressAs('sam'));
    const before = await count();
    // 20 more metrics with 200 measurements each (4,000), inserted directly as fixture data.
    await t.app.get(DataSource).query(
      `WITH metrics AS (
         INSERT INTO metric (participant_id, kind, name, domain, label, scale, minimum, maximum, better, defined_by, created_at)
         SELECT $1, 'CLINICAL', 'Bulk ' || n, 'HEALTH', 'HEALTH', 'NUMBER', 0, 1000, 'LOWER', $2, now() FROM generate_series(1, 20) n
         RETURNING id)
       INSERT INTO measurement (participant_id, metric_id, label, value, at, source, recorded_by, created_at)
       SELECT $1, metrics.id, 'HEALTH', random() * 1000, now() - (m || ' hours')::interval, 'LAB', $2, now()
         FROM metrics, generate_series(1, 200) m`,
      [participantId, as.md.account.id],
    );
    const after = await count();
    expect(after).toBe(before);
    const progress = await progressAs('sam');
    expect(
      progress.domains
        .find((d) => d.domain === 'HEALTH')!
        .clinical.filter((s) => s.metric.name.startsWith('Bulk'))
        .every((s) => s.values.length === 200),
    ).toBe(true);
    console.log(`progress read: ${after} SQL statements for 7 or 27 metrics and ~4,100 measurements`);
  });

  it('without times or values, baseline, latest and trend are the ones the whole series gives', async () => {
    // Edge cases beside the bulk series: no measurement, one, and two at the same moment
    // (the one recorded later is the latest, as in the series read).
    await t.app.get(DataSource).query(
      `WITH metrics AS (
         INSERT INTO metric (participant_id, kind, name, domain, label, scale, minimum, maximum, better, defined_by, created_at)
         SELECT $1, 'CLINICAL', 'Ends ' || n, 'HEALTH', 'HEALTH', 'NUMBER', 0, 1000, 'HIGHER', $2, now() FROM generate_series(0, 2) n
         RETURNING id, name)
       INSERT INTO measurement (participant_id, metric_id, label, value, at, source, recorded_by, created_at)
       SELECT $1, metrics.id, 'HEALTH', 10 * m, '2026-01-01T00:00:00Z', 'LAB', $2, now() + (m || ' seconds')::interval
         FROM metrics, generate_series(1, 2) m WHERE m <= substring(metrics.name FROM 6)::int`,
      [participantId, as.md.account.id],
    );
    const ENDS = `query P($id: ID!) { progress(participantId: $id) { domains { domain
      participantDefined { metric { id } trend baseline { value at } latest { value at } }
      clinical { metric { id } trend baseline { value at } latest { value at } } } } }`;
    const WHOLE = ENDS.replaceAll('latest { value at }', 'latest { value at } times values');
    const read = async (query: string) =>
      (await t.gql.data<{ progress: ProgressView }>(query, { id: participantId }, { token: as.md.accessToken }))
        .progress;
    const ends = await read(ENDS);
    const whole = await read(WHOLE);
    const withoutSeries = JSON.parse(
      JSON.stringify(whole, (key, value: unknown) => (key === 'times' || key === 'values' ? undefined : value)),
    ) as ProgressView;
    expect(ends).toEqual(withoutSeries);
    const health = whole.domains.find((d) => d.domain === 'HEALTH')!.clinical;
    expect(health.length).toBeGreaterThan(20);
    const byName = await t.gql.data<{ progress: ProgressView }>(
      PROGRESS,
      { id: participantId },
      { token: as.md.accessToken },
    );
    const named = byName.progress.domains.find((d) => d.domain === 'HEALTH')!.clinical;
    const ofName = (name: string) => named.find((s) => s.metric.name === name)!;
    expect([ofName('Ends 0').baseline, ofName('Ends 0').latest]).toEqual([null, null]);
    expect([ofName('Ends 1').baseline!.value, ofName('Ends 1').latest!.value]).toEqual([10, 10]);
    expect([ofName('Ends 2').baseline!.value, ofName('Ends 2').latest!.value]).toEqual([10, 20]);
  });
});
