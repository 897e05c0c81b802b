/**
 * The load generator: its own Node process (forked by main.ts), driven over IPC. The same
 * code drives Roundtable and the bare baselines, so client-side costs cancel in the ratios.
 */
import { Client, Pool } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { REALTIME_PATH, type PlanEventMessage } from '@roundtable/contracts';
import { addWindows, cpuSnapshot, cpuWindow, type CpuWindow } from './cpu';
import { JsonClient, type GraphQLAnswer } from './http';
import { bySecond, nowMs, sleep, summarize, WARM_UP_SECONDS } from './stats';
import { startCommitProbe } from './commit-probe';
import type {
  IdleRequest,
  PgTxnRequest,
  PgTxnResult,
  ReadsPairedRequest,
  ReadsPairedResult,
  ReadsRequest,
  ReadsResult,
  RealtimeRequest,
  RealtimeResult,
} from './protocol';

const send = (message: object) => process.send!(message);

/**
 * One side of a read measurement: a closed loop of `concurrency` clients, each sending the next
 * request as soon as the last answered, over one or more measured windows whose requests and
 * time add up.
 */
function readSide(url: string, query: string, targets: ReadsRequest['targets'], concurrency: number) {
  const client = new JsonClient(`${url}/graphql`, concurrency);
  const bodies = targets.map((target) => ({
    body: JSON.stringify({ query, variables: { participantId: target.participantId } }),
    headers: target.token ? { authorization: `Bearer ${target.token}` } : ({} as Record<string, string>),
  }));
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  let bytes = 0;
  let elapsed = 0;
  let cpu: CpuWindow | undefined;
  const latencies: number[] = [];
  const run = async (until: number, record: boolean) => {
    while (nowMs() < until) {
      const { body, headers } = bodies[next++ % bodies.length];
      const started = nowMs();
      try {
        const answer = await client.post<GraphQLAnswer<unknown>>(body, headers);
        if (answer.status !== 200 || answer.body.errors?.length || !answer.body.data) {
          if (record) errors++;
          firstError ??= JSON.stringify(answer.body).slice(0, 300);
        } else if (record) {
          latencies.push(nowMs() - started);
          bytes += answer.bytes;
        }
      } catch (error) {
        if (record) errors++;
        firstError ??= String(error);
      }
    }
  };
  const loop = (seconds: number, record: boolean) => {
    const until = nowMs() + seconds * 1000;
    return Promise.all(Array.from({ length: concurrency }, () => run(until, record)));
  };
  return {
    warm: (seconds: number) => loop(seconds, false),
    async measure(seconds: number, withCpu = false): Promise<void> {
      const before = withCpu ? cpuSnapshot() : undefined;
      const started = nowMs();
      await loop(seconds, true);
      elapsed += (nowMs() - started) / 1000;
      if (before) cpu = addWindows(cpu, cpuWindow(before, cpuSnapshot()));
    },
    result(window = cpu): ReadsResult {
      client.close();
      return {
        type: 'reads',
        requests: latencies.length,
        errors,
        firstError,
        rps: Math.round((latencies.length / elapsed) * 10) / 10,
        bytesPerResponse: latencies.length ? Math.round(bytes / latencies.length) : 0,
        latency: summarize(latencies),
        cpu: window,
      };
    },
  };
}

async function reads(job: ReadsRequest): Promise<ReadsResult> {
  const side = readSide(job.url, job.query, job.targets, job.concurrency);
  await side.warm(job.warmupSeconds);
  const cpuBefore = job.cpu ? cpuSnapshot() : undefined;
  await side.measure(job.seconds);
  return side.result(cpuBefore && cpuWindow(cpuBefore, cpuSnapshot()));
}

/**
 * Two servers measured in turns (Roundtable, baseline, Roundtable, ...), `slices` windows each,
 * so a neighbour's burst on the shared machine falls on both sides alike instead of on
 * whichever ran at that moment.
 */
