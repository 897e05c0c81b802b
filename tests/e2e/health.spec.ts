import { startTestApp, withAdminClient, type TestApp } from '@roundtable/testing';

describe('health endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('ready turns 503 when the database goes away, while live stays 200', async () => {
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);
    await withAdminClient((client) => client.query(`DROP DATABASE "${t.database.name}" WITH (FORCE)`));

    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', checks: { database: 'down' } });
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
  });
});
