/**
 * The server under test's processes: whether they answer, and what the bench reads of them from
 * Linux's /proc: CPU time and open files of a process, and, for `npm start`'s cluster (`npm run bench -- --workers N`), its workers — the
 * primary's children, each with a statement counter of its own (query-counter.ts names its port in
 * a file called by the worker's pid). A cluster's figures are the sums over its workers; the
 * primary runs no app and only hands connections out.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import type { QueryCounts } from "./query-counter";

/** CPU ms: the whole process (the thread pool's argon2 included) and its main JavaScript thread. */
export type CpuTime = { processMs: number; mainThreadMs: number };
export type OpenFiles = { total: number; database: number };

/** Node flags of every server under test: TypeScript, and the statement counter (query-counter.ts). */
export const SERVER_PRELOAD = ["--import", "tsx", "--import", "./scripts/bench/query-counter.ts"];

/** The environment `npm start` gives the portal, on the bench's database and port, plus `extra`. */
export function serverEnvironment(
  opts: { env: NodeJS.ProcessEnv; port: number; databaseUrl: string },
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  return {
    ...opts.env,
    NODE_ENV: "production",
    PORT: String(opts.port),
    APP_URL: `http://localhost:${opts.port}`,
    DATABASE_URL: opts.databaseUrl,
    ...extra,
  };
}

/** `isReady`: a further condition after health (under the cluster: every worker listens). */
export async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  logFile: string,
  isReady: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200 && isReady()) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n") : "";
  throw new Error(`the portal did not become healthy; its log (${logFile}) ends:\n${log}`);
}

/** Another server on the port would answer the health check and be measured instead. */
export async function refuseTakenPort(baseUrl: string, port: number): Promise<void> {
  const taken = await fetch(baseUrl, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is in use; choose another with --port`);
}

/** utime + stime of a /proc/<pid>/stat line in ms (fields 14 and 15; the name may hold spaces). */
export function cpuMsFromStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
}

/** The parent pid of a /proc/<pid>/stat line (field 4). */
export function parentPidFromStat(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return ""; // the process ended meanwhile
  }
}

function cpuMs(statFile: string): number {
  return existsSync(statFile) ? cpuMsFromStat(readFileSync(statFile, "utf8")) : Number.NaN;
}

export function cpuTimeOf(pid: number): CpuTime {
  return { processMs: cpuMs(`/proc/${pid}/stat`), mainThreadMs: cpuMs(`/proc/${pid}/task/${pid}/stat`) };
}

/** Open file descriptors of a process, and how many of them are `databaseFile`. */
export function openFilesOf(pid: number, databaseFile?: string): OpenFiles {
  const dir = `/proc/${pid}/fd`;
  if (!existsSync(dir)) return { total: Number.NaN, database: Number.NaN };
  const fds = readdirSync(dir);
  let database = 0;
  for (const fd of fds) {
    try {
      if (databaseFile && readlinkSync(path.join(dir, fd)) === databaseFile) database++;
    } catch {
      // closed meanwhile
    }
  }
  return { total: fds.length, database };
}

/**
 * The live children of `pid`: /proc/<pid>/task/<pid>/children (cluster.fork runs on the main
 * thread), or, on a kernel without that file, every process whose parent is `pid`.
 */
export function childPids(pid: number): number[] {
  const childrenFile = `/proc/${pid}/task/${pid}/children`;
  if (existsSync(childrenFile)) return readOrEmpty(childrenFile).split(" ").filter(Boolean).map(Number);
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      const stat = readOrEmpty(`/proc/${entry}/stat`);
      return stat !== "" && parentPidFromStat(stat) === pid;
    })
    .map(Number);
}

/** Statements and resident memory of all workers together. */
export function sumQueryCounts(counts: QueryCounts[]): QueryCounts {
  return {
    statements: counts.reduce((sum, c) => sum + c.statements, 0),
    rssBytes: counts.reduce((sum, c) => sum + c.rssBytes, 0),
  };
}

/** CPU time of all workers together; the main thread is each worker's own JavaScript thread. */
export function sumCpuTimes(times: CpuTime[]): CpuTime {
  if (times.length === 0) return { processMs: Number.NaN, mainThreadMs: Number.NaN };
  return {
    processMs: times.reduce((sum, t) => sum + t.processMs, 0),
    mainThreadMs: times.reduce((sum, t) => sum + t.mainThreadMs, 0),
  };
}

/** Open files of all workers together (no worker: not known, as for a process that is gone). */
export function sumOpenFiles(files: OpenFiles[]): OpenFiles {
  if (files.length === 0) return { total: Number.NaN, database: Number.NaN };
  return {
    total: files.reduce((sum, f) => sum + f.total, 0),
    database: files.reduce((sum, f) => sum + f.database, 0),
  };
}

/**
 * The counter ports of the given workers from the port files in `dir` (name: the worker's pid,
 * content: its port). A file of a pid not among `pids` (a worker that died) is left out, and a
 * worker whose counter has not written its file yet has none.
 */
export function counterPorts(dir: string, pids: number[]): number[] {
  const live = new Set(pids.map(String));
  return readdirSync(dir)
    .filter((name) => live.has(name))
    .map((name) => Number(readOrEmpty(path.join(dir, name))))
    .filter((port) => port > 0);
}
