/**
 * Issue 16: on SQLite every interactive transaction opened a new libsql connection (the database
 * file, its -wal and -shm) and never closed it; the server held >1,000 handles on the file after a
 * sign-in load. Counted here from this process's open file descriptors (/proc/self/fd) around 200
 * transactions of one client: they must not grow with the number of transactions
 * (docs/decisions/0059). SQLite only; Linux only (/proc).
 */
import { readdirSync, readlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma-client";

const url = resolveDatabaseUrl(process.env.DATABASE_URL);
const isSqlite = databaseKind(url) === "sqlite";
const file = isSqlite ? path.resolve(url.replace(/^file:/, "").split("?")[0] ?? "") : "";

/** Open descriptors of this process on the database file or its -wal/-shm companions. */
function openHandlesOnDatabase(): number {
  let count = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(file)) count++;
    } catch {
      // closed between listing and reading
    }
  }
  return count;
}

describe.runIf(isSqlite && process.platform === "linux")("SQLite connections", () => {
  const db = createPrismaClient();
  afterAll(() => db.$disconnect());

  it("200 interactive transactions leave no more open handles on the database file than one", async () => {
    await db.user.count(); // the client's own connection is open
    const before = openHandlesOnDatabase();
    expect(before).toBeGreaterThan(0); // the count sees this client's connection at all
    const email = `fd.${Date.now()}@example.com`;
    await db.user.create({ data: { email, emailNormalized: email } });
    for (let i = 0; i < 200; i++) {
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { emailNormalized: email }, data: { signInCount: { increment: 1 } } });
        await tx.user.count();
      });
    }
    // A rolled-back transaction too, and queries after it still see the committed state.
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.update({ where: { emailNormalized: email }, data: { signInCount: 0 } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await db.user.findUniqueOrThrow({ where: { emailNormalized: email } })).signInCount).toBe(200);
    expect(openHandlesOnDatabase() - before).toBeLessThanOrEqual(3);
  });
});
