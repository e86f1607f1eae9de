/**
 * A throwaway PostgreSQL server for the bench, started like the tests' one
 * (tests/support/postgres-server.ts) but durable: fsync and synchronous commit stay on, as in a
 * deployment, so a commit costs what it costs there (SQLite in WAL mode syncs each commit too).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findPostgresBinDir } from "../../tests/support/postgres-server";
import { freePort } from "./ports";

export type BenchPostgres = {
  url: string;
  urlFor(database: string): string;
  /** Stops the server but keeps its data (the scale test's outage); `resume` starts it again. */
  halt(): void;
  resume(): void;
  stop(): void;
};

function asPostgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * `statementStats` loads pg_stat_statements (scenario 6 reads each hot statement's time and
 * buffers per call at both sizes, which CPU contention from other processes hardly moves).
 */
export async function startBenchPostgres({ statementStats = false } = {}): Promise<BenchPostgres> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error("PostgreSQL server binaries (initdb, pg_ctl) not found; set POSTGRES_BIN_DIR");
  const ids = asPostgresUser();
  const run = (tool: string, args: string[]) => {
    const bin = path.join(binDir, tool);
    const result = ids
      ? spawnSync("runuser", ["-u", "postgres", "--", bin, ...args], { encoding: "utf8" })
      : spawnSync(bin, args, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  const root = mkdtempSync(path.join(tmpdir(), "portal-bench-pg-"));
  if (ids) chownSync(root, ids.uid, ids.gid);
  const dataDir = path.join(root, "data");
  const port = await freePort();
  run("initdb", ["-D", dataDir, "-U", "portal", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const options = [
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    // A little more memory than the stock 128 MB, as any deployment would give a million customers.
    "-c shared_buffers=256MB -c max_wal_size=2GB",
    ...(statementStats
      ? ["-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"]
      : []),
  ].join(" ");
  const start = () =>
    run("pg_ctl", [
      "-D",
      dataDir,
      "-o",
      options,
      "-l",
      path.join(root, "server.log"),
      "-w",
      "-t",
      "60",
      "start",
    ]);
  start();
  let stopped = false;
  const urlFor = (database: string) => `postgresql://portal@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor("postgres"),
    urlFor,
    halt: () => run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]),
    resume: start,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh, empty database on the bench's server. */
export async function createDatabase(server: BenchPostgres, name: string): Promise<string> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return server.urlFor(name);
}
