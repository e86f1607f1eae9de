/**
 * Issue 16, docs/decisions/0075: `npm start` runs one worker per core, so on SQLite several
 * processes write one file. Before, 20 % of such writes failed with SQLITE_BUSY (a DEFERRED
 * transaction that read first and then lost the race for the write lock, and no busy timeout) and
 * the WAL grew without bound. Here two app processes (tests/support/sqlite-writer-child.ts, each
 * with its own Prisma client and 8 writes at once) run sign-in-like and profile-update transactions
 * in parallel without any retry: every write must succeed, every row be there, and the -wal file
 * stay small while they run. SQLite only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma-client";

const url = resolveDatabaseUrl(process.env.DATABASE_URL);
const isSqlite = databaseKind(url) === "sqlite";
const walFile = isSqlite ? `${path.resolve(url.replace(/^file:/, "").split("?")[0] ?? "")}-wal` : "";
const WRITES_PER_PROCESS = 300;
const MiB = 1024 * 1024;

type Result = {
  tag: string;
  userId: string;
  sessions: number;
  updates: number;
  signInCount: number;
  sessionRows: number;
  errors: string[];
};

function writer(tag: string, startFile: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "tests/support/sqlite-writer-child.ts",
      tag,
      String(WRITES_PER_PROCESS),
      startFile,
    ],
    { env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes("ready")) resolve();
      if (child.exitCode !== null) reject(new Error(`writer ${tag} exited early: ${output}`));
      if (output.includes("ready") || child.exitCode !== null) clearInterval(timer);
    }, 20);
  });
  const done = new Promise<Result>((resolve, reject) =>
    child.on("exit", (code) => {
      const line = output.split("\n").find((l) => l.startsWith("{"));
      if (code === 0 && line) resolve(JSON.parse(line) as Result);
      else reject(new Error(`writer ${tag} exited with ${code}: ${output}`));
    }),
  );
  return { ready, done };
}

describe.runIf(isSqlite)("SQLite with several app processes", () => {
  const db = createPrismaClient();
  const dir = mkdtempSync(path.join(tmpdir(), "sqlite-processes-"));
  afterAll(async () => {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    "two processes writing at once: no error, every row there, the WAL stays under 16 MiB",
    { timeout: 180_000 },
    async () => {
      const startFile = path.join(dir, "start");
      const writers = ["a", "b"].map((tag) => writer(tag, startFile));
      await Promise.all(writers.map((w) => w.ready));
      let walPeak = 0;
      const sampler = setInterval(() => {
        if (existsSync(walFile)) walPeak = Math.max(walPeak, statSync(walFile).size);
      }, 20);
      writeFileSync(startFile, "go");
      const results = await Promise.all(writers.map((w) => w.done)).finally(() => clearInterval(sampler));

      for (const result of results) {
        expect(result.errors).toEqual([]);
        expect(result.sessions + result.updates).toBe(WRITES_PER_PROCESS);
        expect(result.signInCount).toBe(result.sessions);
        expect(result.sessionRows).toBe(result.sessions);
        // Seen from a third client too: the rows and the audit events committed.
        expect(await db.session.count({ where: { userId: result.userId } })).toBe(WRITES_PER_PROCESS / 2);
        const events = await db.auditEvent.count({
          where: { type: "profile.updated", subjectUserId: result.userId },
        });
        expect(events).toBe(WRITES_PER_PROCESS / 2);
      }
      console.log(`[sqlite-processes] WAL peak ${(walPeak / MiB).toFixed(1)} MiB`);
      expect(walPeak).toBeGreaterThan(0); // the sampler saw the file at all
      expect(walPeak).toBeLessThan(16 * MiB);
    },
  );
});
