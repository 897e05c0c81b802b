import {
  demoApiProcess,
  collectPlanEvents,
  connectRealtime,
  GraphQLTestClient,
  joinPlan,
  signInDemo,
  waitFor,
  type RealtimeClient,
} from '@roundtable/testing';

jest.setTimeout(180_000);

/**
 * API_PROCESSES=2 (issue 18, "both cores"): one port, two API processes under node:cluster,
 * joined by the cluster adapter (no Redis). The primary hands connections to the workers in
 * turn, so of six sockets opened one after another some are on each process; a change made
 * through either process reaches every one of them, live and in order. Without the adapter
 * the sockets on the other process would never hear it (only the committing process publishes).
 */
describe('several API processes on one machine (node:cluster, no Redis)', () => {
  const started = demoApiProcess({ API_PROCESSES: '2' });

  it('serves one port from two processes whose sockets all hear every change, and stops them all on SIGTERM', async () => {
    const { api } = started;
    // The primary says ready once both listen; each worker logs its own line just after.
    const workerPids = () =>
      new Set(
        api
          .stdoutLines()
          .map((line) => JSON.parse(line) as { msg?: string; pid?: number })
          .filter((entry) => entry.msg === 'Roundtable API process is ready')
          .map((entry) => entry.pid),
      );
    await waitFor(() => workerPids().size === 2, 10_000);
    expect(workerPids().has(api.child.pid)).toBe(false);

    const gql = new GraphQLTestClient(api.url);
    const as = await signInDemo(gql, ['sam', 'cm']);
    const participantId = as.sam.account.participantId!;
    const sockets: RealtimeClient[] = [];
    for (let i = 0; i < 6; i++)
      sockets.push(await connectRealtime(api.url, i % 2 ? as.sam.accessToken : as.cm.accessToken));
    const received = sockets.map((socket) => collectPlanEvents(socket));
    for (const socket of sockets) expect(await joinPlan(socket, participantId)).toMatchObject({ ok: true });

    const texts = ['Ask about the bus pass at the front desk', 'Bring the letter from the landlord'];
    for (const [i, text] of texts.entries()) {
      await gql.data(
        'mutation A($input: AddStepInput!) { addStep(input: $input) { id } }',
        { input: { participantId, text } },
        { token: (i ? as.sam : as.cm).accessToken },
      );
    }
    // Joining without a cursor replays the plan's history first: only these two steps count here.
    const stepsSeen = (events: (typeof received)[number]) =>
      events
        .filter((event) => event.type === 'STEP_ADDED' && texts.some((text) => event.summary.endsWith(text)))
        .map((event) => event.summary);
    await waitFor(() => received.every((events) => stepsSeen(events).length === texts.length), 10_000);
    for (const events of received) expect(stepsSeen(events)).toEqual(texts.map((text) => `Step added: ${text}`));
    for (const socket of sockets) socket.close();

    await api.kill('SIGTERM');
    expect(api.child.exitCode).toBe(0);
    expect(api.stdoutLines().join('\n')).toMatch(/Roundtable API stopped/);
    const stopped = api
      .stdoutLines()
      .filter((line) => line.includes('"msg":"Roundtable API stopped"'))
      .map((line) => (JSON.parse(line) as { pid: number }).pid);
    // Each worker and the primary said so.
    expect(new Set(stopped).size).toBe(3);
  });
});
