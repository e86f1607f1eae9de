/**
 * Starts a throwaway PostgreSQL server for tests (initdb + pg_ctl from the machine's server
 * binaries) and removes it afterwards. `initdb` refuses to run as root, so as root the server runs as
 * the `postgres` user in a folder it owns. Tuned for speed: no fsync, trust auth on 127.0.0.1 only.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const BIN_DIRS = [
  "/usr/lib/postgresql/17/bin",
  "/usr/lib/postgresql/16/bin",
  "/usr/lib/postgresql/15/bin",
  "/usr/local/bin",
  "/usr/bin",
];

export type PostgresServer = { url: string; port: number; stop(): void };

export function findPostgresBinDir(): string | null {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  if (fromEnv && existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  return (
    BIN_DIRS.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) ??
    null
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function postgresUserIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

function run(binDir: string, tool: string, args: string[], asPostgres: boolean): void {
  const command = asPostgres ? "runuser" : path.join(binDir, tool);
  const fullArgs = asPostgres ? ["-u", "postgres", "--", path.join(binDir, tool), ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error("PostgreSQL server binaries (initdb, pg_ctl) not found; set POSTGRES_BIN_DIR");
  const ids = postgresUserIds();
  const root = mkdtempSync(path.join(tmpdir(), "portal-pg-"));
  if (ids) chownSync(root, ids.uid, ids.gid);
  const dataDir = path.join(root, "data");
  const port = await freePort();
  const user = "portal";
  run(
    binDir,
    "initdb",
    ["-D", dataDir, "-U", user, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
    !!ids,
  );
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(
    binDir,
    "pg_ctl",
    ["-D", dataDir, "-o", options, "-l", path.join(root, "server.log"), "-w", "-t", "30", "start"],
    !!ids,
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(binDir, "pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"], !!ids);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  return { url: `postgresql://${user}@127.0.0.1:${port}/postgres`, port, stop };
}
