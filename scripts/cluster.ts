/**
 * The primary behind `npm start` (docs/decisions/0075): runs scripts/server.ts once per core as a
 * node:cluster worker, all sharing $PORT (the primary accepts and hands connections out in turn).
 * Each worker is a whole portal — stateless, as sessions, rate limits, challenges, step-up state and
 * the webhook outbox live in the database. WEB_CONCURRENCY sets the number (default: the cores
 * available); 1 is a single worker. A worker that dies is started again after a back-off that
 * grows while it keeps dying; SIGINT/SIGTERM stop every worker gracefully, then the primary.
 */
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import path from "node:path";

const log = (message: string) => console.log(`[portal] ${message}`);

/** Workers from WEB_CONCURRENCY (a whole number 1–64) or one per available core. */
export function workerCount(env: Record<string, string | undefined> = process.env): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return availableParallelism();
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64)
    throw new Error(`WEB_CONCURRENCY: must be a whole number between 1 and 64 (got "${raw}")`);
  return value;
}

/** The wait before restarting a worker after `failures` quick deaths in a row: 0.5 s … 30 s. */
export function restartDelayMs(failures: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1));
}

/** A worker that ran this long before dying counts as healthy: its restart starts the back-off over. */
const HEALTHY_AFTER_MS = 30_000;
/** How long the workers get to finish their requests on SIGINT/SIGTERM (server.ts allows 5 s). */
const STOP_GRACE_MS = 8_000;

/** `exec`: the worker's script, scripts/server.ts unless a test gives a stand-in. */
export function startCluster(opts: {
  root: string;
  env: NodeJS.ProcessEnv;
  workers: number;
  exec?: string;
}): void {
  cluster.setupPrimary({
    exec: opts.exec ?? path.join(opts.root, "scripts/server.ts"),
    // Run under tsx (npm start), the primary's flags already load it; a debugger port cannot be shared.
    execArgv: [
      ...process.execArgv.filter((arg) => !arg.startsWith("--inspect")),
      ...(process.execArgv.some((arg) => arg.includes("tsx")) ? [] : ["--import", "tsx"]),
    ],
    cwd: opts.root,
  });
  let stopping = false;
  let failures = 0;
  let listening = 0;
  const port = opts.env.PORT;

  const fork = () => {
    const startedAt = Date.now();
    // PORTAL_WORKERS: each worker's share of the PostgreSQL pool (lib/db/postgres-settings.ts).
    const worker: Worker = cluster.fork({ ...opts.env, PORTAL_WORKERS: String(opts.workers) });
    worker.once("listening", () => {
      listening++;
      // Once, when all are up: tests and CI wait for this line (tests/e2e, .ci/run).
      if (listening === opts.workers) log(`ready on port ${port} (${opts.workers} workers)`);
    });
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      failures = Date.now() - startedAt > HEALTHY_AFTER_MS ? 1 : failures + 1;
      const delay = restartDelayMs(failures);
      log(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); restarting in ${delay} ms`);
      // Not unref'd: with its only worker gone, this timer is what keeps the primary alive.
      setTimeout(() => {
        if (!stopping) fork();
      }, delay);
    });
  };
  for (let i = 0; i < opts.workers; i++) fork();

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    for (const worker of workers) worker.process.kill(signal);
    const exited = workers.map(
      (w) => new Promise((resolve) => (w.isDead() ? resolve(null) : w.once("exit", resolve))),
    );
    const timer = setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGKILL");
    }, STOP_GRACE_MS);
    void Promise.all(exited).then(() => {
      clearTimeout(timer);
      process.exit(0);
    });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
}
