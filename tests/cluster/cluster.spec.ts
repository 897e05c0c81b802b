import { Client } from 'pg';
import type { PlanEventMessage } from '@roundtable/contracts';
import {
  collectPlanEvents,
  connectRealtime,
  createTestDatabase,
  GraphQLTestClient,
  joinPlan,
  LIVE_FROM_NOW,
  LOGIN,
  runNarrowingRounds,
  seededRandom,
  startApiProcess,
  TEST_JWT_SECRET,
  waitFor,
  watchSocket,
  type ApiProcess,
  type NarrowingRoom,
  type RealtimeClient,
  type TestDatabase,
  type WatchedSocket,
} from '@roundtable/testing';

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) throw new Error('The cluster tests need REDIS_URL (e.g. redis://127.0.0.1:6379)');

const EXPRESS = 'mutation E($input: ExpressGoalInput!) { expressGoal(input: $input) { id } }';

/** Two API processes on one database, joined by Redis: what a client sees when nodes come and go. */
describe('two API nodes behind Redis', () => {
  let database: TestDatabase;
  let nodeA: ApiProcess;
  let nodeB: ApiProcess;
  const sockets: RealtimeClient[] = [];
  let participantId: string;
  let samToken: string;
  let cmToken: string;

  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: REDIS_URL!,
    JWT_SECRET: TEST_JWT_SECRET,
    OUTBOX_SWEEP_MS: '250',
  });
  const signInOn = async (node: ApiProcess, identifier: string) => {
    const data = await new GraphQLTestClient(node.url).data<{
      login: { accessToken: string; account: { id: string; participantId: string | null } };
    }>(LOGIN, {
      identifier,
      password: 'roundtable-demo',
    });
    return data.login;
  };
  const express = (node: ApiProcess, text: string, domain = 'HOUSING') =>
    new GraphQLTestClient(node.url).data<{ expressGoal: { id: string } }>(
      EXPRESS,
      { input: { participantId, text, domain } },
      { token: samToken },
    );
  const socketOn = async (node: ApiProcess, token: string) => {
    const socket = await connectRealtime(node.url, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    nodeA = await startApiProcess({ ...env(), SEED_DEMO: 'true' });
    nodeB = await startApiProcess(env());
    const sam = await signInOn(nodeA, 'participant@demo.test');
    samToken = sam.accessToken;
    participantId = sam.account.participantId!;
    cmToken = (await signInOn(nodeB, 'cm@demo.test')).accessToken;
    // Two processes migrating, seeding and starting on a loaded machine can take a while.
  }, 180_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([nodeA?.kill(), nodeB?.kill()]);
    await database?.drop();
  });

  it('an edit made on node B reaches a client connected to node A', async () => {
    const onA = await socketOn(nodeA, cmToken);
    const received = collectPlanEvents(onA);
    expect(await joinPlan(onA, participantId, LIVE_FROM_NOW)).toMatchObject({ ok: true, replayed: 0 });
    const goal = await express(nodeB, 'Edited on node B');
    await waitFor(() => received.some((event) => event.itemId === goal.expressGoal.id));
  });

  it('a revoke on node B moves a socket on node A out of the stream at once', async () => {
    const housingToken = (await signInOn(nodeA, 'housing@demo.test')).accessToken;
    const onA = await socketOn(nodeA, housingToken);
    const drops: string[][] = [];
    onA.on('plan:drop', (message) => drops.push(message.labels));
    await joinPlan(onA, participantId, { GENERAL: 1e6, HOUSING: 1e6 });
    const client = new GraphQLTestClient(nodeB.url);
    const accounts = await client.data<{ whoSeesWhat: { member: { accountId: string; displayName: string } }[] }>(
      'query W($id: ID!) { whoSeesWhat(participantId: $id) { member { accountId displayName } } }',
      { id: participantId },
      { token: samToken },
    );
    const housingId = accounts.whoSeesWhat.find((entry) => entry.member.displayName === 'Marcus Lee')!.member.accountId;
    const grant = await client.data<{ grantVisibility: { id: string } }>(
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      { input: { participantId, label: 'LEGAL', accountId: housingId, endEvent: 'cluster test' } },
      { token: samToken },
    );
    await client.data(
      'mutation R($input: GrantIdInput!) { revokeVisibility(input: $input) { id } }',
      { input: { grantId: grant.grantVisibility.id } },
      { token: samToken },
    );
    await waitFor(() => drops.some((labels) => labels.includes('LEGAL')));
  });

  it('revocation beats delivery on every node: 100 rounds of "narrow on node B, then write at once" into a 20-socket room split across both nodes', async () => {
    const random = seededRandom('revocation beats delivery, two nodes');
    const people: Record<string, { accessToken: string; account: { id: string } }> = {};
    for (const who of ['md', 'cm', 'housing', 'peer']) people[who] = await signInOn(nodeA, `${who}@demo.test`);
    const watched: WatchedSocket[] = [];
    for (const who of ['md', 'cm', 'housing', 'peer', 'sam']) {
      for (let i = 0; i < 4; i++) {
        // Half of each person's sockets on each node: the narrowing and the writes go to node B.
        const socket = await socketOn(i % 2 ? nodeB : nodeA, who === 'sam' ? samToken : people[who].accessToken);
        watched.push(watchSocket(who, socket));
        expect(await joinPlan(socket, participantId, LIVE_FROM_NOW)).toMatchObject({ ok: true });
      }
    }
    const room: NarrowingRoom = {
      gql: new GraphQLTestClient(nodeB.url),
      participantId,
      tokens: { sam: samToken, cm: people.cm.accessToken },
      sockets: watched,
    };
    const counts = await runNarrowingRounds(room, {
      random,
      narrowed: { accountId: people.md.account.id, sockets: watched.filter((s) => s.who === 'md') },
      keepers: watched.filter((s) => s.who === 'cm'),
      housing: watched.filter((s) => s.who === 'housing'),
      rejoin: (socket) => joinPlan(socket, participantId, LIVE_FROM_NOW),
    });
    console.log(`cluster revocation rounds: ${JSON.stringify(counts)}`);
    for (const { socket } of watched) socket.close();
  }, 600_000);

  it('when node A dies, its clients resync on node B with nothing lost and nothing twice', async () => {
    const onA = await socketOn(nodeA, cmToken);
    const beforeDeath = collectPlanEvents(onA);
    await joinPlan(onA, participantId);
    const cursor: Record<string, number> = {};
    const remember = (events: PlanEventMessage[]) => {
      for (const event of events) cursor[event.label] = Math.max(cursor[event.label] ?? 0, event.sequence);
    };
    await waitFor(() => beforeDeath.length > 0);
    remember(beforeDeath);

    await nodeA.kill('SIGKILL');
    const whileDown: string[] = [];
    for (let i = 0; i < 5; i++) whileDown.push((await express(nodeB, `While node A is down ${i}`)).expressGoal.id);

    const onB = await socketOn(nodeB, cmToken);
    const afterResync = collectPlanEvents(onB);
    const ack = await joinPlan(onB, participantId, cursor);
    expect(ack).toMatchObject({ ok: true, replayed: 5 });
    expect(afterResync.map((event) => event.itemId)).toEqual(whileDown);
    const keys = [...beforeDeath, ...afterResync].map((event) => `${event.label}:${event.sequence}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('an event committed just before its node died is still delivered by the survivor', async () => {
    const onB = await socketOn(nodeB, cmToken);
    const received = collectPlanEvents(onB);
    await joinPlan(onB, participantId, LIVE_FROM_NOW);
    // What a node leaves behind when it dies between commit and publish: a committed,
    // unpublished event (written here exactly as the plan event log writes one).
    const eventId = await (async () => {
      const db = new Client({ connectionString: database.url });
      await db.connect();
      try {
        await db.query('BEGIN');
        const [{ last_seq: seq }] = (
          await db.query(
            `INSERT INTO plan_label_sequence (participant_id, label, last_seq) VALUES ($1, 'HOUSING', 1)
             ON CONFLICT (participant_id, label) DO UPDATE SET last_seq = plan_label_sequence.last_seq + 1 RETURNING last_seq`,
            [participantId],
          )
        ).rows;
        const inserted = await db.query(
          `INSERT INTO plan_event (participant_id, label, seq, type, item_id, actor, occurred_at, payload, recorded_at)
           VALUES ($1, 'HOUSING', $2, 'GOAL_UPDATED', NULL, NULL, now(), '{"text": "Committed by a node that died", "lifecycle": "ACTIVE", "previousLifecycle": "ACTIVE", "label": "HOUSING"}', now() - interval '3 seconds')
           RETURNING id`,
          [participantId, seq],
        );
        await db.query('COMMIT');
        return inserted.rows[0].id as string;
      } finally {
        await db.end();
      }
    })();
    await waitFor(() => received.some((event) => event.id === eventId), 10_000);
    expect(received.find((event) => event.id === eventId)!.summary).toBe('Goal changed: Committed by a node that died');
  });
});
