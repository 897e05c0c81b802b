import { DataSource } from 'typeorm';
import {
  collectPresence,
  joinPlan,
  SocketPool,
  startDemoApp,
  waitFor,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const SET = `mutation S($input: SetPresenceSharingInput!) { setPresenceSharing(input: $input) { id sharePresenceWithTeam } }`;
const READ = 'query P($id: ID!) { participant(id: $id) { id sharePresenceWithTeam } }';

/**
 * The participant's presence in their plan room is theirs to share: staff see it only when
 * the participant turned sharing on, and nothing records when they were online.
 */
describe('presence sharing (participant opt-in)', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  let samAccountId: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    ({ t, as, participantId } = await startDemoApp(['cm', 'housing', 'supervisor', 'sam']));
    samAccountId = as.sam.account.id;
  });
  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  const connect = (who: string) => pool.connect(t.url, as[who].accessToken);
  const presenceOf = collectPresence;
  const share = (who: string, value: boolean) =>
    t.gql.request<{ setPresenceSharing: { id: string; sharePresenceWithTeam: boolean | null } }>(
      SET,
      { input: { participantId, share: value } },
      { token: as[who].accessToken },
    );

  it('is off by default, readable by the participant alone, and only the participant changes it', async () => {
    const own = await t.gql.data<{ participant: { sharePresenceWithTeam: boolean | null } }>(
      READ,
      { id: participantId },
      { token: as.sam.accessToken },
    );
    expect(own.participant.sharePresenceWithTeam).toBe(false);
    const byTeam = await t.gql.data<{ participant: { sharePresenceWithTeam: boolean | null } }>(
      READ,
      { id: participantId },
      { token: as.cm.accessToken },
    );
    expect(byTeam.participant.sharePresenceWithTeam).toBeNull();

    for (const who of ['cm', 'housing']) {
      expect({ who, extensions: (await share(who, true)).errors![0].extensions }).toEqual({
        who,
        extensions: { code: 'FORBIDDEN' },
      });
    }
    // Someone who may not know the participant learns nothing (rule 11).
    expect((await share('supervisor', true)).errors![0].extensions).toEqual({ code: 'NOT_FOUND' });
    expect((await share('sam', 'yes' as never)).errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.share',
    });
    const still = await t.gql.data<{ participant: { sharePresenceWithTeam: boolean } }>(
      READ,
      { id: participantId },
      { token: as.sam.accessToken },
    );
    expect(still.participant.sharePresenceWithTeam).toBe(false);
  });

  it('with sharing off a staff socket receives no presence of the participant; on, it does at once; off again, gone', async () => {
    const cm = await connect('cm');
    const toCm = presenceOf(cm);
    expect(await joinPlan(cm, participantId)).toMatchObject({ ok: true });
    await waitFor(() => toCm.length > 0);

    // Sam comes in and starts editing a goal: the case manager hears nothing at all.
    const sam = await connect('sam');
    const toSam = presenceOf(sam);
    expect(await joinPlan(sam, participantId)).toMatchObject({ ok: true });
    await waitFor(() => toSam.at(-1)?.people.some((person) => person.accountId === samAccountId) ?? false);
    const plan = await t.gql.data<{ plan: { goals: { id: string; label: string }[] } }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id label } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    const general = plan.plan.goals.find((goal) => goal.label === 'GENERAL' || goal.label === 'HOUSING')!.id;
    expect(await sam.timeout(5000).emitWithAck('presence:editing', { participantId, itemId: general })).toEqual({
      ok: true,
    });
    // Housing joining is the barrier: the case manager's next message is about that, and only that.
    const before = toCm.length;
    const housing = await connect('housing');
    const toHousing = presenceOf(housing);
    expect(await joinPlan(housing, participantId, { GENERAL: 1e6, HOUSING: 1e6 })).toMatchObject({ ok: true });
    await waitFor(() => toCm.some((message) => message.people.some((p) => p.displayName === 'Marcus Lee')));
    expect(toCm.slice(before)).toHaveLength(1);
    await waitFor(() => toHousing.length > 0);
    for (const received of [toCm, toHousing]) {
      expect(JSON.stringify(received)).not.toContain(samAccountId);
      expect(received.flatMap((message) => message.people).some((person) => person.isParticipant)).toBe(false);
    }

    // Sam turns sharing on: the team sees them, and what they are editing, without anyone rejoining.
    const on = await share('sam', true);
    expect(on.data!.setPresenceSharing).toEqual({ id: participantId, sharePresenceWithTeam: true });
    await waitFor(
      () =>
        toCm
          .at(-1)
          ?.people.some((p) => p.accountId === samAccountId && p.isParticipant && p.editingItemId === general) ?? false,
    );
    await waitFor(() => toHousing.at(-1)?.people.some((p) => p.accountId === samAccountId) ?? false);

    // And off again: gone from their view at once.
    expect((await share('sam', false)).data!.setPresenceSharing.sharePresenceWithTeam).toBe(false);
    await waitFor(() => !(toCm.at(-1)?.people.some((p) => p.accountId === samAccountId) ?? true));
    await waitFor(() => !(toHousing.at(-1)?.people.some((p) => p.accountId === samAccountId) ?? true));
    // Sam's own devices still see them.
    expect(toSam.at(-1)!.people.some((p) => p.accountId === samAccountId)).toBe(true);

    // Leaving while not shared sends the team nothing either.
    const cmBeforeLeave = toCm.length;
    sam.close();
    housing.close();
    await waitFor(() => toCm.length > cmBeforeLeave);
    expect(toCm.slice(cmBeforeLeave)).toHaveLength(1);
    expect(toCm.at(-1)!.people.map((p) => p.displayName)).toEqual(['Alex Rivera']);
  });

  it('nothing records when the participant was online: no column for it, and their rows are unchanged by coming and going', async () => {
    const db = t.app.get(DataSource);
    const columns: { table_name: string; column_name: string }[] = await db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND (column_name ~* '(last_?seen|online|presence_at|last_active)')`,
    );
    expect(columns).toEqual([]);
    expect((await share('sam', true)).errors).toBeUndefined();
    const rows = async () => ({
      participant: await db.query('SELECT * FROM participant WHERE id = $1', [participantId]),
      account: await db.query('SELECT * FROM account WHERE id = $1', [samAccountId]),
    });
    const before = await rows();
    const sam = await connect('sam');
    const toSam = presenceOf(sam);
    await joinPlan(sam, participantId);
    await waitFor(() => toSam.length > 0);
    sam.close();
    expect(await rows()).toEqual(before);
    await share('sam', false);
  });
});
