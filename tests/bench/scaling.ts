/**
 * `npm run bench -- --scaling` (issue 18): how cost grows, point by point, each beside a bare
 * baseline measured in the same run, with the CPU each party used so the table can say which
 * resource runs out first:
 *  - the plan-screen read for plans of 1, 10 and 100 goals (bare Apollo of the same answer);
 *  - edit → all peers with 10, 20 and 50 sockets per room at a fixed rate (bare socket.io);
 *  - edits/s at saturation with API_PROCESSES=1 and 2 (offered rate stepped up).
 * Same seeding, load generator, SQL probe and percentiles as the quick and full profiles.
 * See docs/benchmarks.md.
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { coresOf, machineCores, type CpuWindow } from './cpu';
import { graphql, JsonClient } from './http';
import { BenchRun, log, machineInfo, sqlPerMutation, sqlPerRequest, stepStates, writeJsonReport } from './measure';
import type { BenchOptions } from './options';
import { Worker, type ApiProcess } from './processes';
import type { ReadsResult, RealtimeRequest, RealtimeResult, RealtimeRoom } from './protocol';
import { PLAN_QUERY } from './queries';
import { machineLine, type Machine } from './report';
import { loadCursors, seedMeasurements, seedPeople, seedPlans, type Room } from './seed';

const PLAN_SIZES = [1, 10, 100];
const FAN_OUTS = [10, 20, 50];
const PROCESS_COUNTS = [1, 2];
/**
 * Offered edits/s at the saturation points, lowest first; a step passes or the ladder stops.
 * It goes on to 1,600/s: on 2026-12-01 one process sustained the old top step, 600/s.
 */
const RATE_LADDER = [25, 50, 75, 100, 150, 200, 300, 400, 600, 800, 1000, 1200, 1600];
/**
 * A saturation step is sustained when (nearly) every due edit was sent, every edit reached every
 * peer, without errors, and edit → all peers p99 stayed within this: past saturation the queue
 * grows for the whole step and p99 runs into seconds, while other work on a shared 2-core machine
 * can push a healthy p99 past the product's 100 ms target on its own (that figure is reported too).
 */
const SATURATION_P99_MS = 250;
const TARGET_P99_MS = 100;
/** Seconds of edits at the lowest rate before each ladder, not recorded: a fresh process compiles its hot paths. */
const WARMUP_SECONDS = 4;
/** Sockets per room at the saturation points (the quick profile's room size). */
const SATURATION_SOCKETS = 10;

/** Average cores each party kept busy while the load ran. */
export interface CpuShare {
  /** The API process(es), or the bare baseline server. */
  server: number;
  /** Backends of the bench's database. */
  postgres: number;
  loadgen: number;
  /** Everything else on the machine (other work, PostgreSQL's own background processes, the orchestrator). */
  other: number;
  machine: number;
}

