/**
 * CPU time by process over a window (Linux /proc): utime + stime of every process, and the
 * machine's busy time, at the start and the end. The scaling profile uses it to say which
 * resource runs out first: the API process(es), the PostgreSQL backends of the bench's
 * database, the load generator, or something else on the machine.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSnapshot {
  atMs: number;
  /** pid → utime + stime, in clock ticks. */
  byPid: Record<number, number>;
  /** Every CPU's non-idle time, in clock ticks. */
  machineBusy: number;
}

/** Ticks each process and the machine used in the window, and how long the window was. */
export interface CpuWindow {
  seconds: number;
  ticksPerSecond: number;
  byPid: Record<number, number>;
  machineBusy: number;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of one process, or undefined if it has ended. */
export function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command (which may hold spaces and parentheses): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

export function cpuSnapshot(): CpuSnapshot {
  clockTicks();
  const byPid: Record<number, number> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ticks = processTicks(Number(entry));
    if (ticks !== undefined) byPid[Number(entry)] = ticks;
  }
  // "cpu  user nice system idle iowait irq softirq steal ...": busy is all but idle and iowait.
  const total = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const machineBusy = total.reduce((sum, value) => sum + value, 0) - total[3] - total[4];
  return { atMs: Date.now(), byPid, machineBusy };
}

/** A process that started during the window counts from zero; one that ended is missing. */
export function cpuWindow(before: CpuSnapshot, after: CpuSnapshot): CpuWindow {
  const byPid: Record<number, number> = {};
  for (const [pid, ticks] of Object.entries(after.byPid)) {
    const used = ticks - (before.byPid[Number(pid)] ?? 0);
    if (used > 0) byPid[Number(pid)] = used;
  }
  return {
    seconds: (after.atMs - before.atMs) / 1000,
    ticksPerSecond: clockTicks(),
    byPid,
    machineBusy: after.machineBusy - before.machineBusy,
  };
}

/** Cores the given processes kept busy on average over the window (1 = one core all the time). */
export function coresOf(window: CpuWindow, pids: Iterable<number>): number {
  let ticks = 0;
  for (const pid of new Set(pids)) ticks += window.byPid[pid] ?? 0;
  return ticks / window.ticksPerSecond / window.seconds;
}

export function machineCores(window: CpuWindow): number {
  return window.machineBusy / window.ticksPerSecond / window.seconds;
}

/** Two windows as one (the same parties measured in turns): ticks and seconds add up. */
export function addWindows(a: CpuWindow | undefined, b: CpuWindow): CpuWindow {
  if (!a) return b;
  const byPid = { ...a.byPid };
  for (const [pid, ticks] of Object.entries(b.byPid)) byPid[Number(pid)] = (byPid[Number(pid)] ?? 0) + ticks;
  return {
    seconds: a.seconds + b.seconds,
    ticksPerSecond: a.ticksPerSecond,
    byPid,
    machineBusy: a.machineBusy + b.machineBusy,
  };
}

/** Milliseconds of CPU the given processes spent per request over the window. */
export function cpuMsPerRequest(window: CpuWindow, pids: Iterable<number>, requests: number): number {
  let ticks = 0;
  for (const pid of new Set(pids)) ticks += window.byPid[pid] ?? 0;
  return requests ? Math.round(((ticks / window.ticksPerSecond) * 1000 * 100) / requests) / 100 : 0;
}
