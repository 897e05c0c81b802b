/**
 * The live conference room (issue 17): with 20 attendees' screens open (the participant and
 * 19 team members, each a real socket.io client in the plan room, exactly as the web client
 * joins it), the time from the facilitator's "next item" (the `advanceConference` mutation
 * sent) to the last of the 20 screens receiving the AGENDA_ADVANCED event, over 100 moves
 * one after another. Beside it, in the same run: the bare socket.io server of the realtime
 * bench (no database, no checks) emitting a message of the same shape to 20 clients in one
 * room after an HTTP POST. Run:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:conference
 * (it recreates its own database `roundtable_bench` on each run). See docs/benchmarks.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  REALTIME_PATH,
  type ClientToServerEvents,
  type PlanEventMessage,
  type ServerToClientEvents,
} from '@roundtable/contracts';
import { graphql, JsonClient } from './http';
import { startApi, Worker } from './processes';
import { recreateDatabase, seedPeople, type Person } from './seed';
import { nowMs, summarize, type LatencySummary } from './stats';

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ATTENDEES = Number(process.env.ATTENDEES ?? 20);
const MOVES = Number(process.env.MOVES ?? 100);

const log = (message: string) => console.log(`[bench:conference ${new Date().toISOString().slice(11, 19)}] ${message}`);

const CONFERENCE_FIELDS = 'id version currentItemId agenda { id title }';
const SCHEDULE = `mutation($input: ScheduleConferenceInput!) { scheduleConference(input: $input) { ${CONFERENCE_FIELDS} } }`;
const ADD_ITEM = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { ${CONFERENCE_FIELDS} } }`;
const START = `mutation($input: ConferenceStepInput!) { startConference(input: $input) { ${CONFERENCE_FIELDS} } }`;
const ADVANCE = `mutation($input: AdvanceConferenceInput!) { advanceConference(input: $input) { ${CONFERENCE_FIELDS} } }`;

interface ConferenceAnswer {
  id: string;
  version: number;
  currentItemId: string | null;
  agenda: { id: string; title: string }[];
}

function connect(url: string, token: string): Promise<RoomSocket> {
  const socket: RoomSocket = io(url, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/**
 * Opens one socket per attendee in the participant's plan room and returns a function that
 * resolves when every one of them has received an event for `itemId` (the move's target).
 */
async function openScreens(url: string, participantId: string, people: Person[]) {
  const sockets = await Promise.all(people.map((person) => connect(url, person.token)));
  let waiting: { itemId: string; seen: Set<number>; resolve: () => void } | undefined;
  sockets.forEach((socket, index) => {
    socket.on('plan:events', (messages: PlanEventMessage[]) => {
      if (!waiting || !messages.some((message) => message.itemId === waiting?.itemId)) return;
      waiting.seen.add(index);
      if (waiting.seen.size === sockets.length) waiting.resolve();
    });
  });
  for (const socket of sockets) {
    const ack = (await socket.timeout(30_000).emitWithAck('plan:join', { participantId })) as { ok: boolean };
    if (!ack.ok) throw new Error(`plan:join refused: ${JSON.stringify(ack)}`);
  }
  return {
    /** Arms the wait before the move is sent, so no arrival can be missed. */
    expect(itemId: string): Promise<void> {
      return new Promise((resolve) => (waiting = { itemId, seen: new Set(), resolve }));
    },
    close: () => sockets.forEach((socket) => socket.close()),
  };
}

/** Sends `MOVES` moves one after another; each sample is "sent" → "the last screen has it". */
async function measure(
  screens: Awaited<ReturnType<typeof openScreens>>,
  targets: string[],
  move: (itemId: string) => Promise<void>,
): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < MOVES + 5; i++) {
    const itemId = targets[i % targets.length];
    const arrived = screens.expect(itemId);
    const sent = nowMs();
    await Promise.all([move(itemId), arrived]);
    if (i >= 5) samples.push(nowMs() - sent); // the first five warm the path up
  }
  return summarize(samples);
}