interface Parties {
  server: number[];
  loadgen: number;
  postgres: number[];
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function share(window: CpuWindow | undefined, parties: Parties): CpuShare | undefined {
  if (!window) return undefined;
  const server = coresOf(window, parties.server);
  const postgres = coresOf(window, parties.postgres);
  const loadgen = coresOf(window, [parties.loadgen]);
  const machine = machineCores(window);
  return {
    server: round(server),
    postgres: round(postgres),
    loadgen: round(loadgen),
    other: round(Math.max(0, machine - server - postgres - loadgen)),
    machine: round(machine),
  };
}

/**
 * Which resource runs out first, from the CPU shares: each of the bench's parties against what
 * it can use (one core per API or baseline process, one for the load generator, every core for
 * PostgreSQL). When the machine's cores are (nearly) all busy the cores ran out: the party of
 * ours using most of them is named, with what work outside the bench took (the machine is
 * shared). Below half of every capacity, on a machine with cores to spare, nothing runs out yet.
 */
export function firstToRunOut(cpu: CpuShare | undefined, serverProcesses: number, serverName: string): string {
  if (!cpu) return '–';
  const cores = cpus().length;
  const full = cpu.machine / cores >= 0.9;
  const candidates: [string, number, number][] = [
    [`${serverName} CPU`, cpu.server, cpu.server / Math.min(serverProcesses, cores)],
    ['PostgreSQL CPU', cpu.postgres, cpu.postgres / cores],
    ['load generator', cpu.loadgen, cpu.loadgen],
  ];
  // With the cores full, the largest user of them; otherwise the nearest to its own limit.
  candidates.sort((a, b) => (full ? b[1] - a[1] : b[2] - a[2]));
  const [name, used, use] = candidates[0];
  if (full) return `${name} (${used.toFixed(2)} cores); all ${cores} cores busy, ${cpu.other.toFixed(2)} by other work`;
  return use < 0.5 ? `none yet (${name} at ${Math.round(use * 100)} %)` : `${name} (${Math.round(use * 100)} %)`;
}

/** The API process(es), the load generator and our database's backends, for `share`. */
export async function apiParties(api: ApiProcess, loadgen: Worker, db: Client): Promise<Parties> {
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return { server: api.pids(), loadgen: loadgen.child.pid!, postgres: rows.map((row) => row.pid) };
}

interface ReadPoint {
  goals: number;
  sqlPerRequest: number;
  roundtable: ReturnType<typeof readFigures>;
  apollo: ReturnType<typeof readFigures>;
  rpsVsApollo: number;
  firstToRunOut: string;
  apolloFirstToRunOut: string;
}

interface FanOutPoint {
  socketsPerRoom: number;
  rooms: number;
  editsPerSecond: number;
  roundtable: ReturnType<typeof realtimeFigures>;
  socketio: ReturnType<typeof realtimeFigures>;
  p99VsSocketio: number;
  /** API CPU milliseconds per edit, and per delivery (edit × sockets). */
  apiCpuMsPerEdit: number;
  apiCpuMsPerDelivery: number;
  firstToRunOut: string;
  socketioFirstToRunOut: string;
}

interface SaturationStep extends ReturnType<typeof realtimeFigures> {
  offeredPerSecond: number;
  sustained: boolean;
  why?: string;
  /** 2 when the first run was not sustained and the step was run again. */
  attempts: number;
}

interface SaturationPoint {
  processes: number;
  socketsPerRoom: number;
  rooms: number;
  sqlPerEdit: number;
  outboxSqlPerEdit: number;
  /** The highest offered rate sustained (every edit sent, none lost, no errors, p99 within the threshold). */
  sustainedEditsPerSecond: number | null;
  /** The highest offered rate whose p99 also met the product's 100 ms target. */
  withinTargetEditsPerSecond: number | null;
  atSustained?: SaturationStep;
  /** The first step that was not sustained, and why. */
  firstFailed?: SaturationStep;
  firstToRunOut: string;
  firstToRunOutWhenFailed: string;
  steps: SaturationStep[];
}

function readFigures(r: ReadsResult, cpu: CpuShare | undefined) {
  return {
    rps: r.rps,
    p50Ms: r.latency.p50Ms,
    p99Ms: r.latency.p99Ms,
    requests: r.requests,
    errors: r.errors,
    bytesPerResponse: r.bytesPerResponse,
    cpu,
    firstError: r.firstError,
  };
}

function realtimeFigures(r: RealtimeResult, cpu: CpuShare | undefined) {
  return {
    p50Ms: r.allPeers.p50Ms,
    p99Ms: r.allPeers.p99Ms,
    mutationP99Ms: r.mutation.p99Ms,
    lost: r.lost,
    skippedBusy: r.skippedBusy,
    errors: r.editErrors + r.joinErrors,
    edits: r.sent,
    achievedEditsPerSecond: r.achievedRate,
    deliveriesPerSecond: r.deliveriesPerSecond,
    sockets: r.sockets,
    cpu,
    firstError: r.firstError,
  };
}

/** The first `sockets` members of each room (participant first, then staff), editing as its staff. */
function roomsOf(rooms: Room[], sockets: number, states: Awaited<ReturnType<typeof stepStates>>): RealtimeRoom[] {
  return rooms.map((room) => {
    const members = [room.participant, ...room.staff].slice(0, sockets);
    return {
      participantId: room.participantId,
      tokens: members.map((person) => person.token),
      editorTokens: members.slice(1).map((person) => person.token),
      cursor: room.cursor,
      steps: room.editableStepIds.map((id) => ({ id, version: states.get(id)!.version, done: states.get(id)!.done })),
    };
  });
}

export async function runScaling(options: BenchOptions): Promise<void> {
  const started = Date.now();
  const rooms = options.rooms;
  const biggest = Math.max(...FAN_OUTS);
  const benchRun = await BenchRun.open(
    rooms * biggest + 1000,
    (workDir) =>
      `scaling run: plans of ${PLAN_SIZES.join(', ')} goals; ${FAN_OUTS.join(', ')} sockets per room × ${rooms} rooms ` +
      `at ${options.editsPerSecond} edits/s; saturation with ${PROCESS_COUNTS.join(' and ')} API processes; logs in ${workDir}`,
  );
  const { bench, db, workers } = benchRun;
  const { apiEnv, secret } = bench;
  let api = benchRun.api;
  try {
    // Rooms of `biggest` members with the usual 10-goal plan (fan-out, saturation, the 10-goal
    // read); two more rooms for each other plan size (one seedPeople call: its names are numbered).
    const t = Date.now();
    const otherSizes = PLAN_SIZES.filter((size) => size !== 10);
    const people = await seedPeople(db, secret, rooms + 2 * otherSizes.length, biggest);
    const fanOutRooms = people.slice(0, rooms);
    const bySize = new Map<number, Room[]>([[10, fanOutRooms.slice(0, 2)]]);
    for (const [i, goals] of otherSizes.entries()) bySize.set(goals, people.slice(rooms + 2 * i, rooms + 2 * i + 2));
    await seedPlans(api.url, fanOutRooms);
    for (const goals of otherSizes) await seedPlans(api.url, bySize.get(goals)!, [], 6, goals);
    const measurements = await seedMeasurements(db, people);
    log(`seeded ${people.length} plans (${(Date.now() - t) / 1000} s); ${measurements} measurements`);

    const loadgen = new Worker('loadgen.js');
    workers.push(loadgen);
    await loadgen.next();

    // 1. The plan-screen read by plan size, beside bare Apollo answering the same document.
    const reads: ReadPoint[] = [];
    for (const goals of PLAN_SIZES) {
      const sized = bySize.get(goals)!;
      const cm = (room: Room) => room.staff[0].token;
      const sql = await sqlPerRequest(api, PLAN_QUERY, cm(sized[0]), sized[0].participantId);
      const job = (url: string, withTokens: boolean) => ({
        type: 'reads' as const,
        url,
        query: PLAN_QUERY,
        targets: sized.map((room) => ({
          participantId: room.participantId,
          ...(withTokens ? { token: cm(room) } : {}),
        })),
        concurrency: options.readConcurrency,
        seconds: options.readSeconds,
        warmupSeconds: 1,
        cpu: true,
      });
      log(`reads: plan of ${goals} goals`);
      const ours = await loadgen.request<ReadsResult>(job(api.url, true));
      const ourCpu = share(ours.cpu, await apiParties(api, loadgen, db));
      log(`  ${ours.rps} req/s, p50 ${ours.latency.p50Ms} / p99 ${ours.latency.p99Ms} ms, ${sql} SQL/request`);

      const answer = await graphql<{ plan: unknown; progress: unknown }>(
        new JsonClient(`${api.url}/graphql`, 1),
        PLAN_QUERY,
        { participantId: sized[0].participantId },
        cm(sized[0]),
      );
      const apollo = new Worker('baseline-apollo.js');
      workers.push(apollo);
      const { url } = await apollo.request<{ url: string }>({
        schemaFile: resolve('schema/schema.graphql'),
        rootValue: { plan: answer.plan, progress: answer.progress },
      });
      const bare = await loadgen.request<ReadsResult>(job(url, false));
      await apollo.stop();
      const bareCpu = share(bare.cpu, { server: [apollo.child.pid!], loadgen: loadgen.child.pid!, postgres: [] });
      log(`  bare Apollo: ${bare.rps} req/s, p50 ${bare.latency.p50Ms} / p99 ${bare.latency.p99Ms} ms`);
      reads.push({
        goals,
        sqlPerRequest: sql,
        roundtable: readFigures(ours, ourCpu),
        apollo: readFigures(bare, bareCpu),
        rpsVsApollo: round(ours.rps / bare.rps),
        firstToRunOut: firstToRunOut(ourCpu, 1, 'API'),
        apolloFirstToRunOut: firstToRunOut(bareCpu, 1, 'Apollo'),
      });
    }

    // 2. Edit → all peers by sockets per room, at a fixed moderate rate, beside bare socket.io.
    const fanOut: FanOutPoint[] = [];
    const bareIo = new Worker('baseline-socketio.js');
    workers.push(bareIo);
    const { url: bareUrl } = await bareIo.next<{ url: string }>();
    for (const sockets of FAN_OUTS) {
      await loadCursors(db, fanOutRooms);
      const realtimeRooms = roomsOf(fanOutRooms, sockets, await stepStates(db, fanOutRooms));
      const job = (mode: 'api' | 'socketio', url: string): RealtimeRequest => ({
        type: 'realtime',
        mode,
        url,
        rooms: realtimeRooms,
        rate: options.editsPerSecond,
        seconds: options.editSeconds,
        cpu: true,
      });
      log(`fan-out: ${sockets} sockets per room × ${rooms} rooms, ${options.editsPerSecond} edits/s`);
      const ours = await loadgen.request<RealtimeResult>(job('api', api.url));
      const ourCpu = share(ours.cpu, await apiParties(api, loadgen, db));
      log(`  p50 ${ours.allPeers.p50Ms} / p99 ${ours.allPeers.p99Ms} ms, lost ${ours.lost}, errors ${ours.editErrors}`);
      const bare = await loadgen.request<RealtimeResult>(job('socketio', bareUrl));
      const bareCpu = share(bare.cpu, { server: [bareIo.child.pid!], loadgen: loadgen.child.pid!, postgres: [] });
      log(`  bare socket.io: p50 ${bare.allPeers.p50Ms} / p99 ${bare.allPeers.p99Ms} ms, lost ${bare.lost}`);
      const apiCpuMs = (ourCpu?.server ?? NaN) * options.editSeconds * 1000;
      fanOut.push({
        socketsPerRoom: sockets,
        rooms,
        editsPerSecond: options.editsPerSecond,
        roundtable: realtimeFigures(ours, ourCpu),
        socketio: realtimeFigures(bare, bareCpu),
        p99VsSocketio: round(ours.allPeers.p99Ms / bare.allPeers.p99Ms),
        apiCpuMsPerEdit: round(apiCpuMs / Math.max(1, ours.sent)),
        apiCpuMsPerDelivery: round(apiCpuMs / Math.max(1, ours.sent * sockets), 3),
        firstToRunOut: firstToRunOut(ourCpu, 1, 'API'),
        socketioFirstToRunOut: firstToRunOut(bareCpu, 1, 'socket.io'),
      });
    }
    await bareIo.stop();

    // 3. Edits/s at saturation, for 1 and 2 API processes: the offered rate steps up until a step
    // is not sustained. The 2-process ladder starts one step below the 1-process result.
    const saturation: SaturationPoint[] = [];
    for (const processes of PROCESS_COUNTS) {
      if (processes !== 1) {
        api = await benchRun.restartApi({ ...apiEnv, API_PROCESSES: String(processes) });
        log(`API restarted with ${processes} processes (pids ${api.pids().join(', ')})`);
      }
      const sqlPerEdit = await sqlPerMutation(api, fanOutRooms[fanOutRooms.length - 1], db);
      log(
        `saturation, ${processes} API process(es): ${sqlPerEdit.statements} SQL per edit (+${sqlPerEdit.outbox} outbox)`,
      );
      const previous = saturation[saturation.length - 1]?.sustainedEditsPerSecond;
      const from = previous ? Math.max(0, RATE_LADDER.indexOf(previous) - 1) : 0;
      const steps: SaturationStep[] = [];
      const run = async (rate: number, seconds: number) => {
        await loadCursors(db, fanOutRooms);
        const realtimeRooms = roomsOf(fanOutRooms, SATURATION_SOCKETS, await stepStates(db, fanOutRooms));
        const result = await loadgen.request<RealtimeResult>({
          type: 'realtime',
          mode: 'api',
          url: api.url,
          rooms: realtimeRooms,
          rate,
          seconds,
          cpu: true,
        } satisfies RealtimeRequest);
        return { result, cpu: share(result.cpu, await apiParties(api, loadgen, db)) };
      };
      await run(RATE_LADDER[from], WARMUP_SECONDS);
      for (const rate of RATE_LADDER.slice(from)) {
        // A step that fails is run once more (the machine is shared and noisy); the better run counts.
        let step: SaturationStep | undefined;
        for (let attempt = 0; attempt < 2 && !step?.sustained; attempt++) {
          const { result, cpu } = await run(rate, options.editSeconds);
          const why = [
            result.allPeers.p99Ms > SATURATION_P99_MS || Number.isNaN(result.allPeers.p99Ms)
              ? `p99 ${result.allPeers.p99Ms} ms > ${SATURATION_P99_MS} ms`
              : '',
            result.editErrors ? `${result.editErrors} errors` : '',
            result.lost ? `${result.lost} lost` : '',
            result.skippedBusy > 0.01 * (result.sent + result.skippedBusy) ? `${result.skippedBusy} skipped` : '',
          ].filter(Boolean);
          const candidate: SaturationStep = {
            offeredPerSecond: rate,
            sustained: why.length === 0,
            why: why.join(', ') || undefined,
            attempts: attempt + 1,
            ...realtimeFigures(result, cpu),
          };
          if (!step || candidate.sustained || candidate.p99Ms < step.p99Ms) step = candidate;
          log(
            `  ${rate} edits/s offered: ${result.achievedRate}/s sent, p50 ${result.allPeers.p50Ms} / p99 ` +
              `${result.allPeers.p99Ms} ms; CPU API ${cpu?.server} · PG ${cpu?.postgres} · load ${cpu?.loadgen} · ` +
              `other ${cpu?.other} cores` +
              (candidate.sustained ? '' : ` — not sustained (${candidate.why})`),
          );
        }
        steps.push(step!);
        if (!step!.sustained) break;
      }
      const atSustained = [...steps].reverse().find((step) => step.sustained);
      const firstFailed = steps.find((step) => !step.sustained);
      saturation.push({
        processes,
        socketsPerRoom: SATURATION_SOCKETS,
        rooms,
        sqlPerEdit: sqlPerEdit.statements,
        outboxSqlPerEdit: sqlPerEdit.outbox,
        sustainedEditsPerSecond: atSustained?.offeredPerSecond ?? null,
        withinTargetEditsPerSecond:
          [...steps].reverse().find((step) => step.sustained && step.p99Ms <= TARGET_P99_MS)?.offeredPerSecond ?? null,
        atSustained,
        firstFailed,
        firstToRunOut: firstToRunOut(atSustained?.cpu, processes, 'API'),
        firstToRunOutWhenFailed: firstToRunOut(firstFailed?.cpu, processes, 'API'),
        steps,
      });
    }

    const report = {
      profile: 'scaling' as const,
      machine: await machineInfo(db, bench, started),
      scaling: {
        readConcurrency: options.readConcurrency,
        readSeconds: options.readSeconds,
        editSeconds: options.editSeconds,
        saturationP99ThresholdMs: SATURATION_P99_MS,
        targetP99Ms: TARGET_P99_MS,
        reads,
        fanOut,
        saturation,
      },
    };
    printScaling(report);
    writeJsonReport(options.jsonFile, report);
  } finally {
    await benchRun.close();
  }
}

const n = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const cpuCell = (cpu: CpuShare | undefined, server = 'API') =>
  cpu
    ? `${server} ${n(cpu.server, 2)} · PG ${n(cpu.postgres, 2)} · load ${n(cpu.loadgen, 2)} · other ${n(cpu.other, 2)}`
    : '–';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

interface ScalingReport {
  machine: Machine;
  scaling: {
    readConcurrency: number;
    readSeconds: number;
    editSeconds: number;
    saturationP99ThresholdMs: number;
    targetP99Ms: number;
    reads: ReadPoint[];
    fanOut: FanOutPoint[];
    saturation: SaturationPoint[];
  };
}

/** The three tables (pasted into docs/benchmarks.md). CPU in cores kept busy on average. */
export function scalingTables(report: ScalingReport): string {
  const s = report.scaling;
  const reads = table([
    [
      'Plan read (plan + progress)',
      'req/s; p50 / p99',
      'SQL/request',
      'Bare Apollo req/s; p50 / p99',
      'Ratio (req/s)',
      'CPU, cores (Roundtable)',
      'Runs out first',
    ],
    ...s.reads.map((p) => [
      `${p.goals} goal${p.goals === 1 ? '' : 's'} (${p.roundtable.bytesPerResponse} B)`,
      `${n(p.roundtable.rps, 0)}; ${n(p.roundtable.p50Ms)} / ${n(p.roundtable.p99Ms)} ms`,
      n(p.sqlPerRequest),
      `${n(p.apollo.rps, 0)}; ${n(p.apollo.p50Ms)} / ${n(p.apollo.p99Ms)} ms`,
      `${n(p.rpsVsApollo, 2)}×`,
      cpuCell(p.roundtable.cpu),
      p.firstToRunOut,
    ]),
  ]);
  const fanOut = table([
    [
      'Edit → all peers',
      'p50 / p99; lost; skipped',
      'Bare socket.io p50 / p99; lost',
      'Ratio (p99)',
      'API CPU per edit / per delivery',
      'CPU, cores (Roundtable)',
      'Runs out first',
    ],
    ...s.fanOut.map((p) => [
      `${p.socketsPerRoom} sockets/room × ${p.rooms} rooms, ${p.editsPerSecond} edits/s`,
      `${n(p.roundtable.p50Ms)} / ${n(p.roundtable.p99Ms)} ms; ${p.roundtable.lost}; ${p.roundtable.skippedBusy}`,
      `${n(p.socketio.p50Ms)} / ${n(p.socketio.p99Ms)} ms; ${p.socketio.lost}`,
      `${n(p.p99VsSocketio)}×`,
      `${n(p.apiCpuMsPerEdit, 2)} / ${n(p.apiCpuMsPerDelivery, 3)} ms`,
      cpuCell(p.roundtable.cpu),
      p.firstToRunOut,
    ]),
  ]);
  const saturation = table([
    [
      `Edits/s at saturation (${SATURATION_SOCKETS} sockets/room)`,
      `Highest sustained (p99 ≤ ${s.saturationP99ThresholdMs} ms, 0 lost)`,
      'p50 / p99 there',
      `Highest with p99 ≤ ${s.targetP99Ms} ms`,
      'SQL/edit',
      'First step not sustained',
      'CPU there, cores',
      'Runs out first',
    ],
    ...s.saturation.map((p) => [
      `API_PROCESSES=${p.processes}`,
      p.sustainedEditsPerSecond === null ? 'none' : `${p.sustainedEditsPerSecond}/s`,
      p.atSustained ? `${n(p.atSustained.p50Ms)} / ${n(p.atSustained.p99Ms)} ms` : '–',
      p.withinTargetEditsPerSecond === null ? 'none' : `${p.withinTargetEditsPerSecond}/s`,
      n(p.sqlPerEdit),
      p.firstFailed ? `${p.firstFailed.offeredPerSecond}/s: ${p.firstFailed.why}` : 'none (ladder ended)',
      cpuCell(p.atSustained?.cpu),
      `${p.firstToRunOut}${p.firstFailed ? `; past it: ${p.firstToRunOutWhenFailed}` : ''}`,
    ]),
  ]);
  return [reads, fanOut, saturation].join('\n\n');
}

function printScaling(report: ScalingReport): void {
  const m = report.machine;
  console.log(`\nRoundtable benchmark (scaling), ${m.date}, ${m.durationSeconds} s`);
  console.log(machineLine(m));
  console.log(`Command: ${m.command}\n`);
  console.log(scalingTables(report));
}
