import { PlanEventLog, type PlanEventEntity } from '@roundtable/plan';
import { LiveSockets, RealtimeGateway } from '@roundtable/realtime';
import { GoalLifecycle, PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import {
  connectRealtime,
  joinPlan,
  LIVE_FROM_NOW,
  runNarrowingRounds,
  seededRandom,
  startDemoApp,
  watchSocket,
  type NarrowingRoom,
  type SignedIn,
  type TestApp,
  type WatchedSocket,
  waitFor,
} from '@roundtable/testing';

/**
 * Revocation beats delivery (PRODUCT.md rules 10 and 11), on one node, from the attacker's
 * side: twenty real sockets in Sam's room; a narrowing mutation returns and something the
 * narrowed viewer may no longer see is written at once. The narrowed sockets receive
 * `plan:drop` first, or nothing, and never the event.
 */
describe('revocation beats delivery (one node)', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  const watched: WatchedSocket[] = [];
  beforeAll(async () => {
    ({ t, as, participantId } = await startDemoApp(['cm', 'md', 'housing', 'peer', 'sam']));
  }, 120_000);
  afterAll(async () => {
    for (const { socket } of watched) socket.close();
    await t.close();
  });

  it('stamps every plan event with the participant’s access epoch, newer once a narrowing committed', async () => {
    const log = t.app.get(PlanEventLog);
    const append = () =>
      log.write(({ append }) =>
        append({
          participantId,
          label: SensitivityLabel.GENERAL,
          type: PlanEventType.GOAL_UPDATED,
          itemId: null,
          actor: null,
          payload: { text: 'Stamped', lifecycle: GoalLifecycle.ACTIVE, previousLifecycle: GoalLifecycle.ACTIVE },
        }),
      );
    const before = await append();
    expect(await append()).toMatchObject({ accessEpoch: before.accessEpoch });
    const grant = await t.gql.data<{ grantVisibility: { id: string } }>(
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      { input: { participantId, label: 'LEGAL', accountId: as.peer.account.id, endEvent: 'stamp test' } },
      { token: as.sam.accessToken },
    );
    // A grant widens access: no bump.
    expect((await append()).accessEpoch).toBe(before.accessEpoch);
    await t.gql.data(
      'mutation R($input: GrantIdInput!) { revokeVisibility(input: $input) { id } }',
      { input: { grantId: grant.grantVisibility.id } },
      { token: as.sam.accessToken },
    );
    expect((await append()).accessEpoch).toBeGreaterThan(before.accessEpoch);
  });

  it('events delivered together: what a socket may still see goes out before its plan:drop, and nothing after it', async () => {
    // A LEGAL grant for the peer worker, one event under it, the grant revoked, one more.
    const log = t.app.get(PlanEventLog);
    const append = (text: string) =>
      log.write(({ append }) =>
        append({
          participantId,
          label: SensitivityLabel.LEGAL,
          type: PlanEventType.GOAL_UPDATED,
          itemId: null,
          actor: null,
          payload: { text, lifecycle: GoalLifecycle.ACTIVE, previousLifecycle: GoalLifecycle.ACTIVE },
        }),
      );
    const grant = await t.gql.data<{ grantVisibility: { id: string } }>(
      'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }',
      { input: { participantId, label: 'LEGAL', accountId: as.peer.account.id, endEvent: 'batch test' } },
      { token: as.sam.accessToken },
    );
    const socket = await connectRealtime(t.url, as.peer.accessToken);
    const peer = watchSocket('peer', socket);
    watched.push(peer);
    expect(await joinPlan(socket, participantId, LIVE_FROM_NOW)).toMatchObject({ ok: true });
    const before: PlanEventEntity = await append('Seen while shared');
    await t.gql.data(
      'mutation R($input: GrantIdInput!) { revokeVisibility(input: $input) { id } }',
      { input: { grantId: grant.grantVisibility.id } },
      { token: as.sam.accessToken },
    );
    const after: PlanEventEntity = await append('Written after the revoke');
    expect(after.accessEpoch).toBeGreaterThan(before.accessEpoch);
    // Live, as always: the first event, then the revoke's plan:drop, and not the second.
    await waitFor(() => peer.received.some((r) => r.kind === 'drop'));
    expect(peer.received.map((r) => (r.kind === 'event' ? r.event.id : r.kind))).toEqual([before.id, 'drop']);

    // The moment between the revoke and this node's re-check, as the outbox's sweeper can meet
    // it after a crash: the socket's view is as it was before the revoke, and both events
    // arrive in one delivery.
    const server = t.app
      .get(LiveSockets)
      .localSocketsIn(participantId)
      .find(({ id }) => id === socket.id);
    if (!server) throw new Error('the peer socket is not in the room');
    server.data.epochs[participantId] = before.accessEpoch;
    server.data.plans[participantId] = [...(server.data.plans[participantId] ?? []), SensitivityLabel.LEGAL];
    peer.received.length = 0;
    await t.app.get(RealtimeGateway).deliver([before, after]);
    await waitFor(() => peer.received.some((r) => r.kind === 'drop'));
    expect(peer.received.map((r) => (r.kind === 'event' ? r.event.id : r.kind))).toEqual([before.id, 'drop']);
  });

  it('100 rounds of "narrow, then write immediately" into a 20-socket room never reach a socket that lost access', async () => {
    const random = seededRandom('revocation beats delivery, one node');
    for (const who of ['md', 'cm', 'housing', 'peer', 'sam']) {
      for (let i = 0; i < 4; i++) {
        const socket = await connectRealtime(t.url, as[who].accessToken);
        const entry = watchSocket(who, socket);
        watched.push(entry);
        expect(await joinPlan(socket, participantId, LIVE_FROM_NOW)).toMatchObject({ ok: true });
      }
    }
    const room: NarrowingRoom = {
      gql: t.gql,
      participantId,
      tokens: { sam: as.sam.accessToken, cm: as.cm.accessToken },
      sockets: watched,
    };
    const md = { accountId: as.md.account.id, sockets: watched.filter((s) => s.who === 'md') };
    const housing = watched.filter((s) => s.who === 'housing');
    const counts = await runNarrowingRounds(room, {
      random,
      narrowed: md,
      keepers: watched.filter((s) => s.who === 'cm'),
      housing,
      rejoin: (socket) =>
        joinPlan(socket, participantId, { GENERAL: 1e6, HOUSING: 1e6, HEALTH: 1e6, MENTAL_HEALTH: 1e6 }),
      // On one node, md's every socket was told to drop the stream before anything newer arrived.
      afterRevoke: (outcome) => {
        for (const socket of md.sockets) {
          const drop = socket.received.findLastIndex((r) => r.kind === 'drop' && r.labels.includes('SUBSTANCE_USE'));
          const sentinel = socket.received.findIndex(
            (r) => r.kind === 'event' && r.event.itemId === outcome.sentinelId,
          );
          expect(drop).toBeGreaterThanOrEqual(0);
          expect(drop).toBeLessThan(sentinel);
        }
      },
    });
    // Nobody's socket ever received a label it could not see.
    for (const socket of housing)
      expect(socket.events.every((e) => ['GENERAL', 'HOUSING'].includes(e.label))).toBe(true);
    console.log(`revocation rounds: ${JSON.stringify(counts)}`);
  }, 300_000);
});
