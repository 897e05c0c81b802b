/// <reference lib="dom" />
import { allTimelineEvents, type SignedIn } from '@roundtable/testing';
import { eventually, startWebHarnessWithSam, type WebHarness } from './browser';

/**
 * The flaky phone: a change reaches the server, but its answer is lost on the way back. The
 * page queues it and sends it again with the same idempotency key when the connection
 * returns; the server answers with the current state, so the step is done once, with one
 * event and one win, and the page shows it done (without a key the retry would be a CONFLICT).
 */
describe('a change whose answer was lost is sent again and lands once', () => {
  let h: WebHarness, sam: SignedIn, samId: string;
  beforeAll(async () => ({ h, sam, samId } = await startWebHarnessWithSam()));
  afterAll(() => h?.close());

  it('ticks a step, loses the answer, retries with the same key, and the server changes it once', async () => {
    const text = 'Phone the bank about the card';
    const plan = await h.gql.data<{ plan: { goals: { id: string; text: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id text } } }',
      { id: samId },
      { token: sam.accessToken },
    );
    const home = plan.plan.goals.find((goal) => goal.text.startsWith('Get my own place'))!;
    const added = await h.gql.data<{ addStep: { id: string } }>(
      'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }',
      { input: { participantId: samId, goalId: home.id, text } },
      { token: sam.accessToken },
    );
    const { context, page } = await h.openSignedIn('sam');
    await page.getByText(text).waitFor();

    const keys: string[] = [];
    let lost = false;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('SetStepDone')) return route.continue();
      keys.push(
        (JSON.parse(body) as { variables: { input: { idempotencyKey: string } } }).variables.input.idempotencyKey,
      );
      if (lost) return route.continue();
      lost = true;
      await route.fetch(); // the server does the change...
      await route.abort('connectionreset'); // ...and the phone never hears back
    });

    await page.getByLabel(text).check();
    await page.getByText('1 change is not saved yet').waitFor();
    await context.setOffline(true);
    await context.setOffline(false);
    await page.getByText('1 change is not saved yet').waitFor({ state: 'detached' });

    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await eventually(async () => page.getByLabel(text).isChecked(), true);
    const events = await allTimelineEvents(h.gql, sam.accessToken, samId);
    expect(events.filter((event) => event.itemId === added.addStep.id && event.type === 'STEP_DONE')).toHaveLength(1);
    const wins = await h.gql.data<{ wins: { edges: { node: { text: string } }[] } }>(
      'query W($id: ID!) { wins(participantId: $id, first: 50) { edges { node { text } } } }',
      { id: samId },
      { token: sam.accessToken },
    );
    expect(wins.wins.edges.filter((edge) => edge.node.text.includes(text))).toHaveLength(1);
    await context.close();
  });
});
