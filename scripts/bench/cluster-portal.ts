/**
 * The server under test as `npm start` runs it in production (`npm run bench -- --workers N`,
 * docs/decisions/0075): scripts/cluster.ts's primary (scripts/bench/cluster-primary.ts) with N
 * workers of scripts/server.ts sharing the port. Its statements, CPU time and open files are the
 * sums over the workers (server-processes.ts).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Portal, PortalOptions } from "./portal";
import type { QueryCounts } from "./query-counter";
import {
  childPids,
  counterPorts,
  cpuTimeOf,
  openFilesOf,
  refuseTakenPort,
  SERVER_PRELOAD,
  serverEnvironment,
  sumCpuTimes,
  sumOpenFiles,
  sumQueryCounts,
  waitForHealth,
} from "./server-processes";

/** Still one of our cluster's workers (and not another process that took its pid since). */
function isServerWorker(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("scripts/server.ts");
  } catch {
    return false;
  }
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

/**
 * `npm start`'s cluster (scripts/bench/cluster-primary.ts → scripts/cluster.ts) with `workers`
 * workers of scripts/server.ts. The statement counter preload reaches each worker through the
 * primary's execArgv and names its port in a file of `counterDir`; ready when the primary says every
 * worker listens and every worker's counter has answered with its port.
 */
export async function startClusterPortal(opts: PortalOptions & { workers: number }): Promise<Portal> {
  // One profile per worker and one of the primary, none of which is "the server": not offered.
  if (opts.cpuProfileDir) throw new Error("--cpu-prof profiles one server process; leave out --workers");
  const baseUrl = `http://localhost:${opts.port}`;
  await refuseTakenPort(baseUrl, opts.port);
  const counterDir = mkdtempSync(path.join(tmpdir(), "portal-bench-counters-"));
  // The log is shared by every server of the run: look for this one's "ready" after its start.
  const logStart = existsSync(opts.logFile) ? statSync(opts.logFile).size : 0;
  const log = openSync(opts.logFile, "a");
  const child = spawn(
    process.execPath,
    // The primary's flags reach every worker (scripts/cluster.ts builds their execArgv from them).
    [...(opts.nodeFlags ?? []), ...SERVER_PRELOAD, "scripts/bench/cluster-primary.ts"],
    {
      cwd: process.cwd(),
      env: serverEnvironment(opts, {
        WEB_CONCURRENCY: String(opts.workers),
        BENCH_QUERY_COUNTER_DIR: counterDir,
      }),
      stdio: ["ignore", log, log],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid!;
  const workerPids = () => childPids(pid);
  const readyLine = `[portal] ready on port ${opts.port} (${opts.workers} workers)`;
  const allReady = () =>
    readFileSync(opts.logFile).subarray(logStart).toString("utf8").includes(readyLine) &&
    counterPorts(counterDir, workerPids()).length === opts.workers;
  try {
    await waitForHealth(baseUrl, child, opts.logFile, allReady);
  } catch (error) {
    rmSync(counterDir, { recursive: true, force: true });
    throw error;
  }
  const counters = () => counterPorts(counterDir, workerPids());
  return {
    baseUrl,
    pid,
    workers: opts.workers,
    async counts() {
      const all = await Promise.all(
        counters().map((port) => fetchJson<QueryCounts>(`http://127.0.0.1:${port}/`)),
      );
      return sumQueryCounts(all);
    },
    async statementLog() {
      const all = await Promise.all(
        counters().map((port) => fetchJson<string[]>(`http://127.0.0.1:${port}/log`)),
      );
      return all.flat();
    },
    cpuTime() {
      return sumCpuTimes(workerPids().map(cpuTimeOf));
    },
    openFiles(databaseFile) {
      return sumOpenFiles(workerPids().map((worker) => openFilesOf(worker, databaseFile)));
    },
    async stop() {
      // The primary passes SIGINT on to every worker, kills what is left after 8 s and exits when
      // all have ended (scripts/cluster.ts); only a primary that hangs beyond that is killed here.
      const workers = workerPids();
      if (child.exitCode === null) {
        child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 12_000);
        await exited;
        clearTimeout(timer);
      }
      if (child.signalCode === "SIGKILL")
        for (const worker of workers.filter(isServerWorker)) process.kill(worker, "SIGKILL");
      rmSync(counterDir, { recursive: true, force: true });
    },
  };
}
