/**
 * The server under test: the production build (built here when the sources changed, with the same
 * fingerprint `npm start` uses, so neither rebuilds for the other), on a database of the bench's
 * own, started like `npm start` starts it (scripts/server.ts) plus the statement counter preload.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import webPush from "web-push";
import { buildFingerprint } from "../build-fingerprint";
import { freePort } from "./ports";
import type { QueryCounts } from "./query-counter";

export const ROOT = process.cwd();

/** Secrets of the bench's own, so nothing is read from or written to .data/secrets.json. */
export function benchEnvironment(workDir: string): NodeJS.ProcessEnv {
  const vapid = webPush.generateVAPIDKeys();
  // NODE_OPTIONS of the caller (a debugger, a profiler) must not reach the server under test.
  const inherited = { ...process.env };
  delete inherited.NODE_OPTIONS;
  return {
    ...inherited,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: "mailto:bench@localhost",
    DEMO_DATA: "off",
    // Each simulated browser speaks from an address of its own (X-Forwarded-For).
    TRUST_PROXY: "1",
    MAIL_OUTBOX_DIR: path.join(workDir, "outbox"),
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
  };
}

/** Builds when the sources changed since the last build (as scripts/start.ts decides). */
export function ensureBuild(env: NodeJS.ProcessEnv, log: (line: string) => void): boolean {
  const marker = path.join(ROOT, ".next", "portal-fingerprint");
  const fingerprint = buildFingerprint(ROOT);
  const current = existsSync(marker) ? readFileSync(marker, "utf8") : "";
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID")) && current === fingerprint) return false;
  log("building the portal (changed sources) …");
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  writeFileSync(marker, fingerprint);
  return true;
}

/** Migrations and reference data, exactly as `npm run db:seed` does them (no demo accounts). */
export function prepareDatabase(databaseUrl: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/db/seed-cli.ts"], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`db:seed failed:\n${result.stdout}\n${result.stderr}`);
}

export type Portal = {
  baseUrl: string;
  pid: number;
  /** SQL statements sent so far and the server's resident memory. */
  counts(): Promise<QueryCounts>;
  /** The statements' text since the last call (only with BENCH_SQL_LOG=1 in the env). */
  statementLog(): Promise<string[]>;
  /**
   * CPU time the server has used so far, in ms (Linux /proc, 10 ms ticks): the whole process (the
   * thread pool's argon2 included) and its main JavaScript thread alone.
   */
  cpuTime(): { processMs: number; mainThreadMs: number };
  /** Open file descriptors of the server, and how many of them are the SQLite database file. */
  openFiles(databaseFile?: string): { total: number; database: number };
  stop(): Promise<void>;
};

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n") : "";
  throw new Error(`the portal did not become healthy; its log (${logFile}) ends:\n${log}`);
}

/** utime + stime of a /proc/<pid>/stat line in ms (fields 14 and 15; the name may hold spaces). */
export function cpuMsFromStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
}

function cpuMs(statFile: string): number {
  return existsSync(statFile) ? cpuMsFromStat(readFileSync(statFile, "utf8")) : Number.NaN;
}

export async function startPortal(opts: {
  databaseUrl: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Write a V8 CPU profile into this folder when the server exits (it exits cleanly on stop). */
  cpuProfileDir?: string | null;
  /** Extra Node flags (bench --node-flag). */
  nodeFlags?: string[];
}): Promise<Portal> {
  const baseUrl = `http://localhost:${opts.port}`;
  // Another server on the port would answer the health check and be measured instead.
  const taken = await fetch(baseUrl, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${opts.port} is in use; choose another with --port`);
  const counterPort = await freePort();
  const log = openSync(opts.logFile, "a");
  const child = spawn(
    process.execPath,
    [
      ...(opts.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfileDir}`] : []),
      ...(opts.nodeFlags ?? []),
      "--import",
      "tsx",
      "--import",
      "./scripts/bench/query-counter.ts",
      "scripts/server.ts",
    ],
    {
      cwd: ROOT,
      env: {
        ...opts.env,
        NODE_ENV: "production",
        PORT: String(opts.port),
        APP_URL: baseUrl,
        DATABASE_URL: opts.databaseUrl,
        BENCH_QUERY_COUNTER_PORT: String(counterPort),
      },
      stdio: ["ignore", log, log],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForHealth(baseUrl, child, opts.logFile);
  const pid = child.pid!;
  return {
    baseUrl,
    pid,
    async counts() {
      const response = await fetch(`http://127.0.0.1:${counterPort}/`);
      return (await response.json()) as QueryCounts;
    },
    async statementLog() {
      const response = await fetch(`http://127.0.0.1:${counterPort}/log`);
      return (await response.json()) as string[];
    },
    cpuTime() {
      return { processMs: cpuMs(`/proc/${pid}/stat`), mainThreadMs: cpuMs(`/proc/${pid}/task/${pid}/stat`) };
    },
    openFiles(databaseFile) {
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
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
