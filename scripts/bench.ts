/**
 * `npm run bench`: prints figures for the hot paths the portal depends on, measured on this machine
 * (never asserted in tests, where timing flakes). Later issues add their own cases here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hashPassword, verifyPassword } from "../lib/server/passwords/password-hash";
import { createPrismaClient } from "../lib/db/prisma-client";
import { benchCommonPasswords } from "../lib/server/passwords/bench-common-passwords";
import { migrateDatabase } from "./db/migrate";

async function measure(name: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(
    `${name.padEnd(44)} runs=${String(runs).padStart(5)}  median=${at(0.5)} ms  p95=${at(0.95)} ms`,
  );
}

await benchCommonPasswords(); // first, so its memory figures are not mixed with others'
const hash = await hashPassword("korrekt pferd batterie heftklammer");
await measure("argon2id hash (m=19 MiB, t=2, p=1)", 30, () =>
  hashPassword("korrekt pferd batterie heftklammer"),
);
await measure("argon2id verify", 30, () => verifyPassword(hash, "korrekt pferd batterie heftklammer"));

const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
const url = `file:${path.join(dir, "bench.db")}`;
migrateDatabase(url);
const db = createPrismaClient(url);
const user = await db.user.create({
  data: { email: "bench@example.com", emailNormalized: "bench@example.com" },
});
await measure("SQLite: SELECT 1 (health check)", 500, () => db.$queryRawUnsafe("SELECT 1"));
await measure("SQLite: user by normalised email", 500, () =>
  db.user.findUnique({ where: { emailNormalized: "bench@example.com" } }),
);
await measure("SQLite: insert + delete a session row", 200, async () => {
  const s = await db.session.create({
    data: {
      userId: user.id,
      tokenHash: crypto.randomUUID(),
      idleExpiresAt: new Date(),
      absoluteExpiresAt: new Date(),
      authMethods: ["pwd"],
    },
  });
  await db.session.delete({ where: { id: s.id } });
});
await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
console.log(`memory: rss=${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
