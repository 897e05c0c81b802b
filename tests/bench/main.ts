/**
 * `npm run bench`: realtime fan-out, plan and progress reads, and memory per idle socket of
 * the real API, each beside a bare baseline measured in the same run on the same machine.
 * See docs/benchmarks.md.
 */
import { resolve } from 'node:path';
import { cpuMsPerRequest } from './cpu';
import { graphql, JsonClient } from './http';
import { BenchRun, log, machineInfo, sqlPerMutation, sqlPerRequest, stepStates, writeJsonReport } from './measure';
import { parseOptions } from './options';
import { rssBytes, Worker } from './processes';
import { apiParties, share } from './scaling';
import type {
  PgTxnRequest,
  PgTxnResult,
  ReadsPairedRequest,
  ReadsPairedResult,
  ReadsResult,
  RealtimeRequest,
  RealtimeResult,
} from './protocol';
import { PLAN_QUERY, PROGRESS_QUERY } from './queries';
import { buildReport, printReport, slowSeconds, type Figures } from './report';
import { runScaling } from './scaling';
import { loadCursors, seedMeasurements, seedPeople, seedPlans, type Room } from './seed';
import { sleep } from './stats';

/**
 * Each read is measured in this many windows per side, alternating with its baseline: on a
 * shared machine the neighbours' load then falls on both (one window of each back to back
 * used to be 30 s apart, and the baseline alone moved 270–610 req/s between runs).
 */
const READ_SLICES = 5;

type Head = { metric: { id: string }; latest: unknown; trend: string };

