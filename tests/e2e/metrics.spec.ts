import { DataSource } from 'typeorm';
import {
  connectRealtime,
  joinPlan,
  signInDemo,
  startTestApp,
  type RealtimeClient,
  type TestApp,
} from '@roundtable/testing';

/** One sample's value from Prometheus text, e.g. value(text, 'x_total{a="b"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

jest.setTimeout(60_000);

describe('/metrics (Prometheus)', () => {
  let t: TestApp;
  let socket: RealtimeClient;
  beforeAll(async () => {
    // No outbox sweep during the test, so an event made to wait stays unpublished.
    t = await startTestApp({ seedDemo: true, env: { OUTBOX_SWEEP_MS: '86400000' } });
  }, 180_000);
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  const scrape = async () => {
    const response = await fetch(`${t.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('serves every listed series over HTTP, without signing in', async () => {
    const { sam } = await signInDemo(t.gql, ['sam']);
    // A named query twice and one that fails, so counts, latency and outcomes show.
    await t.gql.data('query MyPlanCheck { me { id } }', {}, { token: sam.accessToken });
    await t.gql.data('query MyPlanCheck { me { id } }', {}, { token: sam.accessToken });
    await t.gql.request('query Refused { programAccounts { id } }', {}, { token: sam.accessToken });
    socket = await connectRealtime(t.url, sam.accessToken);
    expect((await joinPlan(socket, sam.account.participantId!)).ok).toBe(true);

    const text = await scrape();
    expect(sample(text, 'roundtable_graphql_operations_total{operation="MyPlanCheck",type="query",outcome="ok"}')).toBe(
      2,
    );
    expect(sample(text, 'roundtable_graphql_operations_total{operation="Refused",type="query",outcome="error"}')).toBe(
      1,
    );
    expect(
      sample(text, 'roundtable_graphql_operation_duration_seconds_count{operation="MyPlanCheck",type="query"}'),
    ).toBe(2);
    expect(text).toMatch(
      /^roundtable_graphql_operation_duration_seconds_bucket\{le="0\.5",operation="MyPlanCheck",type="query"\} 2$/m,
    );
    expect(sample(text, 'roundtable_realtime_open_sockets')).toBe(1);
    expect(sample(text, 'roundtable_realtime_plan_rooms')).toBe(1);
    expect(sample(text, 'roundtable_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'roundtable_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(sample(text, 'roundtable_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'roundtable_db_pool_connections{state="waiting"}')).toBeGreaterThanOrEqual(0);
    // The scrape itself reads nothing on the lanes, so nothing is in flight on them.
    expect(sample(text, 'roundtable_db_read_lane_statements')).toBe(0);
    // Counts and timings only: no participant's name, id or token.
    expect(text).not.toContain(sam.account.participantId!);
    expect(text).not.toMatch(/Sam/);
  });

  it('shows outbox lag when an event waits unpublished, and sockets leaving', async () => {
    const dataSource = t.app.get(DataSource);
    await dataSource.query(
      `UPDATE plan_event SET published_at = NULL, recorded_at = now() - interval '42 seconds'
        WHERE id = (SELECT id FROM plan_event ORDER BY recorded_at DESC LIMIT 1)`,
    );
    socket.close();
    let text = await scrape();
    for (let attempt = 0; attempt < 50 && sample(text, 'roundtable_realtime_open_sockets') !== 0; attempt++) {
      text = await scrape();
    }
    expect(sample(text, 'roundtable_realtime_open_sockets')).toBe(0);
    expect(sample(text, 'roundtable_outbox_lag_seconds')).toBeGreaterThanOrEqual(41);
  });

  it('gives client-chosen operation names a bounded set of labels', async () => {
    for (let index = 0; index < 205; index++) await t.gql.request(`query Probe${index} { __typename }`);
    const text = await scrape();
    expect(text).toContain('operation="Probe0"');
    expect(text).not.toContain('operation="Probe204"');
    expect(
      sample(text, 'roundtable_graphql_operations_total{operation="other",type="query",outcome="ok"}'),
    ).toBeGreaterThan(0);
  });
});
