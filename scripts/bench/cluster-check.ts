/**
 * Issue 16 Done-when 5, last clause (docs/decisions/0075): `npm start` with one worker per core on
 * SQLite serves the password sign-in load with no 500s. Starts the portal the way `npm start` does
 * (scripts/start.ts: migrate, seed, build when stale, then scripts/cluster.ts) on a bench SQLite
 * database, once with WEB_CONCURRENCY=1 and once with --workers (default: one per core), runs the
 * bench's password sign-in load (scenarios/sign-in.ts) against each, and prints the sign-in rates,
 * their ratio and every answer by HTTP status. Exits 1 if any answer was a 5xx.
 *   npx tsx scripts/bench/cluster-check.ts [--workers N] [--seconds S] [--runs N] [--customers N]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { statusCounts } from "./browser";
import { signInOrder } from "./customers";
import { benchEnvironment, ensureBuild, prepareDatabase, ROOT, type Portal } from "./portal";
import { benchPasswordSignIn, type SignInResult } from "./scenarios/sign-in";
import { seedCustomers } from "./seed";

const { values } = parseArgs({
  options: {
    workers: { type: "string" },
    seconds: { type: "string", default: "6" },
    runs: { type: "string", default: "3" },
    customers: { type: "string", default: "2000" },
    port: { type: "string", default: "3191" },
  },
});
const workers = Number(values.workers ?? availableParallelism());
const customers = Number(values.customers);
const port = Number(values.port);
const log = (line: string) => console.log(`[cluster-check] ${line}`);

/** `npm start` (scripts/start.ts) on the bench database with `count` workers; resolves when ready. */
async function startThroughNpmStart(env: NodeJS.ProcessEnv, count: number): Promise<Portal> {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: ROOT,
    env: { ...env, WEB_CONCURRENCY: String(count) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      // The primary says it once every worker listens; a single server says it itself.
      if (/\[portal\] ready on port/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  return {
    baseUrl: `http://localhost:${port}`,
    pid: child.pid!,
    workers: count,
    // No statement counter under the cluster: the sign-in figures here are rates and statuses only.
    counts: async () => ({ statements: 0, rssBytes: 0 }),
    statementLog: async () => [],
    // Nor CPU time: the primary's own figures would leave out its workers.
    cpuTime: () => ({ processMs: Number.NaN, mainThreadMs: Number.NaN }),
    openFiles: () => ({ total: Number.NaN, database: Number.NaN }),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      if (/\b500\b|SQLITE_BUSY|database is locked/.test(output))
        log(`server output mentions errors:\n${output}`);
    },
  };
}

function statuses(): string {
  return [...statusCounts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status} × ${count}`)
    .join(", ");
}

const workDir = mkdtempSync(path.join(tmpdir(), "portal-cluster-check-"));
const databaseUrl = `file:${path.join(workDir, "portal.db")}`;
const env: NodeJS.ProcessEnv = {
  ...benchEnvironment(workDir),
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  APP_URL: `http://localhost:${port}`,
};
log(
  `load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
let failed = false;
try {
  ensureBuild(env, log);
  prepareDatabase(databaseUrl, env);
  log(`seeding ${customers} customers …`);
  await seedCustomers(databaseUrl, { from: 0, to: customers, sessions: [], passkeys: [] });
  const opts = { concurrency: 16, runs: Number(values.runs), seconds: Number(values.seconds) };
  const rates: Record<number, SignInResult> = {};
  for (const count of [...new Set([1, workers])]) {
    const portal = await startThroughNpmStart(env, count);
    statusCounts.clear();
    try {
      log(`${count} worker(s): password sign-in, ${opts.concurrency} at once …`);
      rates[count] = await benchPasswordSignIn(
        portal,
        signInOrder(customers, Math.min(customers, 5_000)),
        opts,
      );
    } finally {
      await portal.stop();
    }
    const r = rates[count]!;
    const server = [...statusCounts.entries()]
      .filter(([status]) => status >= 500)
      .reduce((n, [, c]) => n + c, 0);
    failed ||= server > 0;
    log(
      `${count} worker(s): request alone ${r.requestAlone.total.perSecond.toFixed(1)}/s, whole flow ` +
        `${r.wholeFlow.total.perSecond.toFixed(1)}/s; answers: ${statuses()}; 5xx: ${server}` +
        `${r.requestAlone.failures.length + r.wholeFlow.failures.length > 0 ? `; failures: ${[...r.requestAlone.failures, ...r.wholeFlow.failures].join(" | ")}` : ""}`,
    );
  }
  if (workers > 1) {
    const ratio = (key: "requestAlone" | "wholeFlow") =>
      (rates[workers]![key].total.perSecond / rates[1]![key].total.perSecond).toFixed(2);
    log(
      `${workers} workers / 1 worker: request alone × ${ratio("requestAlone")}, whole flow × ${ratio("wholeFlow")}`,
    );
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  log(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
