/**
 * A closed loop for loads in which every request differs (sign-ins): `concurrency` simulated users,
 * each starting its next operation when the last one ended. One continuous load: a warm-up, then
 * `windows` consecutive measuring windows of `seconds` each (the bench's "runs"). An operation
 * belongs to the window in which it ended, so a window in steady state counts what the server
 * completed in it, however long one operation takes; the warm-up brings the load to that state.
 * Operations still running after the last window are awaited but not counted.
 */
import { figuresOf, type RunFigures } from "./stats";

export type StepTimes = Record<string, number>;
export type Operation = () => Promise<StepTimes>;

export type LoopWindow = {
  total: RunFigures;
  steps: Record<string, RunFigures>;
};

export type LoopResult = {
  windows: LoopWindow[];
  /** The first few failures in words, for the report. */
  failures: string[];
};

/** Wall-clock time of `fn` in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

type Ended = { at: number; total: number; steps: StepTimes | null };

export async function closedLoop(opts: {
  concurrency: number;
  warmupSeconds: number;
  windows: number;
  seconds: number;
  next: () => Operation;
}): Promise<LoopResult> {
  const ended: Ended[] = [];
  const failures: string[] = [];
  const windowMs = opts.seconds * 1000;
  const started = performance.now();
  const measureFrom = started + opts.warmupSeconds * 1000;
  const end = measureFrom + opts.windows * windowMs;
  const worker = async () => {
    while (performance.now() < end) {
      const operation = opts.next();
      const t0 = performance.now();
      try {
        const steps = await operation();
        const at = performance.now();
        ended.push({ at, total: at - t0, steps });
      } catch (error) {
        const at = performance.now();
        ended.push({ at, total: at - t0, steps: null });
        if (at >= measureFrom && at < end && failures.length < 5) failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const windows: LoopWindow[] = [];
  for (let k = 0; k < opts.windows; k++) {
    const from = measureFrom + k * windowMs;
    const inWindow = ended.filter((e) => e.at >= from && e.at < from + windowMs);
    const done = inWindow.filter((e) => e.steps !== null);
    const stepNames = [...new Set(done.flatMap((e) => Object.keys(e.steps!)))];
    windows.push({
      total: figuresOf(
        done.map((e) => e.total),
        opts.seconds,
        inWindow.length - done.length,
      ),
      steps: Object.fromEntries(
        stepNames.map((name) => [
          name,
          figuresOf(
            done.flatMap((e) => (e.steps![name] === undefined ? [] : [e.steps![name]!])),
            opts.seconds,
          ),
        ]),
      ),
    });
  }
  return { windows, failures };
}
