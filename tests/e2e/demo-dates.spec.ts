import { DataSource } from 'typeorm';
import { DEFAULT_DEMO_PASSWORD, keepDemoConferenceNextWeek, nextWeekThursdayAtTen, seedDemo } from '@roundtable/server';
import { startTestApp, type TestApp } from '@roundtable/testing';

const DAY = 86_400_000;

describe('demo data on every start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  }, 180_000);
  afterAll(() => t.close());

  const census = async () => {
    const [row] = (await t.app.get(DataSource).query(
      `SELECT (SELECT count(*) FROM account)::int AS accounts, (SELECT count(*) FROM conference)::int AS conferences,
              (SELECT count(*) FROM plan_event)::int AS events,
              (SELECT scheduled_for FROM conference WHERE status = 'SCHEDULED') AS upcoming`,
    )) as { accounts: number; conferences: number; events: number; upcoming: Date }[];
    return row;
  };

  it("seeds next week's conference on Thursday of next week", async () => {
    expect((await census()).upcoming).toEqual(nextWeekThursdayAtTen(t.clock.now()));
  });

  it('a later start keeps it next week and duplicates nothing', async () => {
    const before = await census();
    t.clock.advance(23 * DAY);
    // What startServer does on every start of an already seeded database.
    expect(await seedDemo(t.app, DEFAULT_DEMO_PASSWORD)).toBe(false);
    expect(await keepDemoConferenceNextWeek(t.app.get(DataSource), t.clock.now())).toBe(1);
    const after = await census();
    expect(after.upcoming).toEqual(nextWeekThursdayAtTen(t.clock.now()));
    expect(after.upcoming.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect({ ...after, upcoming: undefined }).toEqual({ ...before, upcoming: undefined });
    // Starting again the same day moves nothing.
    expect(await keepDemoConferenceNextWeek(t.app.get(DataSource), t.clock.now())).toBe(0);
  });
});
