/**
 * The arithmetic of the bench: percentiles of one run, and the median of several runs (each figure
 * separately, so one noisy run on a shared machine cannot move the reported value much).
 */

/** Nearest-rank percentile (q in 0..1) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** What one timed run of a load produced. */
export type RunFigures = {
  /** Completed operations (requests, sign-ins, hashes) per second of wall time. */
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Operations that did not end as expected (non-2xx, a refused sign-in …). */
  errors: number;
  count: number;
};

export function figuresOf(latenciesMs: readonly number[], seconds: number, errors = 0): RunFigures {
  return {
    perSecond: latenciesMs.length / seconds,
    p50: percentile(latenciesMs, 0.5),
    p95: percentile(latenciesMs, 0.95),
    p99: percentile(latenciesMs, 0.99),
    errors,
    count: latenciesMs.length,
  };
}

/** Median of each figure over the runs, plus the spread of the throughput. */
export type Summary = RunFigures & { runs: number; perSecondMin: number; perSecondMax: number };

export function summarise(runs: readonly RunFigures[]): Summary {
  const of = (key: keyof RunFigures) => median(runs.map((r) => r[key]));
  const rates = runs.map((r) => r.perSecond);
  return {
    perSecond: of("perSecond"),
    p50: of("p50"),
    p95: of("p95"),
    p99: of("p99"),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    count: runs.reduce((sum, r) => sum + r.count, 0),
    runs: runs.length,
    perSecondMin: Math.min(...rates),
    perSecondMax: Math.max(...rates),
  };
}

/** a / b, or null when either is missing: a ratio is never made up. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/**
 * The load generator shares the machine with the server: the cores it used while `fn` ran
 * (1 = one core busy the whole time), so a reader can tell what was left for the server.
 */
export async function withCpuShare<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return [value, (used.user + used.system) / 1000 / (performance.now() - started)];
}