/** RSS growth per idle authenticated socket, on a process that has just started. */
async function memoryPerSocket(loadgen: Worker, pid: number, url: string, tokens: string[], count: number) {
  await sleep(2000);
  const before = rssBytes(pid);
  const opened = await loadgen.request<{ open: number; failures: number }>({ type: 'idle', url, tokens, count });
  await sleep(3000);
  const after = rssBytes(pid);
  await loadgen.request({ type: 'close' });
  return {
    sockets: opened.open,
    failures: opened.failures,
    rssBeforeBytes: before,
    rssAfterBytes: after,
    bytesPerSocket: Math.round((after - before) / Math.max(1, opened.open)),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.scaling) return runScaling(options);
  const started = Date.now();
  const sockets = options.rooms * options.clientsPerRoom;
  const benchRun = await BenchRun.open(
    Math.max(sockets, options.idleSockets) + 1000,
    (workDir) =>
      `${options.quick ? 'quick' : 'full'} run: ${options.rooms} rooms × ${options.clientsPerRoom} clients, ` +
      `${options.editsPerSecond} edits/s for ${options.editSeconds} s; logs in ${workDir}`,
  );
  const { bench, db, workers } = benchRun;
  const { databaseUrl, secret } = bench;
  let api = benchRun.api;
  try {
    // Seeding: people in SQL, plan content through the API, measurement history in SQL.
    const everyone = await seedPeople(db, secret, options.rooms + 1, options.clientsPerRoom);
    const rooms = everyone.slice(0, options.rooms);
    const smallRoom = everyone[options.rooms];
    const t = Date.now();
    await seedPlans(api.url, rooms, [smallRoom]);
    const measurements = await seedMeasurements(db, everyone);
    await loadCursors(db, rooms);
    log(
      `seeded ${everyone.length} plans (${(Date.now() - t) / 1000} s): 10 goals, 20 steps, 4 strategies, ` +
        `20 metrics each; ${measurements} measurements`,
    );
    const loadgen = new Worker('loadgen.js');
    workers.push(loadgen);
    await loadgen.next();

    const cm = (room: Room) => room.staff[0].token;
    const room0 = rooms[0];
    const planAnswer = await graphql<{ plan: unknown; progress: unknown }>(
      new JsonClient(`${api.url}/graphql`, 1),
      PLAN_QUERY,
      { participantId: room0.participantId },
      cm(room0),
    );
    const progressAnswer = await graphql<{ progress: unknown }>(
      new JsonClient(`${api.url}/graphql`, 1),
      PROGRESS_QUERY,
      { participantId: room0.participantId },
      cm(room0),
    );

    // The plan screen's latest values and trends must equal the full progress read's.
    const heads = (progress: unknown) =>
      JSON.stringify(
        (progress as { domains: { participantDefined: Head[]; clinical: Head[] }[] }).domains.flatMap((d) =>
          [...d.participantDefined, ...d.clinical].map((s) => [s.metric.id, s.latest, s.trend]),
        ),
      );
    if (heads(planAnswer.progress) !== heads(progressAnswer.progress)) {
      throw new Error('The plan query and the progress query disagree on latest values or trends');
    }

    const figures: Partial<Figures> = {};
    // Reads: Roundtable and bare Apollo (answering the same documents from memory) in turns.
    if (!options.skip.has('reads')) {
      const sql = {
        plan: await sqlPerRequest(api, PLAN_QUERY, cm(room0), room0.participantId),
        planSmall: await sqlPerRequest(api, PLAN_QUERY, cm(smallRoom), smallRoom.participantId),
        progress: await sqlPerRequest(api, PROGRESS_QUERY, cm(room0), room0.participantId),
      };
      const apollo = new Worker('baseline-apollo.js');
      workers.push(apollo);
      const apolloReady = await apollo.request<{ url: string }>({
        schemaFile: resolve('schema/schema.graphql'),
        rootValue: { plan: planAnswer.plan, progress: progressAnswer.progress },
      });
      const targets = rooms.map((room) => ({ token: cm(room), participantId: room.participantId }));
      const paired = async (query: string): Promise<[ReadsResult, ReadsResult]> => {
        const { results } = await loadgen.request<ReadsPairedResult>({
          type: 'readsPaired',
          query,
          sides: [
            { url: api.url, targets },
            { url: apolloReady.url, targets: targets.map(({ participantId }) => ({ participantId })) },
          ],
          concurrency: options.readConcurrency,
          seconds: options.readSeconds,
          slices: READ_SLICES,
          warmupSeconds: 2,
          cpu: true,
        } satisfies ReadsPairedRequest);
        const { rows } = await db.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        const [ours, bare] = results;
        const perRequest = (result: ReadsResult, pids: number[]) =>
          result.cpu ? cpuMsPerRequest(result.cpu, pids, result.requests) : 0;
        cpuPerRequest[query === PLAN_QUERY ? 'plan' : 'progress'] = {
          api: perRequest(ours, api.pids()),
          postgres: perRequest(
            ours,
            rows.map((row) => row.pid),
          ),
          loadgen: perRequest(ours, [loadgen.child.pid!]),
          apollo: perRequest(bare, [apollo.child.pid!]),
          apolloLoadgen: perRequest(bare, [loadgen.child.pid!]),
        };
        return [ours, bare];
      };
      const cpuPerRequest: Record<string, Record<string, number>> = {};
      log(`reads: plan query, Roundtable and bare Apollo in turns (${READ_SLICES} windows each)`);
      const [plan, apolloPlan] = await paired(PLAN_QUERY);
      log(`  ${plan.rps} req/s, p99 ${plan.latency.p99Ms} ms, ${sql.plan} SQL/request (${plan.errors} errors)`);
      log(`  Apollo ${apolloPlan.rps} req/s, p99 ${apolloPlan.latency.p99Ms} ms`);
      log(`  CPU ms per request: ${JSON.stringify(cpuPerRequest.plan)}`);
      log('reads: progress query, in turns');
      const [progress, apolloProgress] = await paired(PROGRESS_QUERY);
      log(`  ${progress.rps} req/s, p99 ${progress.latency.p99Ms} ms, ${sql.progress} SQL/request`);
      log(`  Apollo ${apolloProgress.rps} req/s, p99 ${apolloProgress.latency.p99Ms} ms`);
      log(`  CPU ms per request: ${JSON.stringify(cpuPerRequest.progress)}`);
      figures.reads = { plan, progress, sql, cpuMsPerRequest: cpuPerRequest };
      figures.apollo = { plan: apolloPlan, progress: apolloProgress };
      await apollo.stop();
    }

    // Realtime fan-out.
    if (!options.skip.has('realtime')) {
      const sqlPerEdit = await sqlPerMutation(api, rooms[rooms.length - 1], db);
      log(
        `realtime: one edit (setStepDone) sends ${sqlPerEdit.statements} SQL statements (+${sqlPerEdit.outbox} outbox)`,
      );
      const states = await stepStates(db, rooms);
      const realtimeRooms = rooms.map((room) => ({
        participantId: room.participantId,
        tokens: [room.participant.token, ...room.staff.map((s) => s.token)],
        editorTokens: room.staff.map((s) => s.token),
        cursor: room.cursor,
        steps: room.editableStepIds.map((id) => ({ id, version: states.get(id)!.version, done: states.get(id)!.done })),
      }));
      const job: RealtimeRequest = {
        type: 'realtime',
        mode: 'api',
        url: api.url,
        rooms: realtimeRooms,
        rate: options.editsPerSecond,
        seconds: options.editSeconds,
        cpu: true,
        commitProbeUrl: databaseUrl,
      };
      log(`realtime: ${sockets} sockets, ${options.editsPerSecond} edits/s by mutation`);
      const ours = await loadgen.request<RealtimeResult>(job);
      log(
        `  p50 ${ours.allPeers.p50Ms} ms, p99 ${ours.allPeers.p99Ms} ms, lost ${ours.lost}, errors ${ours.editErrors}` +
          (ours.firstError ? ` (${ours.firstError})` : ''),
      );
      log(`  seconds with an edit over 100 ms: ${slowSeconds(ours.allPeersBySecond)}`);
      if (ours.commitProbe) {
        const { latency, bySecond } = ours.commitProbe;
        log(`  database commits meanwhile: p99 ${latency.p99Ms} ms; seconds over 100 ms: ${slowSeconds(bySecond)}`);
      }
      const cores = share(ours.cpu, await apiParties(api, loadgen, db));
      if (cores) log(`  cores busy while sending: ${JSON.stringify(cores)}`);
      const rss = rssBytes(api.child.pid!);
      figures.realtime = { result: ours, apiRssBytes: rss, sqlPerEdit, cores };
      figures.realtimeRooms = realtimeRooms;
    }

    // Memory per idle socket: on a freshly started API.
    const tokens = everyone.flatMap((room) => [room.participant.token, ...room.staff.map((s) => s.token)]);
    if (!options.skip.has('memory')) {
      api = await benchRun.restartApi();
      log(`memory: ${options.idleSockets} idle authenticated sockets`);
      figures.memory = await memoryPerSocket(loadgen, api.child.pid!, api.url, tokens, options.idleSockets);
      log(`  ${figures.memory.bytesPerSocket} bytes per socket`);
    }
    await api.stop();

    // The bare socket.io baseline, with the API stopped.
    if (!options.skip.has('realtime') && figures.realtimeRooms) {
      const bare = new Worker('baseline-socketio.js');
      workers.push(bare);
      const { url } = await bare.next<{ url: string }>();
      log(`baseline: bare socket.io, ${sockets} sockets, ${options.editsPerSecond} edits/s`);
      const result = await loadgen.request<RealtimeResult>({
        type: 'realtime',
        mode: 'socketio',
        url,
        rooms: figures.realtimeRooms,
        rate: options.editsPerSecond,
        seconds: options.editSeconds,
        cpu: true,
      } satisfies RealtimeRequest);
      log(`  p50 ${result.allPeers.p50Ms} ms, p99 ${result.allPeers.p99Ms} ms, lost ${result.lost}`);
      // The same cores measured for the bare server (no database): what the same fan-out costs
      // without the product, on this machine in this run, to set the API's figure beside.
      const cores = share(result.cpu, { server: [bare.child.pid!], loadgen: loadgen.child.pid!, postgres: [] });
      if (cores) log(`  cores busy while sending: ${JSON.stringify(cores)}`);
      figures.socketio = { result, cores };
      await bare.stop();

      const states = await stepStates(db, rooms);
      const actorOf = new Map(rooms.map((room) => [room.participantId, room.staff[0].accountId]));
      log(`baseline: bare pg transaction of the same writes, ${options.editsPerSecond}/s`);
      const pgTxn = await loadgen.request<PgTxnResult>({
        type: 'pgtxn',
        databaseUrl,
        rate: options.editsPerSecond,
        seconds: options.editSeconds,
        steps: [...states.values()].map((row) => ({
          id: row.id,
          participantId: row.participant_id,
          label: row.label,
          text: row.text,
          actor: actorOf.get(row.participant_id)!,
          version: row.version,
          done: row.done,
        })),
      } satisfies PgTxnRequest);
      log(`  p50 ${pgTxn.latency.p50Ms} ms, p99 ${pgTxn.latency.p99Ms} ms (${pgTxn.errors} errors)`);
      log(`  seconds with a transaction over 100 ms: ${slowSeconds(pgTxn.bySecond)}`);
      figures.pgTxn = pgTxn;
    }

    if (!options.skip.has('memory')) {
      const bare = new Worker('baseline-socketio.js');
      workers.push(bare);
      const { url } = await bare.next<{ url: string }>();
      log(`baseline: bare socket.io, ${options.idleSockets} idle sockets`);
      figures.socketioMemory = await memoryPerSocket(loadgen, bare.child.pid!, url, tokens, options.idleSockets);
      log(`  ${figures.socketioMemory.bytesPerSocket} bytes per socket`);
      await bare.stop();
    }

    const report = buildReport(options, figures, await machineInfo(db, bench, started));
    printReport(report);
    writeJsonReport(options.jsonFile, report);
  } finally {
    await benchRun.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
