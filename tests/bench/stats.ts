/** Latency summaries: nearest-rank percentiles over every sample (no sampling, no histograms). */
export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarize(samples: number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50Ms: NaN, p95Ms: NaN, p99Ms: NaN, maxMs: NaN };
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    count: sorted.length,
    p50Ms: round(rank(0.5)),
    p95Ms: round(rank(0.95)),
    p99Ms: round(rank(0.99)),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The realtime figures also say how edits sent after this many seconds fared: a process that
 * starts at full rate runs its edit path unoptimised at first (issue 18's profile: 30 % more
 * JavaScript a second over the first four seconds than later, the same edits).
 */
export const WARM_UP_SECONDS = 10;

/** One second's samples: their median and their worst. */
export interface SecondSummary {
  second: number;
  p50Ms: number;
  maxMs: number;
}

/**
 * Latencies grouped by the second they started in (0 = the second of `start`): where the slow
 * ones are, at the start (a cold process), in bursts, or throughout.
 */
export function bySecond(samples: readonly { startedAt: number; ms: number }[], start: number): SecondSummary[] {
  const seconds: number[][] = [];
  for (const { startedAt, ms } of samples) (seconds[Math.floor((startedAt - start) / 1000)] ??= []).push(ms);
  return [...seconds.entries()]
    .filter(([, values]) => values?.length)
    .map(([second, values]) => {
      const { p50Ms, maxMs } = summarize(values);
      return { second, p50Ms, maxMs };
    });
}
