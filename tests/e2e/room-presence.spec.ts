import type { PresenceMessage } from '@roundtable/contracts';
import {
  collectPresence,
  joinPlan,
  SocketPool,
  startDemoApp,
  waitFor,
  type RealtimeClient,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const CONFERENCES = 'query C($id: ID!) { conferences(participantId: $id) { id status } }';
const AGENDA = 'query A($id: ID!) { conference(id: $id) { id version agenda { id title label } } }';
const SHARE = `mutation S($input: SetPresenceSharingInput!) { setPresenceSharing(input: $input) { id sharePresenceWithTeam } }`;

/**
 * Conference room presence (issue 17): who is on which agenda item. An agenda item carries the
 * strictest label of what it reveals, so someone on an item reaches only those who may see it
 * (PRODUCT.md rules 10, 11): to anyone else nothing moves, not a frame, not the item's id. The
 * participant's own presence is theirs to share.
 */
describe('conference room presence: who is on which agenda item', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  let conferenceId: string;
  let substanceItem: string;
  let generalItem: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    ({ t, as, participantId } = await startDemoApp(['cm', 'housing', 'sam']));
    const { conferences } = await t.gql.data<{ conferences: { id: string; status: string }[] }>(
      CONFERENCES,
      { id: participantId },
      { token: as.cm.accessToken },
    );
    conferenceId = conferences.find((conference) => conference.status === 'SCHEDULED')!.id;
    const { conference } = await t.gql.data<{ conference: { agenda: { id: string; title: string; label: string }[] } }>(
      AGENDA,
      { id: conferenceId },
      { token: as.cm.accessToken },
    );
    substanceItem = conference.agenda.find((item) => item.label === 'SUBSTANCE_USE')!.id;
    generalItem = conference.agenda.find((item) => item.label === 'GENERAL' && item.title === 'Moving costs')!.id;
  });
  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  const connect = (who: string) => pool.connect(t.url, as[who].accessToken);
  const presenceOf = collectPresence;
  const view = (socket: RealtimeClient, itemId: unknown) =>
    socket.timeout(5000).emitWithAck('presence:viewing', { participantId, itemId: itemId as string });
  const onItem = (messages: PresenceMessage[], name: string) =>
    messages.at(-1)?.people.find((person) => person.displayName === name)?.viewingItemId;
  const versionFor = async (who: string) =>
    (
      await t.gql.data<{ conference: { version: number } }>(
        AGENDA,
        { id: conferenceId },
        { token: as[who].accessToken },
      )
    ).conference.version;

  it('Alex on the substance-use agenda item sends Marcus nothing at all; Marcus on a general item is seen by Alex', async () => {
    const alex = await connect('cm');
    const marcus = await connect('housing');
    const toAlex = presenceOf(alex);
    const toMarcus = presenceOf(marcus);
    expect(await joinPlan(alex, participantId)).toMatchObject({ ok: true });
    expect(await joinPlan(marcus, participantId, { GENERAL: 1e6, HOUSING: 1e6 })).toMatchObject({ ok: true });
    await waitFor(() => toMarcus.at(-1)?.people.length === 2 && toAlex.at(-1)?.people.length === 2);
    expect(toMarcus.at(-1)!.people.every((person) => person.viewingItemId === null)).toBe(true);
    const marcusBefore = toMarcus.length;
    const versionBefore = await versionFor('housing');

    // Alex opens the naloxone topic (substance use), then leaves it: Alex's own screen hears
    // of it; Marcus, who may not see the item, receives nothing at all.
    expect(await view(alex, substanceItem)).toEqual({ ok: true });
    await waitFor(() => onItem(toAlex, 'Alex Rivera') === substanceItem);
    expect(await view(alex, null)).toEqual({ ok: true });
    await waitFor(() => onItem(toAlex, 'Alex Rivera') === null);
    // Marcus opening a general topic is the barrier: his next message is about that, and only that.
    expect(await view(marcus, generalItem)).toEqual({ ok: true });
    await waitFor(() => toMarcus.length > marcusBefore);
    expect(toMarcus.slice(marcusBefore)).toHaveLength(1);
    expect(onItem(toMarcus, 'Marcus Lee')).toBe(generalItem);
    expect(onItem(toMarcus, 'Alex Rivera')).toBeNull();
    expect(JSON.stringify(toMarcus)).not.toContain(substanceItem);
    // Nothing Marcus can read moved either (rule 11).
    expect(await versionFor('housing')).toBe(versionBefore);

    // Alex sees Marcus on the general topic.
    await waitFor(() => onItem(toAlex, 'Marcus Lee') === generalItem);

    // Alex on the substance-use topic again while Marcus is in the room: still nothing for Marcus.
    const marcusNow = toMarcus.length;
    expect(await view(alex, substanceItem)).toEqual({ ok: true });
    await waitFor(() => onItem(toAlex, 'Alex Rivera') === substanceItem);
    // Alex moving to the general topic is the next thing Marcus hears.
    expect(await view(alex, generalItem)).toEqual({ ok: true });
    await waitFor(() => toMarcus.length > marcusNow);
    expect(toMarcus.slice(marcusNow)).toHaveLength(1);
    expect(onItem(toMarcus, 'Alex Rivera')).toBe(generalItem);
    expect(JSON.stringify(toMarcus)).not.toContain(substanceItem);

    // Leaving clears where they were.
    alex.close();
    await waitFor(() => toMarcus.at(-1)?.people.length === 1);
    marcus.close();
  });

  it('malformed, unknown, hidden and foreign item ids get a clear error answer and the server carries on', async () => {
    const marcus = await connect('housing');
    const notJoined = await view(marcus, generalItem);
    expect(notJoined).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } });
    await joinPlan(marcus, participantId, { GENERAL: 1e6, HOUSING: 1e6 });

    const malformed = {
      ok: false,
      error: { code: 'BAD_USER_INPUT', message: 'itemId is the id of an item in this plan, or null for none' },
    };
    for (const itemId of ['not-an-id', 42, { id: generalItem }, '', undefined]) {
      expect({ itemId, answer: await view(marcus, itemId) }).toEqual({ itemId, answer: malformed });
    }
    expect(await marcus.timeout(5000).emitWithAck('presence:viewing', 'nonsense' as never)).toEqual({
      ok: false,
      error: { code: 'BAD_USER_INPUT', message: 'participantId and itemId (or null) are required' },
    });
    // An item Marcus may not see answers exactly like one that does not exist, or the conference
    // itself (not an item), or an item id of another plan (rule 11).
    const notFound = { ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } };
    for (const itemId of [substanceItem, '00000000-0000-4000-8000-000000000000', conferenceId]) {
      expect(await view(marcus, itemId)).toEqual(notFound);
    }
    expect(
      await marcus.timeout(5000).emitWithAck('presence:viewing', {
        participantId: '00000000-0000-4000-8000-000000000000',
        itemId: generalItem,
      }),
    ).toEqual(notFound);

    // The server carries on: a good request is answered, on this socket and a new one.
    expect(await view(marcus, generalItem)).toEqual({ ok: true });
    const again = await connect('housing');
    expect(await joinPlan(again, participantId)).toMatchObject({ ok: true });
    marcus.close();
    again.close();
  });

  it('the participant on an item is seen by the team only while they share their presence', async () => {
    const share = (value: boolean) =>
      t.gql.data(SHARE, { input: { participantId, share: value } }, { token: as.sam.accessToken });
    const samAccountId = as.sam.account.id;
    const alex = await connect('cm');
    const toAlex = presenceOf(alex);
    await joinPlan(alex, participantId);
    await waitFor(() => toAlex.length > 0);

    const sam = await connect('sam');
    const toSam = presenceOf(sam);
    await joinPlan(sam, participantId);
    expect(await view(sam, generalItem)).toEqual({ ok: true });
    // Sam's own devices see where they are.
    await waitFor(() => toSam.at(-1)?.people.find((p) => p.accountId === samAccountId)?.viewingItemId === generalItem);
    expect(JSON.stringify(toAlex)).not.toContain(samAccountId);

    await share(true);
    await waitFor(() => toAlex.at(-1)?.people.find((p) => p.accountId === samAccountId)?.viewingItemId === generalItem);
    await share(false);
    await waitFor(() => !(toAlex.at(-1)?.people.some((p) => p.accountId === samAccountId) ?? true));
    sam.close();
    alex.close();
  });
});
