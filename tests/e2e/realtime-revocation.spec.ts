import { PlanEventLog } from '@roundtable/plan';
import { GoalLifecycle, PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import {
  connectRealtime,
  endMembershipThenWrite,
  joinPlan,
  LIVE_FROM_NOW,
  revokeGrantsTo,
  revokeThenWrite,
  seededRandom,
  startDemoApp,
  tightenThenWrite,
  watchSocket,
  type NarrowingRoom,
  type RoundOutcome,
  type SignedIn,
  type TestApp,
  type WatchedSocket,
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
    const cm = watched.filter((s) => s.who === 'cm');
    // md starts without the demo's substance-use grant, so each round's grant is a real grow.
    await revokeGrantsTo(room, md.accountId, 'SUBSTANCE_USE');

    const kinds = ['revoke', 'tighten', 'membership'] as const;
    const counts = { revoke: 0, tighten: 0, membership: 0 };
    for (let round = 0; round < 100; round++) {
      const kind =
        round < kinds.length ? kinds[round] : random.pick(['revoke', 'revoke', 'tighten', 'membership'] as const);
      counts[kind]++;
      let outcome: RoundOutcome;
      if (kind === 'revoke') {
        outcome = await revokeThenWrite(room, md, 'SUBSTANCE_USE', round);
        // The sensitive win reached those still granted (the round is not vacuous) …
        expect(cm.every((s) => s.events.some((e) => e.itemId === outcome.sensitiveItemIds[0]))).toBe(true);
        // … and never md, whose every socket was told to drop the stream before anything newer.
        for (const socket of md.sockets) {
          expect(socket.events.filter((e) => outcome.sensitiveItemIds.includes(e.itemId ?? ''))).toEqual([]);
          const drop = socket.received.findLastIndex((r) => r.kind === 'drop' && r.labels.includes('SUBSTANCE_USE'));
          const sentinel = socket.received.findIndex(
            (r) => r.kind === 'event' && r.event.itemId === outcome.sentinelId,
          );
          expect(drop).toBeGreaterThanOrEqual(0);
          expect(drop).toBeLessThan(sentinel);
        }
      } else if (kind === 'tighten') {
        outcome = await tightenThenWrite(room, round);
        // Housing saw the goal while it was HOUSING, and once it named a substance only the notice
        // that it was made more private (its open screen drops it), nothing of what it became.
        for (const socket of housing) {
          expect(
            socket.events.filter((e) => e.itemId === outcome.sensitiveItemIds[0]).map((e) => [e.type, e.label]),
          ).toEqual([
            ['GOAL_EXPRESSED', 'HOUSING'],
            ['ITEM_RESTRICTED', 'HOUSING'],
          ]);
        }
      } else {
        outcome = await endMembershipThenWrite(
          room,
          md,
          watched.filter((s) => s.who !== 'md'),
          (socket) => joinPlan(socket, participantId, { GENERAL: 1e6, HOUSING: 1e6, HEALTH: 1e6, MENTAL_HEALTH: 1e6 }),
          round,
        );
        // Messages on one connection arrive in order: the rejoin answer came after anything the win could have sent.
        for (const socket of md.sockets) {
          expect(
            socket.events.filter(
              (e) => outcome.sensitiveItemIds.includes(e.itemId ?? '') || e.itemId === outcome.sentinelId,
            ),
          ).toEqual([]);
        }
      }
    }
    // Nobody's socket ever received a label it could not see.
    for (const socket of housing)
      expect(socket.events.every((e) => ['GENERAL', 'HOUSING'].includes(e.label))).toBe(true);
    console.log(`revocation rounds: ${JSON.stringify(counts)}`);
  }, 300_000);
});