async function readsPaired(job: ReadsPairedRequest): Promise<ReadsPairedResult> {
  const sides = job.sides.map((side) => readSide(side.url, job.query, side.targets, job.concurrency));
  for (const side of sides) await side.warm(job.warmupSeconds);
  for (let slice = 0; slice < job.slices; slice++) {
    for (const side of sides) await side.measure(job.seconds / job.slices, job.cpu);
  }
  return { type: 'readsPaired', results: sides.map((side) => side.result()) };
}

type PlanSocket = Socket<{ 'plan:events': (messages: PlanEventMessage[]) => void }>;

function connect(url: string, token: string): Promise<PlanSocket> {
  const socket: PlanSocket = io(url, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pooled<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

const SET_STEP_DONE = `mutation Edit($input: SetStepDoneInput!) { setStepDone(input: $input) { id version done } }`;
const EDIT_TYPES = new Set(['STEP_DONE', 'STEP_REOPENED', 'BENCH_EDIT']);

interface StepState {
  room: number;
  id: string;
  version: number;
  done: boolean;
  busy: boolean;
  /** A failed edit leaves the step's state unknown: it is not edited again. */
  broken: boolean;
  /** Send times of the successful edits, in order. */
  sent: number[];
}

/**
 * R rooms × M sockets; edits at a fixed rate (open loop), each by GraphQL mutation (mode
 * "api") or by a POST that makes the bare server emit (mode "socketio"). For every edit:
 * when each socket in its room received it, matched by item and order (edits of one item
 * are never in flight together, so the k-th event of an item answers its k-th edit).
 */
async function realtime(job: RealtimeRequest): Promise<RealtimeResult> {
  const sockets: { socket: PlanSocket; room: number }[] = [];
  const clients = job.rooms.flatMap((room, r) => room.tokens.map((token) => ({ token, room: r })));
  /** itemId → eventId → { sequence, occurredAt, arrivals by socket index }. */
  const events = new Map<
    string,
    Map<string, { sequence: number; occurredAt: number; arrivals: Map<number, number> }>
  >();
  let duplicates = 0;
  let otherEvents = 0;
  const connectStarted = nowMs();
  let joinErrors = 0;
  await pooled(clients, 50, async (client, index) => {
    const socket = await connect(job.url, client.token);
    sockets[index] = { socket, room: client.room };
    socket.on('plan:events', (messages) => {
      const at = nowMs();
      for (const message of messages) {
        if (!EDIT_TYPES.has(message.type) || !message.itemId) {
          otherEvents++;
          continue;
        }
        let byEvent = events.get(message.itemId);
        if (!byEvent) events.set(message.itemId, (byEvent = new Map()));
        let event = byEvent.get(message.id);
        if (!event) {
          event = { sequence: message.sequence, occurredAt: Date.parse(message.occurredAt), arrivals: new Map() };
          byEvent.set(message.id, event);
        }
        if (event.arrivals.has(index)) duplicates++;
        else event.arrivals.set(index, at);
      }
    });
    const room = job.rooms[client.room];
    const ack = (await (socket as unknown as Socket)
      .timeout(60_000)
      .emitWithAck('plan:join', { participantId: room.participantId, cursor: room.cursor })) as { ok: boolean };
    if (!ack.ok) joinErrors++;
  });
  const connectSeconds = (nowMs() - connectStarted) / 1000;
  await sleep(1000); // presence and join traffic settles
  // A join replays the room's events after its cursor (the bench's own edits before this
  // phase, for a few items): they answer no edit of this run, and kept they would pair each of
  // that item's edits with the event before its own (the k-th event of an item answers its
  // k-th edit), for a latency below zero.
  events.clear();

  const steps: StepState[] = job.rooms.flatMap((room, r) =>
    room.steps.map((step) => ({ room: r, ...step, busy: false, broken: false, sent: [] })),
  );
  const stepsByRoom = job.rooms.map((_, r) => steps.filter((step) => step.room === r));
  const cursorByRoom = job.rooms.map(() => 0);
  const client = new JsonClient(`${job.url}${job.mode === 'api' ? '/graphql' : '/edit'}`, 256);
  const mutationLatencies: number[] = [];
  let editErrors = 0;
  let firstError: string | undefined;
  let skipped = 0;
  let sentCount = 0;
  let inFlight = 0;

  const edit = async (step: StepState, editor: string) => {
    step.busy = true;
    inFlight++;
    const started = nowMs();
    try {
      if (job.mode === 'api') {
        const answer = await client.post<GraphQLAnswer<{ setStepDone: { version: number; done: boolean } }>>(
          {
            query: SET_STEP_DONE,
            variables: { input: { stepId: step.id, expectedVersion: step.version, done: !step.done } },
          },
          { authorization: `Bearer ${editor}` },
        );
        const result = answer.body.data?.setStepDone;
        if (!result) throw new Error(JSON.stringify(answer.body.errors ?? answer.body).slice(0, 300));
        step.version = result.version;
        step.done = result.done;
      } else {
        const answer = await client.post<{ ok: boolean }>({
          participantId: job.rooms[step.room].participantId,
          itemId: step.id,
        });
        if (!answer.body.ok) throw new Error('bare server refused the edit');
      }
      step.sent.push(started);
      mutationLatencies.push(nowMs() - started);
    } catch (error) {
      editErrors++;
      step.broken = true;
      firstError ??= String(error);
    } finally {
      step.busy = false;
      inFlight--;
    }
  };

  const probe = job.commitProbeUrl ? await startCommitProbe(job.commitProbeUrl) : undefined;
  const cpuBefore = job.cpu ? cpuSnapshot() : undefined;
  const started = nowMs();
  const until = started + job.seconds * 1000;
  let due = 0;
  while (nowMs() < until) {
    const target = Math.floor(((nowMs() - started) / 1000) * job.rate);
    for (; due < target; due++) {
      const r = due % job.rooms.length;
      const candidates = stepsByRoom[r];
      let chosen: StepState | undefined;
      for (let tries = 0; tries < candidates.length && !chosen; tries++) {
        const step = candidates[cursorByRoom[r]++ % candidates.length];
        if (!step.busy && !step.broken) chosen = step;
      }
      if (!chosen) {
        skipped++;
        continue;
      }
      const editors = job.rooms[r].editorTokens;
      sentCount++;
      void edit(chosen, editors[Math.floor(due / job.rooms.length) % editors.length]);
    }
    await sleep(2);
  }
  const sendSeconds = (nowMs() - started) / 1000;
  const cpu: CpuWindow | undefined = cpuBefore && cpuWindow(cpuBefore, cpuSnapshot());
  const commitProbe = await probe?.stop();

  // Drain: every answer back, then every expected arrival (or 10 s more).
  const expectedFor = (step: StepState) => step.sent.length * job.rooms[step.room].tokens.length;
  const arrived = (step: StepState) => {
    let count = 0;
    for (const event of events.get(step.id)?.values() ?? []) count += event.arrivals.size;
    return count;
  };
  const drainUntil = nowMs() + 30_000;
  while (inFlight > 0 && nowMs() < drainUntil) await sleep(20);
  const settleUntil = nowMs() + 10_000;
  while (nowMs() < settleUntil && steps.some((step) => arrived(step) < expectedFor(step))) await sleep(20);

  const allPeers: number[] = [];
  const allPeersTimed: { startedAt: number; ms: number }[] = [];
  const commitToAll: number[] = [];
  const perDelivery: number[] = [];
  let expected = 0;
  let delivered = 0;
  let lost = 0;
  let unexpected = 0;
  let lastArrival = started;
  for (const step of steps) {
    const roomSockets = job.rooms[step.room].tokens.length;
    const received = [...(events.get(step.id)?.values() ?? [])].sort((a, b) => a.sequence - b.sequence);
    unexpected += Math.max(0, received.length - step.sent.length);
    for (const [k, sentAt] of step.sent.entries()) {
      expected += roomSockets;
      const event = received[k];
      const arrivals = event ? [...event.arrivals.values()] : [];
      delivered += arrivals.length;
      lost += roomSockets - arrivals.length;
      for (const at of arrivals) perDelivery.push(at - sentAt);
      if (arrivals.length === roomSockets) {
        const last = Math.max(...arrivals);
        lastArrival = Math.max(lastArrival, last);
        allPeers.push(last - sentAt);
        allPeersTimed.push({ startedAt: sentAt, ms: last - sentAt });
        commitToAll.push(last - event.occurredAt);
      }
    }
  }
  const windowSeconds = (lastArrival - started) / 1000;
  client.close();
  await pooled(sockets, 200, async ({ socket }) => {
    socket.close();
  });
  return {
    type: 'realtime',
    sockets: sockets.length,
    joinErrors,
    connectSeconds: Math.round(connectSeconds * 10) / 10,
    sent: sentCount,
    skippedBusy: skipped,
    editErrors,
    firstError,
    achievedRate: Math.round((sentCount / sendSeconds) * 10) / 10,
    expectedDeliveries: expected,
    delivered,
    lost,
    duplicates,
    unexpectedEvents: unexpected,
    otherEvents,
    deliveriesPerSecond: Math.round(delivered / windowSeconds),
    mutation: summarize(mutationLatencies),
    allPeers: summarize(allPeers),
    commitToAll: summarize(commitToAll),
    perDelivery: summarize(perDelivery),
    allPeersBySecond: bySecond(allPeersTimed, started),
    allPeersAfterWarmUp: summarize(
      allPeersTimed.filter(({ startedAt }) => startedAt - started >= WARM_UP_SECONDS * 1000).map(({ ms }) => ms),
    ),
    cpu,
    commitProbe,
  };
}

/** Opens idle authenticated sockets and keeps them until told to close. */
async function idle(job: IdleRequest): Promise<void> {
  const sockets: PlanSocket[] = [];
  let failures = 0;
  const indexes = Array.from({ length: job.count }, (_, i) => i);
  await pooled(indexes, 50, async (i) => {
    try {
      sockets.push(await connect(job.url, job.tokens[i % job.tokens.length]));
    } catch {
      failures++;
    }
  });
  send({ type: 'idle-open', open: sockets.length, failures });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  for (const socket of sockets) socket.close();
  await sleep(500);
  send({ type: 'idle-closed' });
}

/**
 * A bare `pg` transaction of the writes one step edit makes: the step's versioned update,
 * the label sequence, the plan event (and, when marked done, the win and its event), then
 * the audit row and the outbox mark, as the API does, at the same rate, with the API's
 * pool size. No GraphQL, no authentication, no access checks.
 */
async function pgTxn(job: PgTxnRequest): Promise<PgTxnResult> {
  // The API's pool settings: its size, and idle connections kept for five minutes (IDLE_CONNECTION_MS).
  const pool = new Pool({ connectionString: job.databaseUrl, max: 20, idleTimeoutMillis: 300_000 });
  const steps = job.steps.map((step) => ({ ...step, busy: false }));
  const latencies: number[] = [];
  const timed: { startedAt: number; ms: number }[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let inFlight = 0;
  let cursor = 0;
  let skipped = 0;
  const appendEvent = async (db: Client, step: (typeof steps)[number], type: string, itemId: string) => {
    const { rows } = await db.query<{ last_seq: number }>(
      `INSERT INTO plan_label_sequence (participant_id, label, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (participant_id, label) DO UPDATE SET last_seq = plan_label_sequence.last_seq + 1 RETURNING last_seq`,
      [step.participantId, step.label],
    );
    const inserted = await db.query<{ id: string }>(
      `INSERT INTO plan_event (participant_id, label, seq, type, item_id, actor, occurred_at, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [step.participantId, step.label, rows[0].last_seq, type, itemId, step.actor, new Date(), { text: step.text }],
    );
    return inserted.rows[0].id;
  };
  const once = async (step: (typeof steps)[number]) => {
    step.busy = true;
    inFlight++;
    const started = nowMs();
    const db = (await pool.connect()) as unknown as Client & { release(): void };
    try {
      const done = !step.done;
      await db.query('BEGIN');
      const updated = await db.query(
        'UPDATE step SET done_at = $3, version = version + 1 WHERE id = $1 AND version = $2',
        [step.id, step.version, done ? new Date() : null],
      );
      if (updated.rowCount !== 1) throw new Error('version conflict');
      const ids = [await appendEvent(db, step, done ? 'STEP_DONE' : 'STEP_REOPENED', step.id)];
      if (done) {
        const win = await db.query<{ id: string }>(
          `INSERT INTO win (participant_id, source, source_id, label, text, occurred_at, version)
           VALUES ($1, 'STEP_DONE', $2, $3, $4, $5, 1) RETURNING id`,
          [step.participantId, step.id, step.label, `Done: ${step.text}`, new Date()],
        );
        ids.push(await appendEvent(db, step, 'WIN_RECORDED', win.rows[0].id));
      }
      await db.query('COMMIT');
      await db.query(
        `INSERT INTO audit_event (participant_id, actor, action, kind, labels, at) VALUES ($1, $2, 'setStepDone', 'CHANGE', $3, $4)`,
        [step.participantId, step.actor, [step.label], new Date()],
      );
      await db.query('UPDATE plan_event SET published_at = now() WHERE id = ANY($1) AND published_at IS NULL', [ids]);
      step.version++;
      step.done = done;
      const ms = nowMs() - started;
      latencies.push(ms);
      timed.push({ startedAt: started, ms });
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      errors++;
      firstError ??= String(error);
    } finally {
      db.release();
      step.busy = false;
      inFlight--;
    }
  };
  const started = nowMs();
  const until = started + job.seconds * 1000;
  let due = 0;
  let sent = 0;
  while (nowMs() < until) {
    const target = Math.floor(((nowMs() - started) / 1000) * job.rate);
    for (; due < target; due++) {
      let chosen: (typeof steps)[number] | undefined;
      for (let tries = 0; tries < steps.length && !chosen; tries++) {
        const step = steps[cursor++ % steps.length];
        if (!step.busy) chosen = step;
      }
      if (!chosen) {
        skipped++;
        continue;
      }
      sent++;
      void once(chosen);
    }
    await sleep(2);
  }
  const seconds = (nowMs() - started) / 1000;
  while (inFlight > 0) await sleep(10);
  await pool.end();
  return {
    type: 'pgtxn',
    sent,
    skippedBusy: skipped,
    errors,
    firstError,
    txnPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    latency: summarize(latencies),
    bySecond: bySecond(timed, started),
  };
}

process.on('message', (job: { type: string }) => {
  const run = async () => {
    if (job.type === 'reads') send(await reads(job as ReadsRequest));
    else if (job.type === 'readsPaired') send(await readsPaired(job as ReadsPairedRequest));
    else if (job.type === 'realtime') send(await realtime(job as RealtimeRequest));
    else if (job.type === 'idle') await idle(job as IdleRequest);
    else if (job.type === 'pgtxn') send(await pgTxn(job as PgTxnRequest));
  };
  if (['reads', 'readsPaired', 'realtime', 'idle', 'pgtxn'].includes(job.type))
    run().catch((error: unknown) => send({ type: 'error', error: String((error as Error)?.stack ?? error) }));
});
send({ type: 'ready' });