async function benchApi(serverUrl: string, workDir: string): Promise<LatencySummary> {
  const secret = randomBytes(32).toString('base64url');
  const databaseUrl = await recreateDatabase(serverUrl);
  const api = await startApi(workDir, { DATABASE_URL: databaseUrl, JWT_SECRET: secret });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const client = new JsonClient(`${api.url}/graphql`, 4);
  try {
    const [room] = await seedPeople(db, secret, 1, ATTENDEES);
    const facilitator = room.staff[0];
    const send = <T>(query: string, input: Record<string, unknown>) =>
      graphql<Record<string, T>>(client, query, { input }, facilitator.token).then((data) => Object.values(data)[0]);
    let conference = await send<ConferenceAnswer>(SCHEDULE, {
      participantId: room.participantId,
      title: 'Rounds',
      scheduledFor: new Date().toISOString(),
      timeZone: 'UTC',
      participantAttends: false,
      teamMemberIds: room.staff.slice(1).map((member) => member.accountId),
      idempotencyKey: randomUUID(),
    });
    for (const title of ['Housing paperwork', 'Clinic follow-up']) {
      conference = await send<ConferenceAnswer>(ADD_ITEM, {
        conferenceId: conference.id,
        title,
        idempotencyKey: randomUUID(),
      });
    }
    conference = await send<ConferenceAnswer>(START, {
      conferenceId: conference.id,
      expectedVersion: conference.version,
      idempotencyKey: randomUUID(),
    });
    const targets = conference.agenda.slice(1).map((item) => item.id);
    const screens = await openScreens(api.url, room.participantId, [room.participant, ...room.staff]);
    log(`API: ${ATTENDEES} screens in the room, ${MOVES} moves between two items`);
    try {
      return await measure(screens, targets, async (itemId) => {
        conference = await send<ConferenceAnswer>(ADVANCE, {
          conferenceId: conference.id,
          expectedVersion: conference.version,
          toItemId: itemId,
          idempotencyKey: randomUUID(),
        });
      });
    } finally {
      screens.close();
    }
  } finally {
    client.close();
    await db.end();
    await api.stop();
  }
}

async function benchBare(): Promise<LatencySummary> {
  const bare = new Worker('baseline-socketio.js');
  const { url } = await bare.next<{ url: string }>();
  const client = new JsonClient(`${url}/edit`, 4);
  const participantId = randomUUID();
  const people = Array.from({ length: ATTENDEES }, () => ({ token: 'bare' }) as Person);
  const screens = await openScreens(url, participantId, people);
  log(`bare socket.io: ${ATTENDEES} screens in the room`);
  try {
    return await measure(screens, [randomUUID(), randomUUID()], async (itemId) => {
      await client.post({ participantId, itemId });
    });
  } finally {
    screens.close();
    client.close();
    await bare.stop();
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (a database of its own is created there)');
  const workDir = mkdtempSync(join(tmpdir(), 'roundtable-bench-conference-'));
  chmodSync(workDir, 0o755);
  try {
    // Bare first, then the API, then bare again: the machine is shared, so both bare runs are shown.
    const bareBefore = await benchBare();
    const roundtable = await benchApi(serverUrl, workDir);
    const bareAfter = await benchBare();
    const row = (name: string, s: LatencySummary) =>
      `| ${name} | ${s.count} | ${s.p50Ms} | ${s.p95Ms} | ${s.p99Ms} | ${s.maxMs} |`;
    console.log(
      [
        '',
        `"next item" → the last of ${ATTENDEES} screens (ms), ${cpus().length} cores, Node ${process.version}`,
        '',
        '| path | moves | p50 | p95 | p99 | max |',
        '|---|---|---|---|---|---|',
        row('Roundtable: advanceConference → AGENDA_ADVANCED on every screen', roundtable),
        row('bare socket.io (before): POST → emit to the room', bareBefore),
        row('bare socket.io (after): POST → emit to the room', bareAfter),
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
