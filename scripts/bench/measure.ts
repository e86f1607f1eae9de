/**
 * Runs a closed-loop load against the portal (a warm-up, then several measuring windows) and
 * reports the median of each figure over the windows. The SQL statements one operation costs
 * (scripts/bench/query-counter.ts) are counted first on the quiet server, over consecutive
 * operations, where nothing else can be mixed into the count.
 */
import { closedLoop, type Operation } from "./load-loop";
import type { Portal } from "./portal";
import { summarise, withCpuShare, type Summary } from "./stats";

/** One operation to warm the path, then `count` more, one after another. */
async function countStatements(portal: Portal, next: () => Operation, count = 10): Promise<number> {
  await next()();
  const before = await portal.counts();
  for (let n = 0; n < count; n++) await next()();
  const after = await portal.counts();
  return (after.statements - before.statements) / count;
}

/**
 * The server's CPU time per operation, `count` operations one after another once the load has
 * warmed the server (compiled, caches filled). CPU time, unlike a rate, hardly depends on what
 * else the machine runs, so a change can be compared across runs on a busy machine
 * (docs/decisions/0078).
 */
async function cpuPerOperation(portal: Portal, next: () => Operation, count = 20): Promise<CpuPerOperation> {
  const before = portal.cpuTime();
  for (let n = 0; n < count; n++) await next()();
  const after = portal.cpuTime();
  return {
    process: (after.processMs - before.processMs) / count,
    mainThread: (after.mainThreadMs - before.mainThreadMs) / count,
  };
}

/** Server CPU ms per operation: all threads, and the one JavaScript thread that limits one process. */
type CpuPerOperation = { process: number; mainThread: number };
export type LoadSummary = {
  concurrency: number;
  seconds: number;
  total: Summary;
  steps: Record<string, Summary>;
  statementsPerOperation: number;
  cpuMsPerOperation: CpuPerOperation;
  /** Cores the load generator itself used during the load (stats.ts withCpuShare). */
  generatorCores: number;
  failures: string[];
};

export async function measureLoad(
  portal: Portal,
  opts: { concurrency: number; runs: number; seconds: number; warmupSeconds?: number; next: () => Operation },
): Promise<LoadSummary> {
  const statementsPerOperation = await countStatements(portal, opts.next);
  const [result, generatorCores] = await withCpuShare(() =>
    closedLoop({
      concurrency: opts.concurrency,
      warmupSeconds: opts.warmupSeconds ?? 3,
      windows: opts.runs,
      seconds: opts.seconds,
      next: opts.next,
    }),
  );
  const { windows } = result;
  const cpuMsPerOperation = await cpuPerOperation(portal, opts.next);
  if (windows.every((w) => w.total.count === 0)) {
    throw new Error(
      result.failures.length > 0
        ? `no operation succeeded: ${result.failures[0]}`
        : `no operation ended within a ${opts.seconds} s window; try a longer --seconds`,
    );
  }
  const stepNames = [...new Set(windows.flatMap((w) => Object.keys(w.steps)))];
  return {
    concurrency: opts.concurrency,
    seconds: opts.seconds,
    total: summarise(windows.map((w) => w.total)),
    steps: Object.fromEntries(
      stepNames.map((name) => [
        name,
        summarise(windows.flatMap((w) => (w.steps[name] ? [w.steps[name]] : []))),
      ]),
    ),
    statementsPerOperation,
    cpuMsPerOperation,
    generatorCores,
    failures: result.failures,
  };
}

/** Hands out items in turn (each simulated user takes the next customer). */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error("nothing to cycle through");
  let next = 0;
  return () => items[next++ % items.length]!;
}
