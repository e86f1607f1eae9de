/**
 * The server under test: the production build (built here when the sources changed, with the same
 * fingerprint `npm start` uses, so neither rebuilds for the other), on a database of the bench's
 * own, started like `npm start` starts it plus the statement counter preload: one server process
 * (scripts/server.ts, the bench's default) or, with `workers` > 1, scripts/cluster.ts's primary
 * with that many workers (WEB_CONCURRENCY, as `npm start` runs one per core).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import webPush from "web-push";
import { buildFingerprint } from "../build-fingerprint";
import { freePort } from "./ports";
import type { QueryCounts } from "./query-counter";
import { startClusterPortal } from "./cluster-portal";
import {
  cpuTimeOf,
  openFilesOf,
  refuseTakenPort,
  SERVER_PRELOAD,
  serverEnvironment,
  waitForHealth,
  type CpuTime,
  type OpenFiles,
} from "./server-processes";

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
  /** The server process; with workers, the cluster's primary. */
  pid: number;
  /** Server processes that serve requests: 1, or the cluster's workers. */
  workers: number;
  /** SQL statements sent so far and the server's resident memory (with workers: summed over them). */
  counts(): Promise<QueryCounts>;
  /** The statements' text since the last call (only with BENCH_SQL_LOG=1 in the env). */
  statementLog(): Promise<string[]>;
  /**
   * CPU time the server has used so far, in ms (Linux /proc, 10 ms ticks): the whole process (the
   * thread pool's argon2 included) and its main JavaScript thread alone. With workers: the sum over
   * the workers, each one's main thread (the primary, which only hands connections out, is not in it).
   */
  cpuTime(): CpuTime;
  /** Open file descriptors of the server (with workers: summed), and how many are the SQLite file. */
  openFiles(databaseFile?: string): OpenFiles;
  stop(): Promise<void>;
};

export type PortalOptions = {
  databaseUrl: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Write a V8 CPU profile into this folder when the server exits (it exits cleanly on stop). */
  cpuProfileDir?: string | null;
  /** Extra Node flags (bench --node-flag); under the cluster they reach the workers too. */
  nodeFlags?: string[];
  /** 1 (default): one server process; more: `npm start`'s cluster with that many workers. */
  workers?: number;
};

export async function startPortal(opts: PortalOptions): Promise<Portal> {
  const workers = opts.workers ?? 1;
  if (workers > 1) return startClusterPortal({ ...opts, workers });
  const baseUrl = `http://localhost:${opts.port}`;
  await refuseTakenPort(baseUrl, opts.port);
  const counterPort = await freePort();
  const log = openSync(opts.logFile, "a");
  const child = spawn(
    process.execPath,
    [
      ...(opts.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfileDir}`] : []),
      ...(opts.nodeFlags ?? []),
      ...SERVER_PRELOAD,
      "scripts/server.ts",
    ],
    {
      cwd: ROOT,
      env: serverEnvironment(opts, { BENCH_QUERY_COUNTER_PORT: String(counterPort) }),
      stdio: ["ignore", log, log],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForHealth(baseUrl, child, opts.logFile);
  const pid = child.pid!;
  return {
    baseUrl,
    pid,
    workers: 1,
    async counts() {
      const response = await fetch(`http://127.0.0.1:${counterPort}/`);
      return (await response.json()) as QueryCounts;
    },
    async statementLog() {
      const response = await fetch(`http://127.0.0.1:${counterPort}/log`);
      return (await response.json()) as string[];
    },
    cpuTime() {
      return cpuTimeOf(pid);
    },
    openFiles(databaseFile) {
      return openFilesOf(pid, databaseFile);
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
