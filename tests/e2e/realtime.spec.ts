import type { PlanEventMessage, PresenceMessage } from '@roundtable/contracts';
import { RealtimeGateway } from '@roundtable/realtime';
import {
  collectPlanEvents,
  connectRealtime,
  expressGoal,
  joinPlan,
  seededRandom,
  signIn,
  signInDemoPeople,
  SocketPool,
  startDemoApp,
  startTestApp,
  waitFor,
  type RealtimeClient,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

describe('realtime plan rooms over socket.io', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  const pool = new SocketPool();
  const connect = (who: string) => pool.connect(t.url, as[who].accessToken);
  /** Sam expresses a goal in their own words: the write whose event each test follows. */
  const samExpresses = (text: string, domain: string) =>
    expressGoal(t.gql, as.sam.accessToken, { participantId, text, domain });
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => {
    ({ participantId } = await signInDemoPeople(t.gql, ['cm', 'md', 'housing', 'peer', 'supervisor', 'sam'], as));
  });
  afterEach(() => {
    pool.closeAll();
  });
  afterAll(() => t.close());

  it('refuses a missing or bad token at the handshake with a code', async () => {
    await expect(connectRealtime(t.url, undefined)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    await expect(connectRealtime(t.url, 'not.a.token')).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  });

  it('a GraphQL change by one person reaches every other member’s socket', async () => {
    const cm = await connect('cm');
    const md = await connect('md');
    const [cmEvents, mdEvents] = [collectPlanEvents(cm), collectPlanEvents(md)];
    expect(
      await joinPlan(cm, participantId, {
        GENERAL: 1_000_000,
        HOUSING: 1_000_000,
        HEALTH: 1_000_000,
        MENTAL_HEALTH: 1_000_000,
        LEGAL: 1_000_000,
        SUBSTANCE_USE: 1_000_000,
      }),
    ).toMatchObject({ ok: true, replayed: 0 });
    expect(
      await joinPlan(md, participantId, {
        GENERAL: 1_000_000,
        HOUSING: 1_000_000,
        HEALTH: 1_000_000,
        MENTAL_HEALTH: 1_000_000,
        SUBSTANCE_USE: 1_000_000,
      }),
    ).toMatchObject({ ok: true, replayed: 0 });
    const goal = await samExpresses('Go swimming on Saturdays', 'HEALTH');
    await waitFor(() => cmEvents.length > 0 && mdEvents.length > 0);
    for (const events of [cmEvents, mdEvents]) {
      expect(events[0]).toMatchObject({
        participantId,
        type: 'GOAL_EXPRESSED',
        itemId: goal.id,
        label: 'HEALTH',
        summary: 'Goal added: Go swimming on Saturdays',
      });
    }
  });

  it('a housing worker’s socket never receives substance-use content, live or replayed, across many random events', async () => {
    const random = seededRandom('realtime label filter');
    const housing = await connect('housing');
    const cm = await connect('cm');
    const housingEvents = collectPlanEvents(housing);
    const cmEvents = collectPlanEvents(cm);
    const housingJoin = await joinPlan(housing, participantId);
    expect(housingJoin).toMatchObject({ ok: true, labels: ['GENERAL', 'HOUSING'] });
    await joinPlan(cm, participantId);
    const replayedToHousing = housingEvents.length;
    const before = cmEvents.length;

    const domains = ['HOUSING', 'SUBSTANCE_USE', 'OTHER', 'HEALTH', 'SUBSTANCE_USE'];
    const texts: string[] = [];
    for (let i = 0; i < 25; i++) {
      const domain = random.pick(domains);
      texts.push(`${domain} ${i}`);
      await samExpresses(`Random goal ${i} in ${domain}`, domain);
    }
    await waitFor(() => cmEvents.length - before === 25);
    const all = [...housingEvents];
    expect(replayedToHousing).toBeGreaterThan(0);
    expect(all.every((event) => event.label === 'GENERAL' || event.label === 'HOUSING')).toBe(true);
    expect(JSON.stringify(all)).not.toMatch(/naloxone|fentanyl|Never use alone|SUBSTANCE_USE/);
    // Housing got exactly the live events it may see.
    const visibleLive = cmEvents.slice(before).filter((event) => ['GENERAL', 'HOUSING'].includes(event.label));
    await waitFor(() => housingEvents.length - replayedToHousing === visibleLive.length);
    expect(housingEvents.slice(replayedToHousing).map((e) => e.id)).toEqual(visibleLive.map((e) => e.id));
  });

  it('a step done and the win it records reach each socket as one message, in commit order; a socket that may not see them gets none', async () => {
    const [cm, md, housing] = [await connect('cm'), await connect('md'), await connect('housing')];
    const messagesOf = (socket: RealtimeClient) => {
      const messages: PlanEventMessage[][] = [];
      socket.on('plan:events', (events) => messages.push(events));
      return messages;
    };
    for (const socket of [cm, md, housing]) await joinPlan(socket, participantId);
    const [cmMessages, mdMessages, housingMessages] = [messagesOf(cm), messagesOf(md), messagesOf(housing)];
    const step = (
      await t.gql.data<{ addStep: { id: string; version: number } }>(
        'mutation A($input: AddStepInput!) { addStep(input: $input) { id version } }',
        { input: { participantId, text: 'Ask about the detox bed', label: 'SUBSTANCE_USE' } },
        { token: as.cm.accessToken },
      )
    ).addStep;
    await waitFor(() => cmMessages.length === 1 && mdMessages.length === 1);
    await t.gql.data(
      'mutation S($input: SetStepDoneInput!) { setStepDone(input: $input) { id } }',
      { input: { stepId: step.id, expectedVersion: step.version, done: true } },
      { token: as.cm.accessToken },
    );
    await waitFor(() => cmMessages.length === 2 && mdMessages.length === 2);
    for (const messages of [cmMessages, mdMessages]) {
      const [done, win] = messages[1];
      expect(messages[1]).toHaveLength(2);
      expect(done).toMatchObject({ type: 'STEP_DONE', itemId: step.id, label: 'SUBSTANCE_USE' });
      expect(win).toMatchObject({ type: 'WIN_RECORDED', label: 'SUBSTANCE_USE', sequence: done.sequence + 1 });
    }
    // Something the housing worker may see, after: it arrives alone, with nothing of the above before it.
    await samExpresses('Keep the keys to my own place', 'HOUSING');
    await waitFor(() => housingMessages.length === 1 && cmMessages.length === 3);
    expect(housingMessages.map((events) => events.map((event) => event.type))).toEqual([['GOAL_EXPRESSED']]);
  });

  it('a client offline while N visible events happened receives exactly those N on rejoin, in order, no duplicates, nothing hidden', async () => {
    const first = await connect('housing');
    const seen = collectPlanEvents(first);
    await joinPlan(first, participantId);
    await waitFor(() => seen.length > 0);
    const cursor: Record<string, number> = {};
    for (const event of seen) cursor[event.label] = Math.max(cursor[event.label] ?? 0, event.sequence);
    first.close();

    const offline: string[] = [];
    for (const [i, domain] of ['HOUSING', 'SUBSTANCE_USE', 'OTHER', 'SUBSTANCE_USE', 'HOUSING'].entries()) {
      t.clock.advance(1000);
      const goal = await samExpresses(`While offline ${i}`, domain);
      if (domain !== 'SUBSTANCE_USE') offline.push(goal.id);
    }

    const again = await connect('housing');
    const replayed = collectPlanEvents(again);
    const ack = await joinPlan(again, participantId, cursor);
    expect(ack).toMatchObject({ ok: true, replayed: offline.length });
    expect(replayed.map((e) => e.itemId)).toEqual(offline);
    const keys = replayed.map((e) => `${e.label}:${e.sequence}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const label of ['GENERAL', 'HOUSING']) {
      const sequences = replayed.filter((e) => e.label === label).map((e) => e.sequence);
      expect(sequences).toEqual(sequences.map((_, i) => (cursor[label] ?? 0) + i + 1));
    }
  });

  it('a grant moves live sockets in at once, and a revoke moves them out at once', async () => {
    const housing = await connect('housing');
    const events = collectPlanEvents(housing);
    const drops: { labels: string[] }[] = [];
    const grows: { labels: string[] }[] = [];
    housing.on('plan:drop', (message) => drops.push(message));
    housing.on('plan:grow', (message) => grows.push(message));
    await joinPlan(housing, participantId, { GENERAL: 1_000_000, HOUSING: 1_000_000 });

    const grant = await t.gql.data<{ grantVisibility: { id: string } }>(
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      {
        input: { participantId, label: 'SUBSTANCE_USE', accountId: as.housing.account.id, endEvent: 'after the move' },
      },
      { token: as.sam.accessToken },
    );
    await waitFor(() => grows.length === 1);
    expect(grows[0].labels).toEqual(['SUBSTANCE_USE']);
    await samExpresses('Use with a buddy', 'SUBSTANCE_USE');
    await waitFor(() => events.some((e) => e.label === 'SUBSTANCE_USE'));

    await t.gql.data(
      'mutation R($input: GrantIdInput!) { revokeVisibility(input: $input) { id } }',
      { input: { grantId: grant.grantVisibility.id } },
      { token: as.sam.accessToken },
    );
    await waitFor(() => drops.length === 1);
    expect(drops[0].labels).toEqual(['SUBSTANCE_USE']);
    const countAfterRevoke = events.length;
    await samExpresses('Keep naloxone by the door', 'SUBSTANCE_USE');
    const marker = await samExpresses('Marker after revoke', 'HOUSING');
    await waitFor(() => events.some((e) => e.itemId === marker.id));
    expect(events.slice(countAfterRevoke).map((e) => e.label)).toEqual(['HOUSING']);
  });

  it('after plan:leave a socket receives nothing more from that plan, and can join again', async () => {
    // Cursors far ahead: no replay, only what happens from now on.
    const fromNow = { GENERAL: 1_000_000, HOUSING: 1_000_000, HEALTH: 1_000_000 };
    const cm = await connect('cm');
    const events = collectPlanEvents(cm);
    expect(await joinPlan(cm, participantId, fromNow)).toMatchObject({ ok: true });
    const before = events.length;
    expect(await cm.timeout(5000).emitWithAck('plan:leave', { participantId })).toEqual({ ok: true });
    await samExpresses('Fix the bike', 'OTHER');
    // A GENERAL sentinel on a second, still-joined socket proves the event was delivered.
    const md = await connect('md');
    const sentinel = collectPlanEvents(md);
    expect(await joinPlan(md, participantId, fromNow)).toMatchObject({ ok: true });
    const marker = await samExpresses('Call the clinic', 'OTHER');
    await waitFor(() => sentinel.some((event) => event.itemId === marker.id));
    expect(events.slice(before).filter((event) => event.type === 'GOAL_EXPRESSED')).toEqual([]);

    expect(await joinPlan(cm, participantId, fromNow)).toMatchObject({ ok: true });
    const again = await samExpresses('Swim on Sunday', 'OTHER');
    await waitFor(() => events.some((event) => event.itemId === again.id));
  });

  it('staff outside the team, and malformed requests, get an error answer and the server carries on', async () => {
    const supervisor = await connect('supervisor');
    expect(await joinPlan(supervisor, participantId)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Not found' },
    });
    expect(await joinPlan(supervisor, 'not-a-uuid')).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Not found' },
    });
    const cm = await connect('cm');
    const bad = [
      await cm.timeout(5000).emitWithAck('plan:join', 42 as never),
      await cm
        .timeout(5000)
        .emitWithAck('plan:join', { participantId } as never)
        .then(() => ({ ok: true })),
      await cm.timeout(5000).emitWithAck('plan:join', { participantId, cursor: { NOT_A_LABEL: 3 } as never }),
      await cm.timeout(5000).emitWithAck('plan:join', { participantId, cursor: { GENERAL: -1 } }),
      await cm.timeout(5000).emitWithAck('plan:leave', null as never),
      await cm.timeout(5000).emitWithAck('plan:leave', { participantId: '__proto__' }),
      await cm.timeout(5000).emitWithAck('presence:editing', { participantId: '__proto__', itemId: null }),
    ];
    expect(bad.map((answer) => ('error' in answer ? answer.error.code : 'OK'))).toEqual([
      'BAD_USER_INPUT',
      'OK',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    // Events without an acknowledgement, or unknown events, must not crash anything either.
    (cm as unknown as { emit: (event: string, ...args: unknown[]) => void }).emit('plan:join', { participantId });
    (cm as unknown as { emit: (event: string, ...args: unknown[]) => void }).emit('no:such:event', { x: 1 });
    expect(await joinPlan(cm, participantId, { GENERAL: 0 })).toMatchObject({ ok: true });
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
  });

  it('plan:join with a cursor beyond 2^31, negative, fractional, NaN, an array or prototype keys answers BAD_USER_INPUT and the server carries on', async () => {
    const cm = await connect('cm');
    const join = (cursor: unknown) =>
      cm.timeout(5000).emitWithAck('plan:join', { participantId, cursor } as never) as Promise<{
        ok: boolean;
        error?: { code: string; message: string };
      }>;
    const hostile: unknown[] = [
      { GENERAL: 2 ** 31 },
      { HEALTH: 2 ** 53 + 10 },
      { GENERAL: 1e300 },
      { GENERAL: -1 },
      { GENERAL: 1.5 },
      { GENERAL: NaN }, // JSON carries it as null
      { GENERAL: '7' },
      { GENERAL: [1] },
      Array.from({ length: 5000 }, (_, i) => i),
      JSON.parse('{"__proto__": 1}'),
      JSON.parse('{"__proto__": {"GENERAL": 1}, "GENERAL": 0}'),
      { constructor: 1 },
      { toString: 2 },
      { GENERAL: 0, HOUSING: 0, HEALTH: 0, MENTAL_HEALTH: 0, LEGAL: 0, SUBSTANCE_USE: 0, EXTRA: 0 },
      'GENERAL',
      42,
    ];
    for (const cursor of hostile) {
      const answer = await join(cursor);
      expect({ cursor, answer }).toEqual({
        cursor,
        answer: {
          ok: false,
          error: {
            code: 'BAD_USER_INPUT',
            message: 'cursor maps labels to the last sequence seen (whole numbers 0 to 2147483647)',
          },
        },
      });
    }
    // A huge participantId array is a bad shape too, not a crash.
    expect(
      await cm.timeout(5000).emitWithAck('plan:join', { participantId: Array(1_000).fill(participantId) } as never),
    ).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
    // A frame over the 64 KiB limit closes that connection only (engine.io's maxHttpBufferSize).
    const flooder = await connect('housing');
    const closed = new Promise<string>((resolve) => flooder.once('disconnect', (reason) => resolve(reason)));
    flooder.emit('plan:join', { participantId: Array(10_000).fill(participantId) } as never, () => undefined);
    expect(await closed).toBe('transport close');
    // The largest sequence there can be is a valid cursor: nothing to replay.
    expect(await joinPlan(cm, participantId, { GENERAL: 2 ** 31 - 1 })).toMatchObject({ ok: true });
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
  });

  it('every realtime join is audited like a read, one row per join, in the participant’s access log', async () => {
    const accessLog = async () =>
      (
        await t.gql.data<{
          accessLog: {
            edges: { node: { action: string; kind: string; labels: string[]; actor: { accountId: string } | null } }[];
          };
        }>(
          'query L($id: ID!) { accessLog(participantId: $id, first: 100) { edges { node { action kind labels actor { accountId } } } } }',
          { id: participantId },
          { token: as.sam.accessToken },
        )
      ).accessLog.edges.map((edge) => edge.node);
    const joinsBy = (log: Awaited<ReturnType<typeof accessLog>>, accountId: string) =>
      log.filter((entry) => entry.action === 'plan:join' && entry.actor?.accountId === accountId);
    const before = joinsBy(await accessLog(), as.housing.account.id).length;
    const housing = await connect('housing');
    await joinPlan(housing, participantId, { GENERAL: 0, HOUSING: 0 });
    await joinPlan(housing, participantId, { GENERAL: 1e6, HOUSING: 1e6 });
    const joins = joinsBy(await accessLog(), as.housing.account.id);
    expect(joins.length - before).toBe(2);
    expect(joins[0]).toMatchObject({ kind: 'READ', labels: ['GENERAL', 'HOUSING'] });

    // An attempt from outside the team is in the log as denied, and reveals nothing to the caller.
    const supervisor = await connect('supervisor');
    expect(await joinPlan(supervisor, participantId)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Not found' },
    });
    expect(joinsBy(await accessLog(), as.supervisor.account.id)[0]).toMatchObject({ kind: 'DENIED', labels: [] });
  });

  it('signing out, and deactivation, disconnect that account’s sockets', async () => {
    const peer = await connect('peer');
    const disconnected = new Promise<string>((resolve) => peer.once('disconnect', (reason) => resolve(reason)));
    await t.gql.data('mutation { logout }', {}, { token: as.peer.accessToken });
    expect(await disconnected).toBe('io server disconnect');

    as.peer = await signIn(t.gql, 'peer@demo.test');
    const again = await connect('peer');
    const gone = new Promise<string>((resolve) => again.once('disconnect', (reason) => resolve(reason)));
    const admin = await signIn(t.gql, 'admin@demo.test');
    await t.gql.data(
      'mutation D($input: DeactivateAccountInput!) { deactivateAccount(input: $input) { id } }',
      { input: { accountId: as.peer.account.id, reason: 'Left the program' } },
      { token: admin.accessToken },
    );
    expect(await gone).toBe('io server disconnect');
    await t.gql.data(
      'mutation D($input: AccountIdInput!) { reactivateAccount(input: $input) { id } }',
      { input: { accountId: as.peer.account.id } },
      { token: admin.accessToken },
    );
  });
});

describe('presence in a plan room', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  const pool = new SocketPool();
  const connect = (who: string) => pool.connect(t.url, as[who].accessToken);
  beforeAll(async () => ({ t, as, participantId } = await startDemoApp(['cm', 'housing', 'sam'])));
  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  /** The demo plan's substance-use goal (the case manager sees it, housing does not) and its housing goal. */
  const demoGoalIds = async () => {
    const plan = await t.gql.data<{ plan: { goals: { id: string; label: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id label } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    return {
      substanceGoal: plan.plan.goals.find((g) => g.label === 'SUBSTANCE_USE')!.id,
      housingGoal: plan.plan.goals.find((g) => g.label === 'HOUSING')!.id,
    };
  };

  const latestPresence = (socket: RealtimeClient) => {
    const seen: PresenceMessage[] = [];
    socket.on('presence', (message) => seen.push(message));
    return () => seen.at(-1);
  };

  it('shows who is here, what they edit only to those who may see it, and clears when they leave', async () => {
    const housing = await connect('housing');
    const cm = await connect('cm');
    const housingSees = latestPresence(housing);
    const cmSees = latestPresence(cm);
    await joinPlan(housing, participantId, { GENERAL: 1e6, HOUSING: 1e6 });
    await joinPlan(cm, participantId);
    await waitFor(() => housingSees()?.people.length === 2);
    expect(housingSees()!.people.map((p) => p.displayName)).toEqual(['Alex Rivera', 'Marcus Lee']);

    const { substanceGoal, housingGoal } = await demoGoalIds();

    // Editing a substance-use goal: the case manager (granted) sees it, housing sees only "here".
    expect(await cm.timeout(5000).emitWithAck('presence:editing', { participantId, itemId: substanceGoal })).toEqual({
      ok: true,
    });
    await waitFor(() => cmSees()?.people.some((p) => p.editingItemId === substanceGoal) ?? false);
    await waitFor(() => housingSees()?.people.find((p) => p.displayName === 'Alex Rivera')?.editingItemId === null);
    expect(JSON.stringify(housingSees())).not.toContain(substanceGoal);

    // Editing something housing may see shows for housing too.
    await cm.timeout(5000).emitWithAck('presence:editing', { participantId, itemId: housingGoal });
    await waitFor(
      () => housingSees()?.people.find((p) => p.displayName === 'Alex Rivera')?.editingItemId === housingGoal,
    );
    // Housing cannot claim to edit what it cannot see.
    expect(
      await housing.timeout(5000).emitWithAck('presence:editing', { participantId, itemId: substanceGoal }),
    ).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } });

    // A metric is a plan item too (its label comes from libs/outcomes, not from the plan's tables).
    const progress = await t.gql.data<{
      progress: { domains: { participantDefined: { metric: { id: string; label: string } }[] }[] };
    }>(
      'query P($id: ID!) { progress(participantId: $id) { domains { participantDefined { metric { id label } } } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    const metric = progress.progress.domains
      .flatMap((domain) => domain.participantDefined)
      .find((series) => series.metric.label === 'GENERAL')!.metric.id;
    expect(await cm.timeout(5000).emitWithAck('presence:editing', { participantId, itemId: metric })).toEqual({
      ok: true,
    });
    await waitFor(() => housingSees()?.people.find((p) => p.displayName === 'Alex Rivera')?.editingItemId === metric);

    cm.close();
    await waitFor(() => housingSees()?.people.length === 1);
    expect(housingSees()!.people.map((p) => p.displayName)).toEqual(['Marcus Lee']);
  });

  it('someone starting to edit an item hidden from a viewer sends that viewer no message at all', async () => {
    const housing = await connect('housing');
    const cm = await connect('cm');
    const toHousing: PresenceMessage[] = [];
    const toCm: PresenceMessage[] = [];
    housing.on('presence', (message) => toHousing.push(message));
    cm.on('presence', (message) => toCm.push(message));
    await joinPlan(housing, participantId, { GENERAL: 1e6, HOUSING: 1e6 });
    await joinPlan(cm, participantId, { GENERAL: 1e6 });
    await waitFor(() => toHousing.at(-1)?.people.length === 2);
    const { substanceGoal, housingGoal } = await demoGoalIds();
    const housingBefore = toHousing.length;
    const cmBefore = toCm.length;

    // The case manager starts and stops editing the substance-use goal: housing hears nothing.
    await cm.timeout(5000).emitWithAck('presence:editing', { participantId, itemId: substanceGoal });
    await waitFor(() => toCm.at(-1)?.people.some((p) => p.editingItemId === substanceGoal) ?? false);
    await cm.timeout(5000).emitWithAck('presence:editing', { participantId, itemId: null });
    await waitFor(() => toCm.length === cmBefore + 2);
    // Then the housing goal, which housing may see: the next message housing gets is that one.
    await cm.timeout(5000).emitWithAck('presence:editing', { participantId, itemId: housingGoal });
    await waitFor(() => toHousing.length > housingBefore);
    expect(toHousing.slice(housingBefore)).toHaveLength(1);
    expect(toHousing.at(-1)!.people.find((p) => p.displayName === 'Alex Rivera')!.editingItemId).toBe(housingGoal);
    expect(JSON.stringify(toHousing)).not.toContain(substanceGoal);
  });
});

describe('connections over time (manual clock)', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  const pool = new SocketPool();
  const connect = (who: string) => pool.connect(t.url, as[who].accessToken);
  const sweep = () => t.app.get(RealtimeGateway).sweepConnections();
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => ({ participantId } = await signInDemoPeople(t.gql, ['cm', 'housing', 'sam'], as)));
  afterEach(() => {
    pool.closeAll();
  });
  afterAll(() => t.close());

  it('closes a socket when its token expires, unless the client refreshed it', async () => {
    const stale = await connect('cm');
    const fresh = await connect('housing');
    const expired = new Promise<void>((resolve) => stale.once('auth:expired', () => resolve()));
    const closed = new Promise<string>((resolve) => stale.once('disconnect', (reason) => resolve(reason)));

    t.clock.advance((t.config.ACCESS_TOKEN_TTL_SECONDS - 60) * 1000);
    const renewed = await t.gql.data<{ refresh: { accessToken: string } }>(
      'mutation R($t: String!) { refresh(refreshToken: $t) { accessToken } }',
      { t: as.housing.refreshToken },
    );
    expect(await fresh.timeout(5000).emitWithAck('auth:refresh', { token: renewed.refresh.accessToken })).toEqual({
      ok: true,
    });
    expect(await fresh.timeout(5000).emitWithAck('auth:refresh', { token: as.cm.accessToken })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    t.clock.advance(120_000);
    await sweep();
    await expired;
    expect(await closed).toBe('io server disconnect');
    expect(fresh.connected).toBe(true);
  });

  it('a grant reaching its end date moves a live socket out of the stream by the clock', async () => {
    const housing = await connect('housing');
    const drops: string[][] = [];
    const grows: string[][] = [];
    housing.on('plan:drop', (message) => drops.push(message.labels));
    housing.on('plan:grow', (message) => grows.push(message.labels));
    await joinPlan(housing, participantId, { GENERAL: 1e6, HOUSING: 1e6 });
    const endsAt = new Date(t.clock.now().getTime() + 60_000).toISOString();
    await t.gql.data(
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      { input: { participantId, label: 'LEGAL', accountId: as.housing.account.id, endsAt } },
      { token: as.sam.accessToken },
    );
    await waitFor(() => grows.length === 1);

    await sweep();
    expect(drops).toEqual([]);
    t.clock.advance(61_000);
    await sweep();
    await waitFor(() => drops.length === 1);
    expect(drops[0]).toEqual(['LEGAL']);
  });

  it('replay never reaches back before the viewer’s access to a label began: that stream is reloaded instead', async () => {
    const before = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Court date in March',
      domain: 'OTHER',
      label: 'LEGAL',
    });
    t.clock.advance(1000);
    await t.gql.data(
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      { input: { participantId, label: 'LEGAL', accountId: as.housing.account.id, endEvent: 'after court' } },
      { token: as.sam.accessToken },
    );
    t.clock.advance(1000);
    const after = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Bring papers to the lawyer',
      domain: 'OTHER',
      label: 'LEGAL',
    });

    const housing = await connect('housing');
    const received = collectPlanEvents(housing);
    const ack = await joinPlan(housing, participantId, { GENERAL: 1e6, HOUSING: 1e6, LEGAL: 0 });
    expect(ack).toMatchObject({ ok: true, reload: true, reloadLabels: ['LEGAL'], replayed: 0 });
    expect(received.map((event) => event.itemId)).not.toContain(before.id);
    expect(received.map((event) => event.itemId)).not.toContain(after.id);
  });

  it('tells the participant’s own devices when something new waits for them', async () => {
    const sam = await connect('sam');
    const waiting: string[] = [];
    sam.on('waiting:changed', (message) => waiting.push(message.participantId));
    await t.gql.data(
      'mutation P($input: ProposeGoalInput!) { proposeGoal(input: $input) { id } }',
      { input: { participantId, text: 'Try the Tuesday cooking class', domain: 'QUALITY_OF_LIFE' } },
      { token: as.cm.accessToken },
    );
    await waitFor(() => waiting.length === 1);
    expect(waiting).toEqual([participantId]);
  });
});
